import fs from "node:fs";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { loadAuthSecret } from "../../sync-server/auth-secret.ts";
import { verifyToken } from "../../sync-server/tokens.ts";
import { storePlan, useTempDir, withStorage } from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const dataDir = useTempDir("meridian-invite-");

beforeEach(() => {
  storePlan(dataDir.path, { planId: "q3-west", name: "Q3 West" });
});

function storedSecret(): Uint8Array {
  return loadAuthSecret({
    dataDir: dataDir.path,
    envSecret: undefined,
    create: true,
  });
}

describe("meridian invite", () => {
  test("prints a link signed with the stored secret", async () => {
    const secret = storedSecret();

    const result = runCli([
      "invite",
      "--plan",
      "q3-west",
      "--role",
      "reviewer",
      "--days",
      "45",
      "--data-dir",
      dataDir.path,
      "--base-url",
      "https://plan.example.test",
    ]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(url.origin).toBe("https://plan.example.test");
    expect(url.searchParams.get("plan")).toBe("q3-west");
    const claims = await verifyToken(secret, url.searchParams.get("token"));
    expect(claims).toMatchObject({
      plan: "q3-west",
      role: "reviewer",
      kind: "invite",
    });
    expect(claims.exp - claims.iat).toBe(45 * 86_400);
  });

  test("records the invite so it can be listed and revoked", async () => {
    const secret = storedSecret();

    const result = runCli([
      "invite",
      "--plan",
      "q3-west",
      "--role",
      "viewer",
      "--data-dir",
      dataDir.path,
    ]);

    expect(result.status).toBe(0);
    const claims = await verifyToken(
      secret,
      new URL(result.stdout.trim()).searchParams.get("token"),
    );
    const active = withStorage(dataDir.path, (storage) =>
      storage.invites.listActive("q3-west"),
    );
    expect(active.map((invite) => invite.id)).toEqual([claims.sub]);
    expect(active[0]).toMatchObject({ role: "viewer", createdBy: "server" });
  });

  test("AUTH_SECRET wins over the stored secret", async () => {
    storedSecret();
    const envSecret = "env-secret-0123456789-abcdefghijklmnop";

    const result = runCli(
      [
        "invite",
        "--plan",
        "q3-west",
        "--role",
        "viewer",
        "--data-dir",
        dataDir.path,
      ],
      { AUTH_SECRET: envSecret },
    );

    expect(result.status).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(url.origin).toBe("http://localhost:8080");
    const claims = await verifyToken(
      new TextEncoder().encode(envSecret),
      url.searchParams.get("token"),
    );
    expect(claims.role).toBe("viewer");
    expect(claims.exp - claims.iat).toBe(30 * 86_400);
  });

  test("unknown plan exits 1 naming the known plans", () => {
    storedSecret();
    const result = runCli([
      "invite",
      "--plan",
      "nope",
      "--role",
      "editor",
      "--data-dir",
      dataDir.path,
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Plan "nope" does not exist');
    expect(result.stderr).toContain("Known plans: q3-west");
  });

  test("missing secret exits 1 without creating one", () => {
    const result = runCli([
      "invite",
      "--plan",
      "q3-west",
      "--role",
      "editor",
      "--data-dir",
      dataDir.path,
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("AUTH_SECRET is not set");
    expect(fs.existsSync(dataDir.file("auth-secret"))).toBe(false);
  });

  test("missing database exits 1", () => {
    const empty = dataDir.file("empty");
    const result = runCli([
      "invite",
      "--plan",
      "q3-west",
      "--role",
      "editor",
      "--data-dir",
      empty,
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("No Meridian database at");
  });

  test.each([
    [["--role", "editor"], "Missing --plan"],
    [["--plan", "q3-west", "--role", "owner"], '--role "owner" is not one of'],
    [["--plan", "q3-west", "--role", "editor", "--days", "0"], '--days "0"'],
    [
      ["--plan", "q3-west", "--role", "editor", "--base-url", "ftp://x"],
      '--base-url "ftp://x"',
    ],
  ])("usage error %j exits 2", (args, message) => {
    const result = runCli(["invite", ...args, "--data-dir", dataDir.path]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
