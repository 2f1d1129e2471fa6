import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { Role } from "../../sync-server/roles.ts";
import {
  startServer,
  type RunningServer,
  type StartOptions,
} from "../../sync-server/server.ts";
import { signToken, type TokenKind } from "../../sync-server/tokens.ts";

export const TEST_SECRET = "test-secret-0123456789-abcdefghijklmnop";

export const GEOMETRY_BYTES = '{"type":"Topology","objects":{}}\n';
export const GEOMETRY_SHA256 = createHash("sha256")
  .update(GEOMETRY_BYTES)
  .digest("hex");

/** The demo plan the fixture ships: two territories, three assigned units. */
export const DEMO_PLAN = {
  name: "Fixture demo",
  territories: [
    { key: "east", name: "East", color: "#1f77b4" },
    { key: "west", name: "West", color: "#d62728" },
  ],
  assignments: { "01001": "east", "01003": "east", "06001": "west" },
};

/** A temp folder with a data dir, a public data dir and a built-web-app stand-in. */
export interface Fixture {
  root: string;
  dataDir: string;
  publicDataDir: string;
  webDir: string;
  remove(): void;
}

export function createFixture(): Fixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-sync-"));
  const dataDir = path.join(root, "data");
  const publicDataDir = path.join(root, "public-data");
  const webDir = path.join(root, "web");

  fs.mkdirSync(publicDataDir);
  fs.writeFileSync(path.join(publicDataDir, "geometry.json"), GEOMETRY_BYTES);
  fs.writeFileSync(
    path.join(publicDataDir, "manifest.json"),
    JSON.stringify({
      datasets: {
        geometry: { file: "geometry.json", sha256: GEOMETRY_SHA256 },
      },
    }),
  );
  fs.writeFileSync(
    path.join(publicDataDir, "demo-plan.json"),
    JSON.stringify(DEMO_PLAN),
  );

  fs.mkdirSync(path.join(webDir, "assets"), { recursive: true });
  fs.writeFileSync(path.join(webDir, "index.html"), "<!doctype html><p>app");
  fs.writeFileSync(path.join(webDir, "sw.js"), "self.addEventListener;");
  fs.writeFileSync(path.join(webDir, "assets", "app-1a2b.js"), "export {};");
  fs.writeFileSync(path.join(webDir, "assets", "app-1a2b.css"), "p{}");
  fs.writeFileSync(path.join(webDir, "app.webmanifest"), "{}");
  fs.writeFileSync(path.join(webDir, "icon.svg"), "<svg/>");

  return {
    root,
    dataDir,
    publicDataDir,
    webDir,
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Log lines a test server wrote, parsed from pino's JSON output. */
export class LogCapture {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk, _encoding, done) => {
      this.lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });

  text(): string {
    return this.lines.join("\n");
  }

  messages(): string[] {
    return this.lines.map((line) => JSON.parse(line).msg as string);
  }
}

export function startTestServer(
  fixture: Fixture,
  options: StartOptions = {},
  logs = new LogCapture(),
): Promise<RunningServer> {
  return startServer({
    port: 0,
    host: "127.0.0.1",
    dataDir: fixture.dataDir,
    publicDataDir: fixture.publicDataDir,
    webDir: fixture.webDir,
    authSecret: TEST_SECRET,
    logger: pino({ level: "debug" }, logs.stream),
    closeTimeoutMs: 1_000,
    ...options,
  });
}

/** Signs a token with the test secret; expires in a day unless `expiresAt` sets another time. */
export function testToken(
  role: Role,
  options: {
    plan?: string;
    kind?: TokenKind;
    sub?: string;
    name?: string;
    secret?: string;
    expiresAt?: number;
  } = {},
): Promise<string> {
  return signToken(
    new TextEncoder().encode(options.secret ?? TEST_SECRET),
    {
      sub:
        options.sub ?? `person-${role}-${Math.random().toString(36).slice(2)}`,
      name: options.name ?? `Test ${role}`,
      plan: options.plan ?? "demo",
      role,
      kind: options.kind ?? "person",
    },
    options.expiresAt ?? Math.floor(Date.now() / 1000) + 86_400,
  );
}

/** A stock y-websocket client with BroadcastChannel off, so it talks only through the server. */
export interface TestClient {
  doc: Y.Doc;
  plan: PlanDoc;
  provider: WebsocketProvider;
  destroy(): void;
}

export function connectClient(
  server: { syncUrl: string },
  room: string,
  token: string,
  doc = new Y.Doc(),
): TestClient {
  const provider = new WebsocketProvider(server.syncUrl, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
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

/** Resolves once the provider has completed its first sync with the server. */
export function synced(client: TestClient): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve) =>
    client.provider.once("sync", (state: boolean) => state && resolve()),
  );
}

/** Resolves once `check()` is true, re-checking after every change to `doc`. */
export function until(doc: Y.Doc, check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const onUpdate = () => {
      if (!check()) return;
      doc.off("update", onUpdate);
      resolve();
    };
    doc.on("update", onUpdate);
  });
}

/** Resolves with the next emission of a server event that matches. */
export function nextEvent<T>(
  emitter: {
    on(event: string, listener: (value: T) => void): unknown;
    off(event: string, listener: (value: T) => void): unknown;
  },
  event: string,
  match: (value: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve) => {
    const listener = (value: T) => {
      if (!match(value)) return;
      emitter.off(event, listener);
      resolve(value);
    };
    emitter.on(event, listener);
  });
}

/** A raw `ws` client, for reading close codes and sending hand-made frames. */
export interface RawClient {
  ws: WebSocket;
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  messages: Uint8Array[];
  /** Resolves with the first message the server sends. */
  firstMessage: Promise<Uint8Array>;
}

export function rawClient(url: string): RawClient {
  const ws = new WebSocket(url);
  const messages: Uint8Array[] = [];
  ws.on("message", (data) => messages.push(new Uint8Array(data as Buffer)));
  ws.on("error", () => {});
  return {
    ws,
    messages,
    opened: new Promise((resolve) => ws.once("open", () => resolve())),
    firstMessage: new Promise((resolve) =>
      ws.once("message", (data) => resolve(new Uint8Array(data as Buffer))),
    ),
    closed: new Promise((resolve) =>
      ws.once("close", (code, reason) =>
        resolve({ code, reason: reason.toString() }),
      ),
    ),
  };
}

export function roomUrl(
  server: { syncUrl: string },
  room: string,
  token?: string,
) {
  const query =
    token === undefined ? "" : `?token=${encodeURIComponent(token)}`;
  return `${server.syncUrl}/${room}${query}`;
}

/**
 * Reads a room's state on the server through a copy of its document. A
 * PlanDoc on the live server document would let YKeyValue write to it.
 */
export function serverPlan(server: RunningServer, room = "demo"): PlanDoc {
  const live = server.rooms.get(room);
  if (!live) throw new Error(`Room ${room} is not loaded on the server.`);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live.doc));
  return new PlanDoc(copy);
}

/** Resolves once `check` holds for the server's copy of a room, re-checking on each change. */
export function untilServer(
  server: RunningServer,
  room: string,
  check: (plan: PlanDoc) => boolean,
): Promise<void> {
  const live = server.rooms.get(room);
  if (!live) throw new Error(`Room ${room} is not loaded on the server.`);
  return until(live.doc, () => check(serverPlan(server, room)));
}

export function territoryNames(plan: PlanDoc): string[] {
  return plan.readTerritories().map((t) => t.name);
}

/** `npm start`'s server as a child process, for signal and crash tests. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  syncUrl: string;
  /** Lines printed on stdout before the links were complete, links included. */
  stdoutLines: string[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const MAIN = path.resolve(import.meta.dirname, "../../sync-server/main.ts");

/** Returns the environment of a server process on `fixture`, with `env` on top. */
export function serverEnv(
  fixture: Fixture,
  env: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: fixture.dataDir,
    PUBLIC_DATA_DIR: fixture.publicDataDir,
    WEB_DIR: fixture.webDir,
    AUTH_SECRET: TEST_SECRET,
    ...env,
  };
}

/** Spawns sync-server/main.ts and resolves once it printed its three links. */
export function spawnServer(
  fixture: Fixture,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: serverEnv(fixture, env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buffered = "";
    child.stdout!.on("data", (chunk) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      lines.push(...parts);
      const viewer = lines.find((line) => line.startsWith("viewer: "));
      if (!viewer) return;
      const port = Number(new URL(viewer.slice("viewer: ".length)).port);
      resolve({
        child,
        port,
        syncUrl: `ws://127.0.0.1:${port}/sync`,
        stdoutLines: lines,
        stderr: () => stderr,
        exited,
      });
    });
    exited.then(({ code }) =>
      reject(
        new Error(
          `Server exited with ${code} before printing links:\n${stderr}`,
        ),
      ),
    );
  });
}
