import fs from "node:fs";
import { beforeEach, describe, expect, test } from "vitest";
import { createEmptyPlan, loadPlanDoc } from "../../sync-server/plans.ts";
import { Storage } from "../../sync-server/storage.ts";
import { GEOMETRY_SHA256 } from "../sync-server/helpers.ts";
import {
  createGeometryFolder,
  editStoredPlan,
  useTempDir,
  withStorage,
} from "./cli-fixture.ts";
import { runCli } from "./run-cli.ts";

const SECRET = "cli-backup-secret-0123456789-abcdefghijkl";

const root = useTempDir("meridian-backup-");
let sourceDir: string;
let targetDir: string;
let publicDataDir: string;
let backupFile: string;

beforeEach(() => {
  sourceDir = root.file("source");
  targetDir = root.file("target");
  publicDataDir = createGeometryFolder(root.file("public-data"));
  backupFile = root.file("west.meridian-backup");
  seedSource();
});

/** A plan "west" with one territory added by a later update and a version. */
function seedSource(): void {
  withStorage(sourceDir, (storage) => {
    createEmptyPlan(storage, {
      planId: "west",
      name: "FY27 West",
      datasets: { geometry: GEOMETRY_SHA256 },
      creator: { personId: "person-ada", name: "Ada" },
    });
    editStoredPlan(
      storage,
      "west",
      (plan) =>
        plan.createTerritory({
          name: "Coast",
          color: "#1f77b4",
          parentId: null,
          ownerId: null,
          locked: false,
          kind: "territory",
        }),
      "person-ada",
    );
    storage.versions.insert({
      id: "version-1",
      planId: "west",
      name: "Draft",
      note: "",
      createdBy: "person-ada",
      createdAt: Date.now(),
    });
  });
}

function cli(...args: string[]) {
  return runCli(["plan", ...args, "--public-data-dir", publicDataDir], {
    AUTH_SECRET: SECRET,
  });
}

function readRows(dataDir: string, room: string) {
  const storage = Storage.open(dataDir, { readonly: true });
  try {
    return {
      plan: storage.getPlan(room),
      stored: storage.loadRoom(room),
      versions: storage.versions.list(room).map((v) => [v.name, v.seq]),
    };
  } finally {
    storage.close();
  }
}

// Each test starts the command once or twice, about 1.5 s each with tsx,
// which can exceed the default 5-second timeout on a busy machine.
describe("meridian plan backup and import", { timeout: 30_000 }, () => {
  test("import restores plan from backup", () => {
    const backup = cli(
      "backup",
      "--plan",
      "west",
      "--out",
      backupFile,
      "--data-dir",
      sourceDir,
    );
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/plan "FY27 West", 2 plan updates/);

    const imported = cli(
      "import",
      "--file",
      backupFile,
      "--data-dir",
      targetDir,
    );
    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    const lines = imported.stdout.trim().split("\n");
    expect(lines[0]).toBe("plan: west");
    expect(lines.slice(1).map((line) => line.split(":")[0])).toEqual([
      "editor",
      "reviewer",
      "viewer",
    ]);

    const original = readRows(sourceDir, "west");
    const restored = readRows(targetDir, "west");
    expect(restored.plan).toEqual(original.plan);
    expect(restored.versions).toEqual([["Draft", 2]]);
    const target = Storage.open(targetDir, { readonly: true });
    try {
      const names = loadPlanDoc(target, "west")
        .readTerritories()
        .map((territory) => territory.name);
      expect(names).toEqual(["Coast"]);
      expect(target.people.get("west", "person-ada")?.name).toBe("Ada");
    } finally {
      target.close();
    }
  });

  test("import rejects existing id", () => {
    cli(
      "backup",
      "--plan",
      "west",
      "--out",
      backupFile,
      "--data-dir",
      sourceDir,
    );
    const before = readRows(sourceDir, "west");

    const result = cli("import", "--file", backupFile, "--data-dir", sourceDir);

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /Plan "west" already exists on this server.*Pass --id NEW_ID\. \(PLAN_EXISTS\)/,
    );
    expect(readRows(sourceDir, "west")).toEqual(before);
  });

  test("import with --id adds a copy", () => {
    cli(
      "backup",
      "--plan",
      "west",
      "--out",
      backupFile,
      "--data-dir",
      sourceDir,
    );

    const result = cli(
      "import",
      "--file",
      backupFile,
      "--id",
      "west-copy",
      "--data-dir",
      sourceDir,
    );

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^plan: west-copy\n/);
    const copy = readRows(sourceDir, "west-copy");
    expect(copy.plan?.name).toBe("FY27 West");
    // The copy's history is the original's plus the write of its new id.
    expect(copy.stored.lastSeq).toBe(3);
  });

  test("import rejects truncated file", () => {
    cli(
      "backup",
      "--plan",
      "west",
      "--out",
      backupFile,
      "--data-dir",
      sourceDir,
    );
    const bytes = fs.readFileSync(backupFile);
    fs.writeFileSync(backupFile, bytes.subarray(0, bytes.length - 20));

    const result = cli("import", "--file", backupFile, "--data-dir", targetDir);

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/truncated or damaged.*\(BACKUP_DAMAGED\)/);
    const storage = Storage.open(targetDir, { readonly: true });
    expect(storage.listPlans()).toEqual([]);
    storage.close();
  });

  test("backup rejects unknown plan", () => {
    const result = cli(
      "backup",
      "--plan",
      "east",
      "--out",
      backupFile,
      "--data-dir",
      sourceDir,
    );

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Plan "east" does not exist/);
    expect(fs.existsSync(backupFile)).toBe(false);
  });

  test("backup requires --out", () => {
    const result = cli("backup", "--plan", "west", "--data-dir", sourceDir);

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Missing --out\./);
  });
});
