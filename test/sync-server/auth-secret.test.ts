import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadAuthSecret } from "../../sync-server/auth-secret.ts";
import { signInvite, verifyToken } from "../../sync-server/tokens.ts";
import { createFixture, startTestServer, type Fixture } from "./helpers.ts";

let fixture: Fixture;

beforeEach(() => {
  fixture = createFixture();
});

afterEach(() => fixture.remove());

describe("auth secret", () => {
  test("is generated once in DATA_DIR with mode 0600", async () => {
    const first = await startTestServer(fixture, { authSecret: undefined });
    const invite = await signInvite(first.secret, "demo", "viewer", 30);
    await first.close();

    const file = path.join(fixture.dataDir, "auth-secret");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const second = await startTestServer(fixture, { authSecret: undefined });
    try {
      expect(await verifyToken(second.secret, invite)).toMatchObject({
        plan: "demo",
        role: "viewer",
      });
    } finally {
      await second.close();
    }
  });

  test("stored secret copied into AUTH_SECRET signs the same tokens", () => {
    const stored = loadAuthSecret({
      dataDir: fixture.dataDir,
      envSecret: undefined,
      create: true,
    });
    const text = fs.readFileSync(
      path.join(fixture.dataDir, "auth-secret"),
      "utf8",
    );

    const fromEnv = loadAuthSecret({
      dataDir: fixture.dataDir,
      envSecret: text.trim(),
      create: false,
    });

    expect(fromEnv).toEqual(stored);
  });

  test("AUTH_SECRET shorter than 32 characters is rejected", () => {
    expect(() =>
      loadAuthSecret({
        dataDir: fixture.dataDir,
        envSecret: "short",
        create: true,
      }),
    ).toThrow(/has 5 characters; it needs at least 32/);
  });

  test("missing secret without create names both sources", () => {
    expect(() =>
      loadAuthSecret({
        dataDir: fixture.dataDir,
        envSecret: undefined,
        create: false,
      }),
    ).toThrow(/AUTH_SECRET is not set and .*auth-secret does not exist/);
  });
});
