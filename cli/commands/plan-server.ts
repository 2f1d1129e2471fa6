import { decodeJwt } from "jose";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { CliError } from "../errors.ts";
import { IMPORT_ORIGIN, type PlanConnection } from "./plan-connection.ts";

/** The address of a running server, the token to connect with and the wait limit. */
export interface ServerAddress {
  /** The address the app opens at, such as http://127.0.0.1:8080, or its ws:// sync address. */
  server: string;
  token: string;
  /** Milliseconds to wait for the server to load the plan and to confirm the edit. */
  timeoutMs: number;
}

/**
 * Opens a plan on a running server as a y-websocket client, the way the app
 * does, so that the server stores the edit and sends it to everyone
 * connected. The token must be an editor's token for that plan: a personal
 * token or an invite link's token.
 */
export async function openServerPlan(
  address: ServerAddress,
  planId: string,
): Promise<PlanConnection> {
  checkToken(address.token, planId);
  const base = syncBase(address.server);
  const description = `${base}/${planId}`;
  const main = connect(base, planId, address.token);
  try {
    await waitForSync(main, description, address.timeoutMs);
  } catch (error) {
    main.destroy();
    throw error;
  }
  const plan = new PlanDoc(main.doc);
  if (!plan.isInitialised()) {
    main.destroy();
    throw new CliError(
      `Plan "${planId}" on ${base} is empty: the server has no such plan. List the plans with "meridian plan list".`,
    );
  }

  return {
    plan,
    description,
    async write(change) {
      main.doc.transact(() => change(plan), IMPORT_ORIGIN);
      const clock = clockOf(main.doc, main.doc.clientID);
      if (clock === 0) return;
      await confirmStored(base, planId, address, main.doc.clientID, clock);
    },
    readUploaded: (sha256) => fetchDataset(address, sha256),
    close: () => main.destroy(),
  };
}

/** Downloads an uploaded dataset from the server's dataset API with the connection's token. */
async function fetchDataset(
  address: ServerAddress,
  sha256: string,
): Promise<string | null> {
  const url = new URL(`/api/datasets/${sha256}`, httpBase(address.server));
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${address.token}` },
      signal: AbortSignal.timeout(address.timeoutMs),
    });
  } catch (error) {
    throw new CliError(
      `Downloading the plan's accounts dataset from ${url} failed: ${(error as Error).message}.`,
    );
  }
  if (response.status === 404) return null;
  if (!response.ok) {
    const body = await response.text();
    throw new CliError(
      `Downloading the plan's accounts dataset from ${url} failed with ${response.status}: ${body}. An uploaded dataset needs a personal token, not an invite token.`,
    );
  }
  return response.text();
}

/** Returns the http(s) origin of a server given by its app or sync address. */
function httpBase(server: string): string {
  const url = new URL(syncBase(server));
  url.protocol = url.protocol === "wss:" ? "https:" : "http:";
  return url.origin;
}

/** Reads the token's claims, unverified, to report a wrong plan or role before connecting. */
function checkToken(token: string, planId: string): void {
  let claims;
  try {
    claims = decodeJwt(token);
  } catch {
    throw new CliError(
      "--token is not a Meridian token. Copy the token= part of an editor's invite link, or a personal token from the app.",
      2,
    );
  }
  if (claims.plan !== planId) {
    throw new CliError(
      `--token is for plan "${String(claims.plan)}", not "${planId}". Use a token of plan "${planId}".`,
      2,
    );
  }
  if (claims.role !== "editor") {
    throw new CliError(
      `--token has the role ${String(claims.role)}, which cannot change the plan. Use an editor's token.`,
      2,
    );
  }
}

/** Turns the app address into the sync base URL that y-websocket appends the room to. */
function syncBase(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new CliError(
      `--server "${server}" is not a URL. Give the address the app opens at, such as http://127.0.0.1:8080.`,
      2,
    );
  }
  const protocols: Record<string, string> = {
    "http:": "ws:",
    "https:": "wss:",
    "ws:": "ws:",
    "wss:": "wss:",
  };
  const protocol = protocols[url.protocol];
  if (protocol === undefined) {
    throw new CliError(
      `--server "${server}" is not an http, https, ws or wss URL.`,
      2,
    );
  }
  const pathname = url.pathname.replace(/\/+$/, "");
  const syncPath = pathname.endsWith("/sync") ? pathname : `${pathname}/sync`;
  return `${protocol}//${url.host}${syncPath}`;
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

function connect(base: string, planId: string, token: string): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base, planId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  // The command line is no person at the map, so it announces no presence.
  provider.awareness.setLocalState(null);
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves after the first sync; rejects when the server closes the socket for good or the time runs out. */
function waitForSync(
  client: Client,
  description: string,
  timeoutMs: number,
): Promise<void> {
  const { provider } = client;
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      provider.off("sync", onSync);
      provider.off("closed", onClosed);
      if (error) reject(error);
      else resolve();
    };
    const onSync = (synced: boolean) => {
      if (synced) finish(null);
    };
    const onClosed = ({ code, reason }: { code: number; reason: string }) =>
      finish(
        new CliError(
          `The server closed ${description} with code ${code}: ${reason || "no reason given"}. Check --token and --plan.`,
        ),
      );
    const timer = setTimeout(
      () =>
        finish(
          new CliError(
            `Timed out after ${timeoutMs / 1000} s waiting for ${description} to respond. Check that the server runs at --server, or raise --timeout.`,
          ),
        ),
      timeoutMs,
    );
    provider.on("sync", onSync);
    provider.on("closed", onClosed);
  });
}

function clockOf(doc: Y.Doc, clientId: number): number {
  return Y.decodeStateVector(Y.encodeStateVector(doc)).get(clientId) ?? 0;
}

/**
 * Waits until a second connection's copy of the plan contains this client's
 * edits up to `clock`. The server stores an update before it sends it to
 * anyone, so seeing it there proves it is stored.
 */
async function confirmStored(
  base: string,
  planId: string,
  address: ServerAddress,
  clientId: number,
  clock: number,
): Promise<void> {
  const description = `${base}/${planId}`;
  const reader = connect(base, planId, address.token);
  try {
    await waitForSync(reader, description, address.timeoutMs);
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (clockOf(reader.doc, clientId) < clock) return;
        clearTimeout(timer);
        reader.doc.off("update", check);
        resolve();
      };
      const timer = setTimeout(() => {
        reader.doc.off("update", check);
        reject(
          new CliError(
            `${description} did not confirm the import within ${address.timeoutMs / 1000} s, so it may be incomplete. Check the server's log, then run the import again: it repeats only the moves still missing.`,
          ),
        );
      }, address.timeoutMs);
      reader.doc.on("update", check);
      check();
    });
  } finally {
    reader.destroy();
  }
}
