import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { PlanDoc } from "../../../model/doc/plan-doc.ts";
import { PlanningDoc } from "../../../model/doc/planning-doc.ts";

/**
 * Maximum wait between reconnection attempts. y-websocket 3.1 defaults to
 * 2500 ms, and a short cap keeps a run's many server restarts quick.
 */
const MAX_BACKOFF_MS = 100;

/**
 * One browser tab of the app: a Y.Doc with a y-websocket provider and a
 * persisted copy that survives a reload.
 *
 * The web app persists through y-dexie, which needs IndexedDB, and Node has
 * none (fake-indexeddb is not installed). The persisted copy is therefore
 * an in-memory log of every update the document emits, which is what
 * y-dexie stores, and a reload merges the log into one update as y-dexie's
 * compaction does. Every update is saved synchronously, so a reload here
 * never loses an edit that IndexedDB had not written yet.
 */
export class Replica {
  readonly name: string;
  doc!: Y.Doc;
  plan!: PlanDoc;
  planning!: PlanningDoc;
  provider!: WebsocketProvider;
  online = true;
  #saved: Uint8Array[] = [];
  readonly #syncUrl: string;
  readonly #room: string;
  readonly #token: string;

  constructor(name: string, syncUrl: string, room: string, token: string) {
    this.name = name;
    this.#syncUrl = syncUrl;
    this.#room = room;
    this.#token = token;
    this.#open();
  }

  /** Closes the connection as a lost network does. Edits still go into the document. */
  goOffline(): void {
    this.online = false;
    this.provider.disconnect();
  }

  goOnline(): void {
    this.online = true;
    this.provider.connect();
  }

  /** Drops the document and connection, then opens the persisted copy in a new document. */
  reload(): void {
    this.#close();
    this.#saved = [Y.mergeUpdates(this.#saved)];
    this.#open();
  }

  /** Returns a new document built from the persisted copy alone. */
  loadSaved(): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates(this.#saved));
    return doc;
  }

  /** True when connected and the provider has exchanged state with the server since. */
  isSynced(): boolean {
    return this.provider.wsconnected && this.provider.synced;
  }

  destroy(): void {
    this.#close();
  }

  #open(): void {
    // A reload gets a new client id, as a browser tab does.
    this.doc = new Y.Doc();
    if (this.#saved.length > 0) {
      Y.applyUpdate(this.doc, Y.mergeUpdates(this.#saved));
    }
    this.doc.on("update", (update: Uint8Array) => this.#saved.push(update));
    this.plan = new PlanDoc(this.doc);
    this.planning = new PlanningDoc(this.doc);
    this.provider = new WebsocketProvider(this.#syncUrl, this.#room, this.doc, {
      params: { token: this.#token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      connect: this.online,
      maxBackoffTime: MAX_BACKOFF_MS,
    });
  }

  #close(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
