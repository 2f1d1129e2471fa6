import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { setOverride } from "../../model/doc/account-overrides.ts";
import type { Territory } from "../../model/doc/schema.ts";
import { createPlan } from "../../sync-server/plans.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  startTestServer,
  synced,
  testToken,
  until,
  untilServer,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

let fixture: Fixture;
let server: RunningServer;
let csvDir: string;
const clients: TestClient[] = [];

const territory = (
  id: string,
  name: string,
  locked = false,
): Omit<Territory, "id"> & { id: string } => ({
  id,
  name,
  color: "#1f77b4",
  parentId: null,
  ownerId: null,
  locked,
  kind: "territory",
});

beforeEach(async () => {
  fixture = createFixture();
  csvDir = path.join(fixture.root, "csv");
  fs.mkdirSync(csvDir);
  writePublicData(fixture.publicDataDir);
  server = await startTestServer(fixture);

  createPlan(server.storage, {
    planId: "source",
    name: "Source",
    territories: [territory("s-north", "North"), territory("s-gulf", "Gulf")],
    assignments: [
      ["01001", "s-north"],
      ["01003", "s-gulf"],
      ["01005", "s-gulf"],
    ],
  });
  createPlan(server.storage, {
    planId: "target",
    name: "Target",
    territories: [
      territory("t-north", "North"),
      territory("t-gulf", "Gulf"),
      territory("t-west", "West"),
    ],
    assignments: [["01001", "t-gulf"]],
  });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
  fixture.remove();
});

// Units and accounts for the command's --public-data-dir.
function writePublicData(dir: string): void {
  const units = ["01001", "01003", "01005", "06001"].map((id) => ({
    id,
    population: 1000,
  }));
  const accounts = [
    { id: "a1", unitId: "01001", potential: "100.00" },
    { id: "a2", unitId: "01003", potential: "250.50" },
    { id: "a3", unitId: "01005", potential: "0.25" },
    { id: "a4", unitId: "06001", potential: "1000.00" },
  ].map((a) => ({ ...a, name: a.id, segment: "county" }));
  fs.writeFileSync(path.join(dir, "units.json"), JSON.stringify({ units }));
  fs.writeFileSync(
    path.join(dir, "accounts.json"),
    JSON.stringify({ accounts }),
  );
}

/** Runs the CLI as a child process without blocking this process, where the server runs. */
function runCli(
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "bin/meridian.js"), ...args],
    { cwd: ROOT, env: { ...process.env, AUTH_SECRET: "" } },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) =>
    child.on("close", (status) => resolve({ status, stdout, stderr })),
  );
}

function exportAssignments(planId: string) {
  return runCli([
    "export",
    "assignments",
    "--plan",
    planId,
    "--data-dir",
    fixture.dataDir,
  ]);
}

/** Imports a file through the running server, with an editor token of the plan unless `token` is given. */
async function importThroughServer(
  planId: string,
  file: string,
  token?: string,
) {
  return runCli([
    "import",
    "assignments",
    file,
    "--plan",
    planId,
    "--server",
    server.url,
    "--token",
    token ?? (await testToken("editor", { plan: planId })),
    "--public-data-dir",
    fixture.publicDataDir,
  ]);
}

async function watch(planId: string): Promise<TestClient> {
  const client = connectClient(
    server,
    planId,
    await testToken("viewer", { plan: planId }),
  );
  clients.push(client);
  await synced(client);
  return client;
}

describe("meridian import assignments through the server", () => {
  test("export, import, export round-trips", async () => {
    const exported = await exportAssignments("source");
    expect(exported.status).toBe(0);
    const file = path.join(csvDir, "source.csv");
    fs.writeFileSync(file, exported.stdout);
    const watcher = await watch("target");

    const imported = await importThroughServer("target", file);

    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain("3 unit(s) move");
    // A client that has the plan open receives the import without reconnecting.
    await until(
      watcher.doc,
      () => watcher.plan.territoryOf("01005") === "t-gulf",
    );
    expect(watcher.plan.readAssignments()).toEqual(
      new Map([
        ["01001", "t-north"],
        ["01003", "t-gulf"],
        ["01005", "t-gulf"],
      ]),
    );
    const again = await exportAssignments("target");
    expect(again.stdout).toBe(exported.stdout);
  });
});

describe("meridian import assignments with uploaded accounts", () => {
  test("impact counts the plan's uploaded accounts", async () => {
    // Given a plan naming an accounts dataset that an import uploaded
    const uploaded = JSON.stringify({
      accounts: [
        {
          id: "u1",
          name: "Acme",
          unitId: "01003",
          segment: "city",
          potential: "9.99",
        },
      ],
    });
    const sha256 = createHash("sha256").update(uploaded).digest("hex");
    fs.mkdirSync(path.join(fixture.dataDir, "datasets"), { recursive: true });
    fs.writeFileSync(
      path.join(fixture.dataDir, "datasets", `${sha256}.json`),
      uploaded,
    );
    createPlan(server.storage, {
      planId: "uploaded",
      name: "Uploaded",
      datasets: { accounts: sha256 },
      territories: [territory("u-north", "North")],
      assignments: [],
    });
    const file = path.join(csvDir, "uploaded.csv");
    fs.writeFileSync(file, "unit_id,territory\n01003,North\n");

    // When the command previews an import through the server
    const result = await runCli([
      "import",
      "assignments",
      file,
      "--plan",
      "uploaded",
      "--server",
      server.url,
      "--token",
      await testToken("editor", { plan: "uploaded" }),
      "--public-data-dir",
      fixture.publicDataDir,
      "--dry-run",
    ]);

    // Then North gains the uploaded account's 9.99, not the public 250.50
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const north = result.stdout.split("\n").find((l) => l.startsWith("North"));
    expect(north).toMatch(/\+1 \/ -0\s+\+1 \/ -0\s+9\.99\s/);
  });
});

describe("meridian import assignments with overrides", () => {
  test("impact leaves out an account pinned through the server", async () => {
    // Given an editor pins a1 (100.00, in Gulf's 01001) to West from 2027 on
    const editor = connectClient(
      server,
      "target",
      await testToken("editor", { plan: "target" }),
    );
    clients.push(editor);
    await synced(editor);
    setOverride(
      editor.plan,
      {
        accountId: "a1",
        territoryId: "t-west",
        effectiveFrom: "2027-01-01",
        effectiveTo: null,
      },
      "01001",
    );
    await untilServer(server, "target", (plan) =>
      plan.readOverrides().some((o) => o.accountId === "a1"),
    );
    const file = path.join(csvDir, "pinned.csv");
    fs.writeFileSync(file, "unit_id,territory\n01001,North\n");

    // When the command previews moving 01001 to North, before and during the pin
    const preview = async (asOf: string) =>
      runCli([
        "import",
        "assignments",
        file,
        "--plan",
        "target",
        "--server",
        server.url,
        "--token",
        await testToken("editor", { plan: "target" }),
        "--public-data-dir",
        fixture.publicDataDir,
        "--as-of",
        asOf,
        "--dry-run",
      ]);
    const before = await preview("2026-12-31");
    const during = await preview("2027-01-01");

    // Then North gains a1's 100.00 before the pin, and nothing while it is in effect
    const north = (stdout: string) =>
      stdout.split("\n").find((line) => line.startsWith("North"));
    expect(before.stderr).toBe("");
    expect(before.stdout).toContain(
      "Overrides in effect on 2026-12-31: 0 account(s) pinned",
    );
    expect(north(before.stdout)).toMatch(/\+1 \/ -0\s+\+1 \/ -0\s+100\.00\s/);
    expect(during.stderr).toBe("");
    expect(during.stdout).toContain(
      "Overrides in effect on 2027-01-01: 1 account(s) pinned",
    );
    expect(north(during.stdout)).toMatch(/\+1 \/ -0\s+\+0 \/ -0\s+0\.00\s/);
  });
});

describe("meridian import assignments refusals", () => {
  test("bad lines are all reported and nothing changes", async () => {
    const file = path.join(csvDir, "bad.csv");
    fs.writeFileSync(
      file,
      "unit_id,territory\n1003,Gulf\n01005,Gulff\n01001,North\n",
    );
    const watcher = await watch("target");
    const updatesBefore = server.storage.countUpdates("target");

    const result = await importThroughServer("target", file);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("bad.csv has 2 invalid line(s)");
    expect(result.stderr).toContain(
      'line 2: unit id "1003" looks stripped of its leading zeros; the unit is "01003"',
    );
    expect(result.stderr).toContain(
      'line 3: unknown territory "Gulff"; the plan has "Gulf", "North", "West"',
    );
    expect(result.stderr).not.toContain("line 4");
    expect(server.storage.countUpdates("target")).toBe(updatesBefore);
    expect(watcher.plan.readAssignments()).toEqual(
      new Map([["01001", "t-gulf"]]),
    );
  });

  test("data folder write is refused while the server runs", async () => {
    const file = path.join(csvDir, "one.csv");
    fs.writeFileSync(file, "unit_id,territory\n01003,North\n");
    const updatesBefore = server.storage.countUpdates("target");

    const result = await runCli([
      "import",
      "assignments",
      file,
      "--plan",
      "target",
      "--data-dir",
      fixture.dataDir,
      "--public-data-dir",
      fixture.publicDataDir,
    ]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("is open in another process");
    expect(result.stderr).toContain("--server URL --token TOKEN");
    expect(server.storage.countUpdates("target")).toBe(updatesBefore);
  });

  test("viewer token is refused before connecting", async () => {
    const file = path.join(csvDir, "one.csv");
    fs.writeFileSync(file, "unit_id,territory\n01003,North\n");

    const result = await runCli([
      "import",
      "assignments",
      file,
      "--plan",
      "target",
      "--server",
      server.url,
      "--token",
      await testToken("viewer", { plan: "target" }),
      "--public-data-dir",
      fixture.publicDataDir,
    ]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--token has the role viewer");
  });

  test("token of another plan is refused", async () => {
    const file = path.join(csvDir, "one.csv");
    fs.writeFileSync(file, "unit_id,territory\n01003,North\n");

    const result = await importThroughServer(
      "target",
      file,
      await testToken("editor", { plan: "source" }),
    );

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--token is for plan "source"');
  });

  test("forged token is closed by the server", async () => {
    const file = path.join(csvDir, "one.csv");
    fs.writeFileSync(file, "unit_id,territory\n01003,North\n");
    const forged = await testToken("editor", {
      plan: "target",
      secret: "another-secret-0123456789-abcdefghijkl",
    });

    const result = await importThroughServer("target", file, forged);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("closed");
    expect(result.stderr).toContain("4401");
  });
});

describe("meridian import assignments locks", () => {
  test("locked territory keeps its units, listed", async () => {
    const editor = connectClient(
      server,
      "target",
      await testToken("editor", { plan: "target" }),
    );
    clients.push(editor);
    await synced(editor);
    editor.plan.lockTerritories(["t-gulf"]);
    await untilServer(server, "target", (plan) =>
      plan.lockedTerritoryIds().has("t-gulf"),
    );
    const file = path.join(csvDir, "moves.csv");
    fs.writeFileSync(
      file,
      "unit_id,territory\n01001,North\n01003,Gulf\n01005,West\n",
    );

    const result = await importThroughServer("target", file);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("1 unit(s) move, 2 skipped");
    expect(result.stdout).toContain("Gulf is locked: 01001, 01003");
    await until(
      editor.doc,
      () => editor.plan.territoryOf("01005") === "t-west",
    );
    expect(editor.plan.readAssignments()).toEqual(
      new Map([
        ["01001", "t-gulf"],
        ["01005", "t-west"],
      ]),
    );
  });
});
