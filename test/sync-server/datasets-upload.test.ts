import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { setDatasetHash } from "../../model/doc/datasets.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  GEOMETRY_SHA256,
  startTestServer,
  synced,
  testToken,
  until,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

let fixture: Fixture;
let server: RunningServer;
const clients: TestClient[] = [];

const UNITS_BYTES = JSON.stringify({
  units: [{ id: "01001" }, { id: "01003" }],
  states: [],
});

const dataset = {
  generated: false,
  description: "Imported from accounts.csv",
  accounts: [
    {
      id: "ext-1",
      name: "Acme",
      unitId: "01001",
      segment: "city",
      potential: "1250.50",
      externalId: "1",
    },
    {
      id: "acct-00aa11bb22cc33",
      name: "Globex",
      unitId: "01003",
      segment: "county",
      potential: "10.00",
      lon: -87.7,
      lat: 30.7,
    },
  ],
};

beforeEach(async () => {
  fixture = createFixture();
  // The upload checks counties against the units dataset of manifest.json.
  fs.writeFileSync(path.join(fixture.publicDataDir, "units.json"), UNITS_BYTES);
  fs.writeFileSync(
    path.join(fixture.publicDataDir, "manifest.json"),
    JSON.stringify({
      datasets: {
        geometry: { file: "geometry.json", sha256: GEOMETRY_SHA256 },
        units: { file: "units.json", sha256: sha256Of(UNITS_BYTES) },
      },
    }),
  );
  server = await startTestServer(fixture);
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
  fixture.remove();
});

function sha256Of(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

async function upload(token: string | null, body: string, plan = "demo") {
  const headers: Record<string, string> = {
    "content-type": "application/json",
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(
    `${server.url}/api/plans/${plan}/datasets/accounts`,
    { method: "POST", headers, body },
  );
  return { status: response.status, body: await response.json() };
}

describe("POST /api/plans/:id/datasets/accounts", () => {
  test("stores the dataset under its sha256 and serves it", async () => {
    const token = await testToken("editor");
    const bytes = JSON.stringify(dataset);

    const reply = await upload(token, bytes);

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      kind: "accounts",
      sha256: sha256Of(bytes),
      accounts: 2,
      bytes: Buffer.byteLength(bytes),
    });
    const stored = path.join(
      fixture.dataDir,
      "datasets",
      `${sha256Of(bytes)}.json`,
    );
    expect(fs.readFileSync(stored, "utf8")).toBe(bytes);

    const served = await fetch(
      `${server.url}/api/datasets/${sha256Of(bytes)}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(bytes);
  });

  test("serves an uploaded dataset only with a token", async () => {
    const token = await testToken("editor");
    const bytes = JSON.stringify(dataset);
    await upload(token, bytes);

    const served = await fetch(`${server.url}/api/datasets/${sha256Of(bytes)}`);
    expect(served.status).toBe(401);
  });

  test("rejects viewers and reviewers with 403", async () => {
    for (const role of ["viewer", "reviewer"] as const) {
      const reply = await upload(
        await testToken(role),
        JSON.stringify(dataset),
      );
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe("EDITOR_REQUIRED");
      expect(reply.body.error.message).toMatch(
        /Only editors can import accounts/,
      );
    }
    expect(fs.existsSync(path.join(fixture.dataDir, "datasets"))).toBe(false);
  });

  test("rejects a request without a token with 401", async () => {
    const reply = await upload(null, JSON.stringify(dataset));
    expect(reply.status).toBe(401);
  });

  test("rejects malformed JSON with 400", async () => {
    const reply = await upload(await testToken("editor"), "{ not json");
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("INVALID_JSON");
  });

  test("rejects a malformed dataset naming the problem", async () => {
    const bad = {
      ...dataset,
      accounts: [
        { ...dataset.accounts[0], potential: "1,250.50" },
        { ...dataset.accounts[1], unitId: "99999" },
      ],
    };
    const reply = await upload(await testToken("editor"), JSON.stringify(bad));
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("INVALID_DATASET");
    expect(reply.body.error.message).toContain(
      'accounts[0]: account "ext-1" has potential "1,250.50"',
    );
    expect(reply.body.error.message).toContain(
      'accounts[1]: account "acct-00aa11bb22cc33" has unitId "99999", which is not a known county.',
    );
  });

  test("rejects an oversize body with 413", async () => {
    const token = await testToken("editor");
    const reply = await new Promise<{ status: number; body: string }>(
      (resolve, reject) => {
        const request = http.request(
          `${server.url}/api/plans/demo/datasets/accounts`,
          {
            method: "POST",
            headers: {
              authorization: `Bearer ${token}`,
              "content-type": "application/json",
              "content-length": String(65 * 1024 * 1024),
            },
          },
          (response) => {
            let body = "";
            response.on("data", (chunk) => (body += chunk));
            response.on("end", () =>
              resolve({ status: response.statusCode ?? 0, body }),
            );
          },
        );
        request.on("error", reject);
        request.write("{");
      },
    );
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error).toMatchObject({
      code: "DATASET_TOO_LARGE",
      message: expect.stringMatching(/larger than 67108864 bytes \(64 MiB\)/),
    });
  });

  test("another client sees the new hash", async () => {
    const editorToken = await testToken("editor");
    const bytes = JSON.stringify(dataset);
    const { body } = await upload(editorToken, bytes);

    const editor = connectClient(server, "demo", editorToken);
    const viewer = connectClient(server, "demo", await testToken("viewer"));
    clients.push(editor, viewer);
    await Promise.all([synced(editor), synced(viewer)]);

    setDatasetHash(editor.plan, "accounts", body.sha256);

    await until(
      viewer.doc,
      () => viewer.plan.readMeta().datasets.accounts === body.sha256,
    );
    expect(viewer.plan.readMeta().datasets).toMatchObject({
      geometry: GEOMETRY_SHA256,
      accounts: sha256Of(bytes),
    });
  });
});
