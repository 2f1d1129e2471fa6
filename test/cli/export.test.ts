import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { createPlan, loadRoomDoc } from "../../sync-server/plans.ts";
import { Storage } from "../../sync-server/storage.ts";
import { runCli } from "./run-cli.ts";

const territory = (id: string, name: string) => ({
  id,
  name,
  color: "#1f77b4",
  parentId: null,
  ownerId: null,
  locked: false,
  kind: "territory" as const,
});

let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-export-"));
});

afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Stores a plan, then edits it through a second stored update and a snapshot, as the server would. */
function storePlan(): void {
  const storage = Storage.open(dataDir);
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

  const doc = loadRoomDoc(storage, "east");
  const before = Y.encodeStateVector(doc);
  const plan = new PlanDoc(doc);
  plan.assign(["01001"], "t-ne");
  plan.assign(["25025"], null);
  storage.appendUpdate("east", Y.encodeStateAsUpdate(doc, before), null);
  storage.close();
}

describe("meridian export assignments", () => {
  test("writes sorted CSV with territory names", () => {
    storePlan();

    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "east",
      "--data-dir",
      dataDir,
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
    storePlan();
    const out = path.join(dataDir, "east.csv");

    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "east",
      "--data-dir",
      dataDir,
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
    const storage = Storage.open(dataDir);
    createPlan(storage, {
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
    storage.close();

    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "dup",
      "--data-dir",
      dataDir,
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
    storePlan();
    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "east",
      "--data-dir",
      dataDir,
      "--out",
      path.join(dataDir, "missing", "x.csv"),
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("its folder does not exist");
    expect(result.stderr).not.toContain("    at ");
  });

  test("unknown plan exits 1", () => {
    storePlan();
    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "west",
      "--data-dir",
      dataDir,
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
      dataDir,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'Unknown export "quotas"; supported: assignments',
    );
  });
});
