import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { logTlsClientErrors } from "../../sync-server/tls-client-errors.ts";
import { createFixture, LogCapture, type Fixture } from "./helpers.ts";

let fixture: Fixture;

beforeEach(() => {
  fixture = createFixture();
});

afterEach(() => {
  fixture.remove();
});

/** Starts an https server with a self-signed certificate made by openssl. */
async function startHttps(logs: LogCapture): Promise<https.Server> {
  const cert = path.join(fixture.root, "cert.pem");
  const key = path.join(fixture.root, "key.pem");
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
    ],
    { stdio: "ignore" },
  );
  const server = https.createServer(
    { cert: fs.readFileSync(cert), key: fs.readFileSync(key) },
    (_request, response) => response.end("ok"),
  );
  logTlsClientErrors(server, pino({ level: "debug" }, logs.stream));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error("timed out waiting for a log line");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("logTlsClientErrors", () => {
  test("logs plain HTTP on the TLS port", async () => {
    const logs = new LogCapture();
    const server = await startHttps(logs);
    const port = (server.address() as { port: number }).port;
    try {
      await expect(
        fetch(`http://127.0.0.1:${port}/?token=abc`),
      ).rejects.toThrow();
      await waitFor(() => logs.lines.length > 0);
    } finally {
      server.close();
    }

    const entries = logs.lines.map((line) => JSON.parse(line));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      level: 20,
      msg: "plain HTTP request on the TLS port",
      code: "ERR_SSL_HTTP_REQUEST",
      remoteAddress: "127.0.0.1",
    });
  });
});
