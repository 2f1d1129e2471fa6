import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterEach, beforeAll, afterAll, expect, test } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { planContentHash } from "../../model/doc/plan-content.ts";
import type { PersonalSession } from "../../web/session/types.ts";
import {
  iterationsToRun,
  Random,
  seedsToRun,
} from "../sync-server/fuzz/random.ts";
import { demoCounties, PUBLIC_DATA_DIR } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import { REPO_DIR, WEB_DIST_DIR } from "./build-web.ts";
import {
  PAGE_TIMEOUT_MS,
  waitForConnection,
  waitForMapReady,
  waitForOfflineShell,
} from "./plan-page.ts";

// Three editors in separate browser profiles edit the demo plan at random
// through the testing hook. They go offline and reload offline, so the plan
// comes back from y-dexie's IndexedDB. Meanwhile the server is killed with
// SIGKILL and started again on the same data folder and port. Once all are
// online again, every page must contain the server's plan content and
// derive the same coverage and quotas. FUZZ_SEED reruns one seed, and
// FUZZ_ITERATIONS sets the steps per seed.
const DEFAULT_SEEDS = [1];
const DEFAULT_ITERATIONS = 50;
const EDITORS = ["Ada", "Grace", "Edsger"];
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

// Counties of California and Nevada, few enough that edits collide often.
const UNIT_POOL = [...demoCounties().values()]
  .filter((county) => county.state === "CA" || county.state === "NV")
  .map((county) => county.id)
  .slice(0, 40);

/** One editor's page, in a browser context (profile) of its own. */
interface Replica {
  name: string;
  context: BrowserContext;
  page: Page;
  offline: boolean;
}

let browser: Browser;
let server: ServerProcess | null = null;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await server?.dispose();
  server = null;
});

afterAll(async () => {
  await browser?.close();
});

/**
 * `node sync-server/main.ts` in a child process, so that a restart can kill
 * it with SIGKILL as a crash would, on a fixed port and data folder.
 */
class ServerProcess {
  readonly folder = mkdtempSync(join(tmpdir(), "meridian-fuzz-offline-"));
  readonly dataDir = join(this.folder, "data");
  // A copy of the built app, so that a build started meanwhile (which
  // empties dist/web first) cannot break the pages' reloads.
  readonly webDir = join(this.folder, "web");
  /** The invite links the server printed at its last start, by role. */
  links = new Map<string, string>();
  #child: ChildProcess | null = null;
  #stderr = "";

  constructor(readonly port: number) {
    cpSync(WEB_DIST_DIR, this.webDir, { recursive: true });
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server and resolves once it has printed its invite links. */
  start(): Promise<void> {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "sync-server/main.ts"],
      {
        cwd: REPO_DIR,
        env: {
          ...process.env,
          PORT: String(this.port),
          HOST: "127.0.0.1",
          DATA_DIR: this.dataDir,
          WEB_DIR: this.webDir,
          PUBLIC_DATA_DIR,
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    this.#child = child;
    child.stderr!.on("data", (chunk) => (this.#stderr += String(chunk)));
    return new Promise((resolve, reject) => {
      let stdout = "";
      child.stdout!.on("data", (chunk) => {
        stdout += String(chunk);
        for (const line of stdout.split("\n")) {
          const match = /^(editor|reviewer|viewer): (\S+)$/.exec(line);
          if (match) this.links.set(match[1], match[2]);
        }
        if (this.links.has("viewer")) resolve();
      });
      child.once("exit", (code) =>
        reject(
          new Error(
            `The server exited with code ${code} before it printed its links:\n${this.#stderr}`,
          ),
        ),
      );
    });
  }

  /** Kills the server with SIGKILL and waits for the process to end. */
  async kill(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** Joins the demo plan with the printed invite link of `role`. */
  async join(role: string, name: string): Promise<PersonalSession> {
    const invite = new URL(this.links.get(role)!).searchParams.get("token");
    const response = await fetch(`${this.apiUrl}/api/join`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: invite, name }),
    });
    if (!response.ok) {
      throw new Error(
        `POST /api/join failed with ${response.status}: ${await response.text()}`,
      );
    }
    const reply = (await response.json()) as Omit<
      PersonalSession,
      "inviteDigest"
    >;
    return { ...reply, inviteDigest: null };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function planUrl(port: number): string {
  return `http://localhost:${port}/?plan=demo`;
}

/** Opens the plan in a new browser context whose localStorage contains `session`. */
async function openReplica(
  port: number,
  session: PersonalSession,
): Promise<Replica> {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 700 },
  });
  contexts.push(context);
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  await context.addInitScript((stored) => {
    const key = `meridian.session.${stored.planId}`;
    if (!window.localStorage.getItem(key))
      window.localStorage.setItem(key, JSON.stringify(stored));
  }, session);
  const page = await context.newPage();
  page.on("pageerror", (error) =>
    console.error(`[${session.person.name} page error] ${error.message}`),
  );
  await page.goto(planUrl(port));
  await waitForMapReady(page);
  await waitForOfflineShell(page);
  return { name: session.person.name, context, page, offline: false };
}

interface TerritoryChoice {
  id: string;
  kind: string;
}

function territoriesOf(page: Page): Promise<TerritoryChoice[]> {
  return page.evaluate(() =>
    (window.meridian.planDoc?.readTerritories() ?? []).map((t) => ({
      id: t.id,
      kind: t.kind,
    })),
  );
}

/** Makes one random edit on the replica's page and returns what it did. */
async function randomEdit(replica: Replica, random: Random): Promise<string> {
  const territories = await territoriesOf(replica.page);
  const territory = random.pickOrNull(
    territories.filter((t) => t.kind === "territory"),
  );
  if (territory === null) return "no territory to edit";
  const roll = random.int(1, 100);

  if (roll <= 55) {
    const units = random.sample(UNIT_POOL, random.int(1, 4));
    const target = random.chance(0.15) ? null : territory.id;
    await replica.page.evaluate(([ids, id]) => window.meridian.paint(ids, id), [
      units,
      target,
    ] as const);
    return `paint ${units.join(",")} -> ${target}`;
  }
  if (roll <= 70) {
    const name = random.word();
    await replica.page.evaluate(
      ([id, value]) =>
        window.meridian.planDoc!.updateTerritory(id, { name: value }),
      [territory.id, name] as const,
    );
    return `rename ${territory.id} to ${name}`;
  }
  if (roll <= 80) {
    const color = random.pick(COLORS);
    await replica.page.evaluate(
      ([id, value]) =>
        window.meridian.planDoc!.updateTerritory(id, { color: value }),
      [territory.id, color] as const,
    );
    return `recolour ${territory.id} to ${color}`;
  }

  const sign = random.chance(0.5) ? "-" : "";
  const adjustment = random.chance(0.2)
    ? null
    : random.chance(0.3)
      ? { amount: `${random.int(100, 900)}000.00` }
      : { delta: `${sign}${random.int(1, 200)}00.00` };
  // The Quotas view rejects an adjustment that causes a planning issue, such
  // as a negative quota or adjustments above a region's pool.
  const outcome = await replica.page.evaluate(
    ([id, value]) => {
      try {
        window.meridian.adjustQuota(id, value);
        return "applied";
      } catch (error) {
        return `rejected: ${(error as Error).message}`;
      }
    },
    [territory.id, adjustment] as const,
  );
  return `adjust quota of ${territory.id} by ${JSON.stringify(adjustment)}: ${outcome}`;
}

// Chromium's offline emulation blocks new connections but does not close an
// open WebSocket, which y-websocket closes only after 30 seconds without a
// message. The page's socket is closed at once, as a lost network would,
// and its reconnects then fail until the context is online again.
async function setOffline(replica: Replica, offline: boolean): Promise<void> {
  await replica.context.setOffline(offline);
  replica.offline = offline;
  if (!offline) return;
  await replica.page.evaluate(() => window.meridian.provider?.ws?.close());
  await replica.page
    .locator('[data-testid="connection-badge"]:not([data-status="connected"])')
    .waitFor();
}

async function reloadOffline(replica: Replica): Promise<void> {
  await setOffline(replica, true);
  await replica.page.reload();
  await waitForMapReady(replica.page);
}

/** Reads the plan's content hash as the server stores it, through a y-websocket client of its own. */
async function serverHash(
  running: ServerProcess,
  token: string,
): Promise<{ hash: () => string; close: () => void }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `ws://127.0.0.1:${running.port}/sync`,
    "demo",
    doc,
    {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  );
  await new Promise<void>((resolve) => {
    provider.on("sync", (synced: boolean) => synced && resolve());
  });
  return {
    hash: () => planContentHash(doc),
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

function pageHash(replica: Replica): Promise<string | null> {
  return replica.page.evaluate(() => window.meridian.contentHash());
}

// Coverage per territory, the quota of every node and the planning issues,
// as JSON. Edits merged from several pages can leave an issue, such as
// adjustments above a region's pool, in place of quotas.
function derivedFigures(replica: Replica): Promise<string> {
  return replica.page.evaluate(() => {
    const model = window.meridian.planning?.model ?? null;
    return JSON.stringify({
      coverage: window.meridian.coverage(),
      quotas: model?.quota?.quotas ?? null,
      issues: model?.issues ?? null,
    });
  });
}

/** Polls `read` every 500 ms until `done` accepts its value or `timeoutMs` passes; returns the last value. */
async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    value = await read();
  }
  return value;
}

async function runSeed(seed: number, iterations: number, trace: string[]) {
  const random = new Random(seed);
  const started = Date.now();
  const note = (text: string) =>
    trace.push(`${((Date.now() - started) / 1000).toFixed(1)} s, ${text}`);
  server = new ServerProcess(await freePort());
  await server.start();
  const viewer = await server.join("viewer", "Observer");
  const sessions = await Promise.all(
    EDITORS.map((name) => server!.join("editor", name)),
  );
  const replicas: Replica[] = [];
  for (const session of sessions)
    replicas.push(await openReplica(server.port, session));

  for (let step = 0; step < iterations; step++) {
    const replica = random.pick(replicas);
    const roll = random.int(1, 100);
    if (roll <= 62) {
      note(`${step} ${replica.name}: ${await randomEdit(replica, random)}`);
    } else if (roll <= 77) {
      note(
        `${step} ${replica.name}: ${replica.offline ? "online" : "offline"}`,
      );
      await setOffline(replica, !replica.offline);
    } else if (roll <= 86) {
      note(`${step} ${replica.name}: reload offline`);
      await reloadOffline(replica);
    } else if (roll <= 93) {
      note(`${step} server: kill -9 and start`);
      await server.kill();
      for (let i = random.int(0, 3); i > 0; i--) {
        const editing = random.pick(replicas);
        note(
          `${step} ${editing.name} (server down): ${await randomEdit(editing, random)}`,
        );
      }
      await server.start();
    } else {
      const pause = random.int(100, 1_500);
      note(`${step} pause ${pause} ms`);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  note("all online");
  for (const replica of replicas) await setOffline(replica, false);
  for (const replica of replicas) {
    await waitForConnection(replica.page, "connected");
    await replica.page
      .locator('[data-testid="connection-badge"][data-pending="0"]')
      .waitFor();
  }

  const observer = await serverHash(server, viewer.token);
  try {
    const hashes = () => Promise.all(replicas.map(pageHash));
    const final = await pollUntil(
      hashes,
      (values) => values.every((value) => value === observer.hash()),
      PAGE_TIMEOUT_MS,
    );
    const expected = observer.hash();
    replicas.forEach((replica, i) =>
      expect(final[i], `${replica.name}'s plan content hash`).toBe(expected),
    );
  } finally {
    observer.close();
  }

  const figures = await pollUntil(
    () => Promise.all(replicas.map(derivedFigures)),
    (values) => values.every((value) => value === values[0]),
    PAGE_TIMEOUT_MS,
  );
  const first = JSON.parse(figures[0]);
  expect(first.coverage).not.toBeNull();
  expect(first.issues).not.toBeNull();
  if (first.issues.length === 0) expect(first.quotas).not.toBeNull();
  replicas.forEach((replica, i) =>
    expect(figures[i], `${replica.name}'s coverage and quotas`).toBe(
      figures[0],
    ),
  );
}

test.each(seedsToRun(DEFAULT_SEEDS))(
  "offline browsers converge, seed %i",
  async (seed) => {
    const trace: string[] = [];
    try {
      await runSeed(seed, iterationsToRun(DEFAULT_ITERATIONS), trace);
    } catch (error) {
      console.error(
        `fuzz-offline failed with FUZZ_SEED=${seed}; rerun with FUZZ_SEED=${seed} npx vitest run --project browser test/e2e/fuzz-offline.test.ts. Steps:\n${trace.join("\n")}`,
      );
      throw error;
    }
  },
  10 * 60_000,
);
