import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { createEmptyPlan, loadPlanDoc } from "../../sync-server/plans.ts";
import { Storage } from "../../sync-server/storage.ts";
import { runCli } from "./run-cli.ts";

const GEOMETRY = '{"type":"Topology","objects":{}}\n';
const GEOMETRY_SHA256 = createHash("sha256").update(GEOMETRY).digest("hex");
const SECRET = "cli-backup-secret-0123456789-abcdefghijkl";

let root: string;
let sourceDir: string;
let targetDir: string;
let publicDataDir: string;
let backupFile: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-backup-"));
  sourceDir = path.join(root, "source");
  targetDir = path.join(root, "target");
  publicDataDir = path.join(root, "public-data");
  backupFile = path.join(root, "west.meridian-backup");
  fs.mkdirSync(publicDataDir);
  fs.writeFileSync(path.join(publicDataDir, "geometry.json"), GEOMETRY);
  fs.writeFileSync(
    path.join(publicDataDir, "manifest.json"),
    JSON.stringify({
      datasets: {
        geometry: { file: "geometry.json", sha256: GEOMETRY_SHA256 },
      },
    }),
  );
  seedSource();
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A plan "west" with one territory added by a later update and a version. */
function seedSource(): void {
  const storage = Storage.open(sourceDir);
  try {
    createEmptyPlan(storage, {
      planId: "west",
      name: "FY27 West",
      datasets: { geometry: GEOMETRY_SHA256 },
      creator: { personId: "person-ada", name: "Ada" },
    });
    const plan = loadPlanDoc(storage, "west");
    const before = Y.encodeStateVector(plan.doc);
    plan.createTerritory({
      name: "Coast",
      color: "#1f77b4",
      parentId: null,
      ownerId: null,
      locked: false,
      kind: "territory",
    });
    storage.appendUpdate(
      "west",
      Y.encodeStateAsUpdate(plan.doc, before),
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
  } finally {
    storage.close();
  }
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
