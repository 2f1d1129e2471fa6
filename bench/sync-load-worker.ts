import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { PlanDoc } from "../model/doc/plan-doc.ts";
import { clockMs } from "./sync-load-clock.ts";

// A child process of bench/sync-load.ts and bench/sync-load-cluster.ts
// that hosts some of the editors. Spreading the editors over several
// processes keeps one saturated event loop from setting the latency of all
// of them. The parent sends commands over IPC (serialization "advanced", so
// bytes arrive as Uint8Array) and this process replies to each one. Imported
// without an IPC channel, the module only provides its exports.

/** Top-level Y.Map of the send time of every edit, keyed `<editor>:<seq>`. */
export const SENT_AT_MAP = "benchSentAt";
/** Origin of an editor's own edits when they enter its connected document. */
const OWN_EDIT = Symbol("own edit");
/** How often this process reports its delivery count while edits run. */
const PROGRESS_INTERVAL_MS = 250;

export type WorkerCommand =
  | {
      type: "connect";
      /** Port of the server the editors connect to, unless they name one. */
      port: number;
      planId: string;
      initialUpdate: Uint8Array;
      editors: {
        editor: number;
        params: Record<string, string>;
        /** Port of this editor's server, for a cluster node of its own. */
        port?: number;
      }[];
    }
  | {
      type: "start";
      /** Shared clock time (see sync-load-clock.ts) of the first edit. */
      startAt: number;
      totalEditors: number;
      editsPerSecond: number;
      /** Edits each editor sends, warm-up included. */
      edits: number;
      /** Edits of each editor at the start whose latency is not counted. */
      warmupEdits: number;
    }
  | { type: "collect" };

export type WorkerReply =
  | { type: "connected" }
  | { type: "sent"; sent: number }
  | { type: "progress"; received: number }
  | {
      type: "collected";
      received: number;
      /** Latencies in milliseconds of the deliveries of measured edits. */
      latencies: Float64Array;
      /** The editor who sent the edit of each latency, in the same order. */
      authors: Int32Array;
      /** The editor who received the edit of each latency, in the same order. */
      receivers: Int32Array;
      /** CPU time of this process since it started, in microseconds. */
      cpuMicros: number;
    };

interface LoadClient {
  editor: number;
  sent: number;
  /** Keys of the other editors' edits this client has received. */
  received: Set<string>;
  latencies: number[];
  /** The editor who sent the edit of each entry of `latencies`. */
  authors: number[];
  edit(seq: number): void;
  destroy(): void;
}

const clients: LoadClient[] = [];
let warmupEdits = 0;
let progressTimer: NodeJS.Timeout | undefined;

if (process.send !== undefined) {
  // y-websocket adds a process "exit" listener per provider.
  process.setMaxListeners(0);
  process.on("message", (command: WorkerCommand) => {
    void handle(command).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  process.on("disconnect", () => {
    for (const client of clients) client.destroy();
    process.exit(0);
  });
}

async function handle(command: WorkerCommand): Promise<void> {
  switch (command.type) {
    case "connect": {
      const connecting = command.editors.map(({ editor, params, port }) =>
        connectClient(command, editor, params, port ?? command.port),
      );
      await Promise.all(connecting);
      reply({ type: "connected" });
      return;
    }
    case "start":
      warmupEdits = command.warmupEdits;
      progressTimer = setInterval(
        () => reply({ type: "progress", received: countReceived() }),
        PROGRESS_INTERVAL_MS,
      );
      await sendEdits(command);
      reply({ type: "sent", sent: clients.reduce((n, c) => n + c.sent, 0) });
      return;
    case "collect": {
      clearInterval(progressTimer);
      const usage = process.cpuUsage();
      reply({
        type: "collected",
        received: countReceived(),
        latencies: Float64Array.from(clients.flatMap((c) => c.latencies)),
        authors: Int32Array.from(clients.flatMap((c) => c.authors)),
        receivers: Int32Array.from(
          clients.flatMap((c) => c.latencies.map(() => c.editor)),
        ),
        cpuMicros: usage.user + usage.system,
      });
      return;
    }
  }
}

function reply(message: WorkerReply): void {
  process.send!(message);
}

function countReceived(): number {
  return clients.reduce((sum, client) => sum + client.received.size, 0);
}

// Each edit is one transaction of an author document: the editor assigns a
// unit of the plan with `PlanDoc.assign`, the way a paint stroke does, and
// writes its send time under a key of its own. The update then enters the
// connected document, which sends it, and every other client records the
// arrival of that key. The connected documents are plain Y.Docs, because a
// PlanDoc's YKeyValue walks the whole assignments array on every remote
// update, which would make the clients, not the server, set the latency.
// The author document contains only its own edits, which Yjs merges like
// those of an editor who was offline.
async function connectClient(
  command: Extract<WorkerCommand, { type: "connect" }>,
  editor: number,
  params: Record<string, string>,
  port: number,
): Promise<void> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, command.initialUpdate);
  const authorDoc = new Y.Doc();
  Y.applyUpdate(authorDoc, command.initialUpdate);
  const plan = new PlanDoc(authorDoc);
  const unitIds = [...plan.readAssignments().keys()];
  const territoryIds = plan.readTerritories().map((t) => t.id);
  const authorSentAt = authorDoc.getMap<number>(SENT_AT_MAP);
  authorDoc.on("update", (update: Uint8Array) =>
    Y.applyUpdate(doc, update, OWN_EDIT),
  );
  const provider = new WebsocketProvider(
    `ws://127.0.0.1:${port}/sync`,
    command.planId,
    doc,
    { params, WebSocketPolyfill: WebSocket as never, disableBc: true },
  );
  const client: LoadClient = {
    editor,
    sent: 0,
    received: new Set(),
    latencies: [],
    authors: [],
    edit(seq) {
      const unit = unitIds[(editor * 997 + seq * 31) % unitIds.length];
      const territory = territoryIds[(editor + seq) % territoryIds.length];
      authorDoc.transact(() => {
        plan.assign([unit], territory);
        authorSentAt.set(`${editor}:${seq}`, clockMs());
      });
      client.sent += 1;
    },
    destroy() {
      provider.destroy();
      doc.destroy();
      authorDoc.destroy();
    },
  };
  const sentAt = doc.getMap<number>(SENT_AT_MAP);
  sentAt.observe((event) => {
    if (event.transaction.origin === OWN_EDIT) return;
    const now = clockMs();
    for (const key of event.keysChanged) {
      const time = sentAt.get(key);
      if (time === undefined || client.received.has(key)) continue;
      client.received.add(key);
      const separator = key.indexOf(":");
      const seq = Number(key.slice(separator + 1));
      if (seq < warmupEdits) continue;
      client.latencies.push(now - time);
      client.authors.push(Number(key.slice(0, separator)));
    }
  });
  clients.push(client);
  await whenSynced(provider);
}

// Sends every editor's edits on a fixed schedule from `startAt`, spread
// evenly across each interval over all editors of every process. When the
// event loop falls behind, the edits that are due go out at once, so the
// offered load stays at the set rate.
function sendEdits(
  command: Extract<WorkerCommand, { type: "start" }>,
): Promise<void> {
  const intervalMs = 1000 / command.editsPerSecond;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = clockMs() - command.startAt;
      let done = true;
      for (const client of clients) {
        const offset = (client.editor / command.totalEditors) * intervalMs;
        const due = Math.min(
          command.edits,
          Math.max(0, Math.floor((elapsed - offset) / intervalMs) + 1),
        );
        while (client.sent < due) client.edit(client.sent);
        if (client.sent < command.edits) done = false;
      }
      if (done) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
}

function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) =>
    provider.once("sync", (synced: boolean) => {
      if (synced) resolve();
    }),
  );
}
