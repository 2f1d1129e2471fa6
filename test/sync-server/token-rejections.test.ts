import fs from "node:fs";
import path from "node:path";
import { SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  createFixture,
  rawClient,
  roomUrl,
  startTestServer,
  TEST_SECRET,
  testToken,
  type Fixture,
} from "./helpers.ts";

// Rejections beyond tokens.test.ts: tokens that are well formed but signed or
// filled in ways the server must not accept, and plan ids that try to leave
// the data folder.

let fixture: Fixture;
let server: RunningServer;

beforeEach(async () => {
  fixture = createFixture();
  server = await startTestServer(fixture);
});

afterEach(async () => {
  await server.close();
  fixture.remove();
});

function closeOf(room: string, token: string) {
  return rawClient(roomUrl(server, room, token)).closed;
}

function encodePart(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function claimsFor(role: string, plan = "demo") {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: "person-1",
    name: "Ada",
    plan,
    role,
    kind: "person",
    iat: now,
    exp: now + 3600,
  };
}

function signClaims(
  claims: Record<string, unknown>,
  algorithm = "HS256",
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: algorithm })
    .sign(new TextEncoder().encode(TEST_SECRET));
}

/** Lists every file below `root`, relative to it, except SQLite's WAL files. */
function filesBelow(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(root, path.join(entry.parentPath, entry.name)),
    )
    .filter((file) => !/-(wal|shm|journal)$/.test(file))
    .sort();
}

describe("token rejections", () => {
  test("unsigned token closes with 4401", async () => {
    const unsigned = `${encodePart({ alg: "none", typ: "JWT" })}.${encodePart(claimsFor("editor"))}.`;

    const { code, reason } = await closeOf("demo", unsigned);

    expect(code).toBe(4401);
    expect(reason).toMatch(/malformed/);
  });

  test("token signed with HS512 closes with 4401", async () => {
    const token = await signClaims(claimsFor("editor"), "HS512");

    const { code, reason } = await closeOf("demo", token);

    expect(code).toBe(4401);
    expect(reason).toMatch(/malformed/);
  });

  test("unknown role closes with 4401", async () => {
    const token = await signClaims(claimsFor("admin"));

    const { code, reason } = await closeOf("demo", token);

    expect(code).toBe(4401);
    expect(reason).toMatch(/lacks the Meridian claims/);
  });

  test.each([["../x"], ["..%2Fx"], ["demo/../../x"], ["a".repeat(65)]])(
    "plan claim %s closes with 4401",
    async (plan) => {
      const token = await signClaims(claimsFor("editor", plan));

      const { code, reason } = await closeOf("demo", token);

      expect(code).toBe(4401);
      expect(reason).toMatch(/lacks the Meridian claims/);
    },
  );
});

describe("plan ids outside the data folder", () => {
  test.each([
    ["..%2Fx"],
    ["%2e%2e%2Fdemo"],
    ["demo%2F..%2F..%2Fx"],
    ["demo%00"],
    ["%2Ftmp%2Fx"],
    ["demo..review"],
    ["a".repeat(65)],
    ["a".repeat(4000)],
  ])("room %s closes with 4403", async (room) => {
    const token = await testToken("editor");

    const { code, reason } = await closeOf(room, token);

    expect(code).toBe(4403);
    expect(reason).toMatch(/^Invalid room/);
  });

  test("rejected ids create no file", async () => {
    const before = filesBelow(fixture.root);
    const token = await testToken("editor");

    for (const room of ["..%2Fx", "%2e%2e%2Fx", "a".repeat(65)]) {
      await closeOf(room, token);
      const response = await fetch(`${server.url}/api/plans/${room}/session`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }

    expect(filesBelow(fixture.root)).toEqual(before);
    expect(fs.existsSync(path.join(fixture.root, "x"))).toBe(false);
  });
});
