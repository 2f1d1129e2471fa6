import fs from "node:fs";
import { describe, expect, test, vi } from "vitest";
import * as Y from "yjs";
import { createPlan, loadRoomDoc } from "../../sync-server/plans.ts";
import {
  editStoredPlan,
  storePlan,
  territory,
  useTempDir,
  withStorage,
} from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const dataDir = useTempDir("meridian-export-");

/** Stores a plan, then edits it through a second stored update and a snapshot, as the server would. */
function storeEast(): void {
  withStorage(dataDir.path, (storage) => {
    createPlan(storage, {
      planId: "east",
      name: "East",
      territories: [
        territory("t-ne", "New England"),
        territory("t-ma", 'Mid-Atlantic, "Metro"'),
        territory("t-gone", "Gone"),
      ],
      assignments: [
        ["36061", "t-ma"],
        ["09001", "t-ne"],
        ["25025", "t-gone"],
      ],
    });
    storage.writeSnapshot(
      "east",
      1,
      Y.encodeStateAsUpdate(loadRoomDoc(storage, "east")),
    );

    editStoredPlan(storage, "east", (plan) => {
      plan.assign(["01001"], "t-ne");
      plan.assign(["25025"], null);
    });
  });
}

describe("meridian export assignments", () => {
  test("writes sorted CSV with territory names", () => {
    storeEast();

    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "east",
      "--data-dir",
      dataDir.path,
    ]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        "unit_id,territory",
        "01001,New England",
        "09001,New England",
        '36061,"Mid-Atlantic, ""Metro"""',
        "",
      ].join("\n"),
    );
  });

  test("writes the file given by --out", () => {
    storeEast();
    const out = dataDir.file("east.csv");

    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "east",
      "--data-dir",
      dataDir.path,
      "--out",
      out,
    ]);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(fs.readFileSync(out, "utf8").split("\n")[1]).toBe(
      "01001,New England",
    );
  });

  test("skips units of a deleted territory and tells shared names apart", () => {
    storePlan(dataDir.path, {
      planId: "dup",
      name: "Dup",
      territories: [
        territory("aaaaaaaa-1", "West"),
        territory("bbbbbbbb-2", "West"),
      ],
      assignments: [
        ["06001", "aaaaaaaa-1"],
        ["06003", "bbbbbbbb-2"],
        ["06005", "deleted-elsewhere"],
      ],
    });

    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "dup",
      "--data-dir",
      dataDir.path,
    ]);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        "unit_id,territory",
        "06001,West (aaaaaaaa)",
        "06003,West (bbbbbbbb)",
        "",
      ].join("\n"),
    );
  });

  test("unwritable --out exits 1 naming the file", () => {
    storeEast();
    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "east",
      "--data-dir",
      dataDir.path,
      "--out",
      dataDir.file("missing/x.csv"),
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("its folder does not exist");
    expect(result.stderr).not.toContain("    at ");
  });

  test("unknown plan exits 1", () => {
    storeEast();
    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "west",
      "--data-dir",
      dataDir.path,
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Plan "west" does not exist');
    expect(result.stderr).toContain("Known plans: east");
  });

  test("unknown export kind exits 2", () => {
    const result = runCli([
      "export",
      "quotas",
      "--plan",
      "east",
      "--data-dir",
      dataDir.path,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'Unknown export "quotas"; supported: assignments',
    );
  });
});
