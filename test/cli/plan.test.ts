import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { loadAuthSecret } from "../../sync-server/auth-secret.ts";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import { Storage } from "../../sync-server/storage.ts";
import { verifyToken } from "../../sync-server/tokens.ts";
import { GEOMETRY_SHA256 } from "../sync-server/helpers.ts";
import { createGeometryFolder, storePlan, useTempDir } from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const root = useTempDir("meridian-plan-");
let dataDir: string;
let publicDataDir: string;

beforeEach(() => {
  dataDir = root.file("data");
  publicDataDir = createGeometryFolder(root.file("public-data"));
});

function storedSecret(): Uint8Array {
  return loadAuthSecret({ dataDir, envSecret: undefined, create: true });
}

function create(...args: string[]) {
  return runCli([
    "plan",
    "create",
    "--data-dir",
    dataDir,
    "--public-data-dir",
    publicDataDir,
    ...args,
  ]);
}

describe("meridian plan create", () => {
  test("creates an empty plan and prints its links", async () => {
    const secret = storedSecret();

    const result = create(
      "--name",
      "Q3 West",
      "--days",
      "14",
      "--base-url",
      "https://plan.example.test",
    );

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(4);
    const planId = /^plan: ([a-z0-9]{10})$/.exec(lines[0])?.[1];
    expect(planId).toBeDefined();
    for (const [index, role] of ["editor", "reviewer", "viewer"].entries()) {
      const [label, link] = lines[index + 1].split(": ");
      expect(label).toBe(role);
      const url = new URL(link);
      expect(url.origin).toBe("https://plan.example.test");
      expect(url.searchParams.get("plan")).toBe(planId);
      const claims = await verifyToken(secret, url.searchParams.get("token"));
      expect(claims).toMatchObject({ plan: planId, role, kind: "invite" });
      expect(claims.exp - claims.iat).toBe(14 * 86_400);
    }

    const storage = Storage.open(dataDir, { readonly: true });
    try {
      const plan = loadPlanDoc(storage, planId!);
      expect(plan.readMeta()).toMatchObject({
        name: "Q3 West",
        datasets: { geometry: GEOMETRY_SHA256 },
      });
      expect(plan.readTerritories()).toEqual([]);
      const invites = storage.invites.listActive(planId!);
      expect(invites.map((invite) => invite.role)).toEqual([
        "editor",
        "reviewer",
        "viewer",
      ]);
      expect(invites.every((invite) => invite.createdBy === "server")).toBe(
        true,
      );
    } finally {
      storage.close();
    }
  });

  test("takes the id from --id", () => {
    storedSecret();
    const result = create("--name", "East", "--id", "q3-east");
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("plan: q3-east");
  });

  test("taken id exits 1 and adds nothing", () => {
    storedSecret();
    storePlan(dataDir, { planId: "q3-east", name: "East" });

    const result = create("--name", "Again", "--id", "q3-east");

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Plan "q3-east" already exists');
    const after = Storage.open(dataDir, { readonly: true });
    expect(after.listPlans().map((plan) => plan.name)).toEqual(["East"]);
    after.close();
  });

  test("AUTH_SECRET signs the links", async () => {
    const envSecret = "env-secret-0123456789-abcdefghijklmnop";
    const result = runCli(
      [
        "plan",
        "create",
        "--name",
        "Env",
        "--data-dir",
        dataDir,
        "--public-data-dir",
        publicDataDir,
      ],
      { AUTH_SECRET: envSecret },
    );
    expect(result.status).toBe(0);
    const link = result.stdout.split("\n")[1].slice("editor: ".length);
    const url = new URL(link);
    expect(url.origin).toBe("http://localhost:8080");
    const claims = await verifyToken(
      new TextEncoder().encode(envSecret),
      url.searchParams.get("token"),
    );
    expect(claims.role).toBe("editor");
  });

  test("missing secret exits 1 before writing", () => {
    const result = create("--name", "No secret");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("AUTH_SECRET is not set");
    expect(fs.existsSync(path.join(dataDir, "meridian.db"))).toBe(false);
  });

  test("missing manifest exits 1 before writing", () => {
    storedSecret();
    fs.rmSync(path.join(publicDataDir, "manifest.json"));
    const result = create("--name", "No map");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("manifest.json is missing");
    expect(fs.existsSync(path.join(dataDir, "meridian.db"))).toBe(false);
  });

  test.each([
    [[], "Missing --name"],
    [["--name", "  "], 'Plan name "" has 0 characters'],
    [["--name", "x".repeat(101)], "has 101 characters"],
    [["--name", "A", "--id", "q3/west"], '--id "q3/west" is invalid'],
    [["--name", "A", "--days", "0"], '--days "0"'],
    [["--name", "A", "--base-url", "ftp://x"], '--base-url "ftp://x"'],
  ])("usage error %j exits 2", (args, message) => {
    storedSecret();
    const result = create(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe("meridian plan list", () => {
  test("prints plans with people and active invites", () => {
    storedSecret();
    storePlan(dataDir, { planId: "east", name: 'East, "Metro"' });
    expect(create("--name", "West", "--id", "west").status).toBe(0);

    const result = runCli(["plan", "list", "--data-dir", dataDir]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe("id,name,created_at,people,active_invites");
    expect(lines[1]).toMatch(
      /^east,"East, ""Metro""",\d{4}-\d\d-\d\dT[^,]+,0,0$/,
    );
    expect(lines[2]).toMatch(/^west,West,[^,]+,0,3$/);
  });

  test("escapes formula plan names", () => {
    storedSecret();
    storePlan(dataDir, { planId: "east", name: '=HYPERLINK("http://x")' });

    const result = runCli(["plan", "list", "--data-dir", dataDir]);

    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[1]).toMatch(
      /^east,"'=HYPERLINK\(""http:\/\/x""\)",[^,]+,0,0$/,
    );
  });

  test("--json prints an array", () => {
    storedSecret();
    expect(create("--name", "West", "--id", "west").status).toBe(0);

    const result = runCli(["plan", "list", "--data-dir", dataDir, "--json"]);

    expect(result.status).toBe(0);
    const plans = JSON.parse(result.stdout);
    expect(plans).toEqual([
      expect.objectContaining({
        id: "west",
        name: "West",
        people: 0,
        activeInvites: 3,
      }),
    ]);
  });

  test("missing database exits 1", () => {
    const result = runCli(["plan", "list", "--data-dir", dataDir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("No Meridian database at");
  });

  test("unknown action exits 2", () => {
    const result = runCli(["plan", "delete"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown action "delete"');
  });
});
