import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { Role } from "../../sync-server/roles.ts";
import { startServer, type RunningServer } from "../../sync-server/server.ts";
import { REPO_DIR, WEB_DIST_DIR } from "./build-web.ts";

export const PUBLIC_DATA_DIR = join(REPO_DIR, "public", "data");

/** A county of the demo data, with the longitude and latitude of its point in units.json. */
export interface County {
  id: string;
  name: string;
  state: string;
  lon: number;
  lat: number;
}

let counties: Map<string, County> | null = null;

/** Reads the counties of public/data/units.json, by FIPS code. */
export function demoCounties(): Map<string, County> {
  if (counties) return counties;
  const file = join(PUBLIC_DATA_DIR, "units.json");
  const { units } = JSON.parse(readFileSync(file, "utf8")) as {
    units: County[];
  };
  counties = new Map(units.map((unit) => [unit.id, unit]));
  return counties;
}

/** Returns the county with this FIPS code, or throws when the demo data has none. */
export function county(id: string): County {
  const found = demoCounties().get(id);
  if (!found) throw new Error(`County ${id} is not in public/data/units.json.`);
  return found;
}

/**
 * A sync server running in this process on the built web app and the demo
 * data, with its SQLite database in a temp folder. The warnings and errors
 * it logs are kept in `logs`, one JSON line each, for tests to check.
 */
export interface AppServer {
  server: RunningServer;
  dataDir: string;
  logs: string[];
  /** Fresh invite link to the demo plan for a role. */
  link(role: Role): Promise<string>;
  /** Stops the server and keeps its data folder for a restart. */
  stop(): Promise<void>;
  /** Starts a new server on the same port and data folder. */
  restart(): Promise<void>;
  /** Stops the server and deletes its data folder. */
  dispose(): Promise<void>;
}

export async function startAppServer(): Promise<AppServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-e2e-"));
  const logs: string[] = [];
  const start = (port: number) =>
    startServer({
      port,
      host: "127.0.0.1",
      dataDir,
      publicDataDir: PUBLIC_DATA_DIR,
      webDir: WEB_DIST_DIR,
      closeTimeoutMs: 1_000,
      logger: pino({ level: "warn" }, collectLines(logs)),
    });

  let server = await start(0);
  let running = true;
  const app: AppServer = {
    get server() {
      return server;
    },
    dataDir,
    logs,
    link: async (role) => {
      const links = await server.demoLinks();
      const found = links.find((entry) => entry.role === role);
      if (!found)
        throw new Error(
          `No ${role} invite link, because the server has no demo plan. Check public/data/demo-plan.json.`,
        );
      return found.url;
    },
    stop: async () => {
      running = false;
      await server.close();
    },
    restart: async () => {
      if (running) await server.close();
      server = await start(server.port);
      running = true;
    },
    dispose: async () => {
      if (running) await server.close();
      running = false;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/**
 * Rebuilds a room's document from what the server stored in SQLite: the
 * snapshot and every update after it.
 */
export function storedPlan(server: RunningServer, room = "demo"): PlanDoc {
  const stored = server.storage.loadRoom(room);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return new PlanDoc(doc);
}

function collectLines(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
}
