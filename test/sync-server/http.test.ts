import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningServer } from "../../sync-server/server.ts";
import { verifyToken } from "../../sync-server/tokens.ts";
import {
  createFixture,
  GEOMETRY_BYTES,
  GEOMETRY_SHA256,
  startTestServer,
  testToken,
  type Fixture,
} from "./helpers.ts";

let fixture: Fixture;
let server: RunningServer;

beforeAll(async () => {
  fixture = createFixture();
  server = await startTestServer(fixture);
});

afterAll(async () => {
  await server.close();
  fixture.remove();
});

function get(pathname: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${pathname}`, { headers });
}

function postJoin(body: unknown) {
  return fetch(`${server.url}/api/join`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as {
    error: { code: string; message: string };
  };
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error.code;
}

describe("GET /healthz", () => {
  test("returns ok once listening", async () => {
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });
});

describe("POST /api/join", () => {
  test("exchanges an invite and a name for a person token", async () => {
    const invite = await testToken("reviewer", { kind: "invite", name: "" });

    const response = await postJoin({ token: invite, name: "  Ada  " });

    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      planId: "demo",
      role: "reviewer",
      person: { name: "Ada" },
    });
    expect(body.person.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.person.color).toMatch(/^#[0-9a-f]{6}$/);
    const claims = await verifyToken(server.secret, body.token);
    expect(claims).toMatchObject({
      sub: body.person.id,
      name: "Ada",
      plan: "demo",
      role: "reviewer",
      kind: "person",
    });
    expect(new Date(body.expiresAt).getTime()).toBe(claims.exp * 1000);
    const days = (claims.exp - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(29.9);
  });

  test("person token renames and keeps the person id", async () => {
    const invite = await testToken("editor", { kind: "invite", name: "" });
    const first = await (await postJoin({ token: invite, name: "Ada" })).json();

    const second = await (
      await postJoin({ token: first.token, name: "Ada L." })
    ).json();

    expect(second.person).toEqual({ ...first.person, name: "Ada L." });
    expect(second.role).toBe("editor");
  });

  test.each([
    ["empty", ""],
    ["blank", "   "],
    ["too long", "x".repeat(61)],
    ["not a string", 42],
    ["a line break", "Ada\nLovelace"],
  ])("rejects a name that is %s", async (_case, name) => {
    const invite = await testToken("editor", { kind: "invite", name: "" });
    const response = await postJoin({ token: invite, name });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("NAME_INVALID");
  });

  test("accepts a name of 60 characters", async () => {
    const invite = await testToken("editor", { kind: "invite", name: "" });
    const response = await postJoin({ token: invite, name: "é".repeat(60) });
    expect(response.status).toBe(200);
  });

  test("rejects an invalid token", async () => {
    const response = await postJoin({ token: "nope", name: "Ada" });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("TOKEN_INVALID");
  });

  test("rejects a token for an unknown plan", async () => {
    const invite = await testToken("editor", { plan: "gone", kind: "invite" });
    const response = await postJoin({ token: invite, name: "Ada" });
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("PLAN_NOT_FOUND");
  });

  test("rejects a body that is not JSON", async () => {
    const response = await fetch(`${server.url}/api/join`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{",
    });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("INVALID_JSON");
  });
});

describe("GET /api/session", () => {
  test("describes a person token", async () => {
    const token = await testToken("viewer", { sub: "p-1", name: "Grace" });
    const response = await get("/api/session", {
      Authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      person: { id: "p-1", name: "Grace" },
      planId: "demo",
      role: "viewer",
    });
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
  });

  test("rejects an invite token", async () => {
    const token = await testToken("viewer", { kind: "invite" });
    const response = await get("/api/session", {
      Authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("INVITE_TOKEN");
  });

  test("rejects a missing token", async () => {
    const response = await get("/api/session");
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("TOKEN_MISSING");
  });

  test("rejects an expired token", async () => {
    const token = await testToken("viewer", {
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    const response = await get("/api/session", {
      Authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("TOKEN_EXPIRED");
  });
});

describe("GET /api/datasets/<sha256>", () => {
  test("returns the dataset bytes by hash", async () => {
    const response = await get(`/api/datasets/${GEOMETRY_SHA256}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(GEOMETRY_BYTES);
    expect(response.headers.get("cache-control")).toBe(
      "public, max-age=31536000, immutable",
    );
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
  });

  test("returns 304 for a current copy", async () => {
    const response = await get(`/api/datasets/${GEOMETRY_SHA256}`, {
      "If-None-Match": `"${GEOMETRY_SHA256}"`,
    });
    expect(response.status).toBe(304);
  });

  test("returns 404 for an unknown hash", async () => {
    const response = await get(`/api/datasets/${"0".repeat(64)}`);
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("DATASET_NOT_FOUND");
  });

  test("returns 400 for a value that is not a hash", async () => {
    const response = await get("/api/datasets/geometry.json");
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("INVALID_HASH");
  });

  test("refuses a file whose bytes no longer match the manifest", async () => {
    const other = createFixture();
    fs.writeFileSync(path.join(other.publicDataDir, "geometry.json"), "{}");
    const stale = await startTestServer(other);
    try {
      const response = await fetch(
        `${stale.url}/api/datasets/${GEOMETRY_SHA256}`,
      );
      expect(response.status).toBe(500);
      expect(await errorCode(response)).toBe("DATASET_HASH_MISMATCH");
    } finally {
      await stale.close();
      other.remove();
    }
  });
});

describe("web app files", () => {
  test.each([
    ["/", "text/html", "no-cache"],
    ["/sw.js", "text/javascript", "no-cache"],
    ["/assets/app-1a2b.js", "text/javascript", "immutable"],
    ["/assets/app-1a2b.css", "text/css", "immutable"],
    ["/app.webmanifest", "application/manifest+json", "no-cache"],
    ["/icon.svg", "image/svg+xml", "no-cache"],
  ])("%s is served as %s", async (pathname, type, cache) => {
    const response = await get(pathname);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain(type);
    expect(response.headers.get("cache-control")).toContain(cache);
  });

  test("unknown app route gets index.html", async () => {
    const response = await get("/plans/demo/map");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("app");
  });

  test("missing file with an extension is a 404", async () => {
    const response = await get("/assets/missing.js");
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("NOT_FOUND");
  });

  test("path outside the web folder is not served", async () => {
    const response = await get("/..%2fdata/meridian.db");
    expect(response.status).toBe(404);
  });

  test("unknown API path is a JSON 404", async () => {
    const response = await get("/api/nothing");
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("NOT_FOUND");
  });

  test("plain GET of the sync path asks for an upgrade", async () => {
    const response = await get("/sync/demo");
    expect(response.status).toBe(426);
    expect(await errorCode(response)).toBe("UPGRADE_REQUIRED");
  });
});
