import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { readConfig } from "../../sync-server/config.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  createFixture,
  LogCapture,
  spawnServer,
  startTestServer,
  testToken,
  until,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

interface Certificate {
  cert: string;
  key: string;
  pem: Buffer;
}

/** Makes a self-signed certificate for localhost and 127.0.0.1 with openssl. */
function makeCertificate(dir: string, name: string): Certificate {
  const cert = path.join(dir, `${name}-cert.pem`);
  const key = path.join(dir, `${name}-key.pem`);
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  return { cert, key, pem: fs.readFileSync(cert) };
}

/** Returns a `ws` client class that trusts `ca`, for y-websocket's WebSocketPolyfill. */
function trustingWebSocket(ca: Buffer): typeof globalThis.WebSocket {
  class TrustingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { ca });
    }
  }
  return TrustingWebSocket as unknown as typeof globalThis.WebSocket;
}

function connectOverTls(
  server: RunningServer,
  token: string,
  ca: Buffer,
): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.syncUrl, "demo", doc, {
    params: { token },
    WebSocketPolyfill: trustingWebSocket(ca),
    disableBc: true,
  });
  return {
    doc,
    plan: new PlanDoc(doc),
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

function syncedOnce(client: TestClient): Promise<void> {
  return new Promise((resolve) =>
    client.provider.once("sync", (state: boolean) => state && resolve()),
  );
}

function getJson(url: string, ca: Buffer): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode! }));
      })
      .on("error", reject);
  });
}

describe("TLS", () => {
  let fixture: Fixture;
  let certificate: Certificate;
  const clients: TestClient[] = [];

  beforeEach(() => {
    fixture = createFixture();
    certificate = makeCertificate(fixture.root, "server");
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    fixture.remove();
  });

  test("serves HTTPS and WSS with the certificate", async () => {
    const logs = new LogCapture();
    const server = await startTestServer(
      fixture,
      { tlsCert: certificate.cert, tlsKey: certificate.key },
      logs,
    );
    const editorToken = await testToken("editor");
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(server.syncUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/sync$/);

      const health = await getJson(`${server.url}/healthz`, certificate.pem);
      expect(health.status).toBe(200);

      const writer = connectOverTls(server, editorToken, certificate.pem);
      const watcher = connectOverTls(
        server,
        await testToken("viewer"),
        certificate.pem,
      );
      clients.push(writer, watcher);
      await Promise.all([syncedOnce(writer), syncedOnce(watcher)]);

      writer.plan.assign(["01009"], "demo-west");
      await until(
        watcher.doc,
        () => watcher.plan.territoryOf("01009") === "demo-west",
      );
      expect(watcher.plan.territoryOf("01009")).toBe("demo-west");
    } finally {
      await server.close();
    }
    const keyBody = fs
      .readFileSync(certificate.key, "utf8")
      .split("\n")
      .filter((line) => line && !line.startsWith("-----"))
      .join("");
    expect(logs.text()).toContain('"tls":true');
    expect(logs.text()).not.toContain(keyBody.slice(0, 40));
    expect(logs.text()).not.toContain(editorToken);
  });

  test("client without the certificate is rejected", async () => {
    const server = await startTestServer(fixture, {
      tlsCert: certificate.cert,
      tlsKey: certificate.key,
    });
    try {
      const token = await testToken("editor");
      const ws = new WebSocket(`${server.syncUrl}/demo?token=${token}`);
      const error = await new Promise<Error & { code?: string }>((resolve) =>
        ws.once("error", resolve),
      );

      expect(error.code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
      expect(server.rooms.get("demo")).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  test("key of another certificate fails the start", async () => {
    const other = makeCertificate(fixture.root, "other");

    await expect(
      startTestServer(fixture, {
        tlsCert: certificate.cert,
        tlsKey: other.key,
      }),
    ).rejects.toThrow(/do not form a usable certificate/);
  });

  test("missing certificate file fails the start", async () => {
    const missing = path.join(fixture.root, "missing.pem");

    await expect(
      startTestServer(fixture, { tlsCert: missing, tlsKey: certificate.key }),
    ).rejects.toThrow(`TLS_CERT file ${missing} could not be read`);
  });

  test("npm start prints https links", async () => {
    const server = await spawnServer(fixture, {
      TLS_CERT: certificate.cert,
      TLS_KEY: certificate.key,
    });
    try {
      const links = server.stdoutLines.filter((line) => line.includes("://"));
      expect(links.length).toBeGreaterThan(0);
      for (const line of links) expect(line).toMatch(/: https:\/\/localhost:/);
      const health = await getJson(
        `https://127.0.0.1:${server.port}/healthz`,
        certificate.pem,
      );
      expect(health.status).toBe(200);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });
});

describe("TLS configuration", () => {
  test("reads TLS_CERT and TLS_KEY as paths", () => {
    const config = readConfig({ TLS_CERT: "cert.pem", TLS_KEY: "key.pem" });

    expect(config.tlsCert).toBe(path.resolve("cert.pem"));
    expect(config.tlsKey).toBe(path.resolve("key.pem"));
  });

  test.each([
    [{ TLS_CERT: "cert.pem" }, "TLS_KEY is missing"],
    [{ TLS_KEY: "key.pem" }, "TLS_CERT is missing"],
  ])("rejects %o alone", (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
