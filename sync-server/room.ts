import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { ServerEvents } from "./events.ts";
import type { Logger } from "./log.ts";
import { encodeAwareness, encodeUpdate } from "./protocol.ts";
import type { RoomName } from "./roles.ts";
import type { Storage } from "./storage.ts";
import type { ClusterRoom, RoomPeers } from "./cluster/peers.ts";
import { UpdateBatches, type StoredEntry } from "./room-batch.ts";
import { RoomCompaction } from "./room-compaction.ts";
import { RoomCatchUp } from "./room-catch-up.ts";
import {
  createAwarenessRelay,
  REMOTE_ORIGIN,
  type AwarenessRelay,
} from "./room-awareness.ts";
import {
  sendBatch,
  type OutgoingUpdate,
  type RoomMember,
} from "./room-member.ts";
import { StoreFailureLog } from "./room-store-failures.ts";
import {
  SqliteUpdateStore,
  type RoomUpdateStore,
  type StoredUpdate,
} from "./cluster/update-store.ts";

export type { RoomMember } from "./room-member.ts";

export interface RoomOptions {
  storage: Storage;
  /** Store of room updates and snapshots, by default the SQLite `storage`. */
  updates?: RoomUpdateStore;
  /** Other server nodes that share `updates`, in cluster mode only. */
  peers?: RoomPeers;
  logger: Logger;
  events: ServerEvents;
  /** Write a snapshot after this many updates since the last one. */
  compactAfterUpdates: number;
  /**
   * Test hook: the load waits for the returned promise before reading storage.
   */
  beforeLoad?: (room: string) => Promise<void> | void;
}

export type RoomState = "loading" | "ready" | "failed" | "unloaded";

/** Origin of the transaction that applies stored state while loading. */
const LOAD_ORIGIN = Symbol("load");

/**
 * One document in memory: its Y.Doc, the awareness of its connections, and
 * the rule that an update is stored before any other member receives it.
 */
export class Room implements ClusterRoom {
  readonly name: string;
  readonly planId: string;
  readonly kind: RoomName["kind"];
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly members = new Set<RoomMember>();
  /**
   * The `user.id` of the last awareness state of each client id, kept after
   * the state is removed so that only its person may announce it again.
   */
  readonly lastUserIds = new Map<number, string>();
  state: RoomState = "loading";

  private readonly options: RoomOptions;
  private readonly logger: Logger;
  private readonly updates: RoomUpdateStore;
  private readonly peers: RoomPeers | undefined;
  /** Failed update writes, logged at a bounded rate by the connections. */
  readonly storeFailures = new StoreFailureLog();
  /** Highest seq another node announced while this room was loading. */
  private announcedWhileLoading = 0;
  private readonly batches: UpdateBatches;
  private readonly compaction: RoomCompaction;
  private readonly catchUps: RoomCatchUp;
  private readonly relayAwareness: AwarenessRelay;

  constructor(room: RoomName, options: RoomOptions) {
    this.name = room.name;
    this.planId = room.planId;
    this.kind = room.kind;
    this.options = options;
    this.updates = options.updates ?? new SqliteUpdateStore(options.storage);
    this.peers = options.peers;
    this.logger = options.logger.child({ room: room.name });
    this.batches = new UpdateBatches({
      room: room.name,
      storage: options.storage,
      updates: this.updates,
      applyStored: (stored) => this.applyBatch(stored),
    });
    this.catchUps = new RoomCatchUp({
      room: room.name,
      updates: this.updates,
      batches: this.batches,
      logger: this.logger,
      isReady: () => this.state === "ready",
      applyMissed: (missed) => this.applyMissed(missed),
    });
    this.compaction = new RoomCompaction({
      room: room.name,
      updates: this.updates,
      logger: this.logger,
      compactAfterUpdates: options.compactAfterUpdates,
      encodeState: () => Y.encodeStateAsUpdate(this.doc),
      // The worker reads the SQLite file, so it builds only what that file
      // stores, not the rooms of a cluster's shared store.
      buildState: options.updates
        ? undefined
        : (seq) => options.storage.buildSnapshot(room.name, seq),
      lastSeq: () => this.catchUps.seqs.last,
      isReady: () => this.state === "ready",
    });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.relayAwareness = createAwarenessRelay({
      room: room.name,
      members: this.members,
      awareness: this.awareness,
      lastUserIds: this.lastUserIds,
      storage: options.storage,
      events: options.events,
      peers: options.peers,
      logger: this.logger,
      broadcast: (message) => this.broadcast(message),
    });
    this.awareness.on("update", this.relayAwareness);
  }

  /**
   * Reads the room's snapshot and later updates into the document, then
   * starts the members that connected meanwhile. No member gets a sync
   * message before this finishes, so no client receives a half-loaded plan.
   */
  async load(): Promise<void> {
    await this.options.beforeLoad?.(this.name);
    if (this.state !== "loading") return;

    // Subscribing first means that an update stored while the room reads
    // the store is either in what it reads or announced to it.
    await this.peers?.join(this);
    if (this.state !== "loading") return;
    const stored = await this.updates.loadRoom(this.name);
    if (this.state !== "loading") return;
    this.doc.transact(() => {
      if (stored.snapshot)
        this.applyStored(stored.snapshot, stored.snapshotSeq);
      stored.updates.forEach((update, index) =>
        this.applyStored(update, stored.snapshotSeq + index + 1),
      );
    }, LOAD_ORIGIN);
    this.catchUps.seqs.reset(stored.lastSeq);
    this.compaction.add(stored.updates.length);

    this.state = "ready";
    this.logger.info(
      { seq: stored.lastSeq, updates: stored.updates.length },
      "room loaded",
    );
    this.compaction.schedule();
    this.options.events.emit("room-loaded", { room: this.name });
    for (const member of this.members) member.start();
    if (this.peers) this.joinPeers(this.peers);
  }

  private joinPeers(peers: RoomPeers): void {
    peers.queryAwareness(this.name);
    if (this.announcedWhileLoading > this.catchUps.seqs.last)
      void this.catchUps.catchUpLogged();
  }

  private applyStored(update: Uint8Array, seq: number): void {
    try {
      Y.applyUpdate(this.doc, update, LOAD_ORIGIN);
    } catch (error) {
      // The update was decoded before it was stored, so this means a bug or
      // a damaged database. Loading the rest keeps the plan usable.
      this.logger.error({ err: error, seq }, "stored update failed to apply");
    }
  }

  /**
   * Adds a member, which starts now if the room is loaded or else once loading
   * finishes.
   */
  addMember(member: RoomMember): void {
    this.members.add(member);
    if (this.state === "ready") member.start();
  }

  /** Removes a member and the awareness states it announced. */
  removeMember(member: RoomMember): void {
    if (!this.members.delete(member)) return;
    const clients = [...member.awarenessClients];
    if (clients.length > 0 && this.state === "ready") {
      awarenessProtocol.removeAwarenessStates(this.awareness, clients, null);
    }
  }

  /**
   * Stores an update from a member, applies it, then sends it to the other
   * members. Rejects with a StorageError when storing fails, before anyone
   * saw the update, and with the error of Y.applyUpdate when the stored
   * update does not apply.
   */
  writeUpdate(member: RoomMember, update: Uint8Array): Promise<number> {
    return this.batches.write(member, update);
  }

  // Records, applies and sends the updates of a stored batch in seq order.
  // One socket write per member then covers the whole batch.
  private applyBatch(stored: StoredEntry[]): void {
    const outgoing: OutgoingUpdate[] = [];
    for (const { entry, seq } of stored) {
      this.recordStored(entry.member, entry.update, seq);
      if (this.state === "ready") {
        try {
          Y.applyUpdate(this.doc, entry.update, entry.member);
        } catch (error) {
          entry.reject(error);
          continue;
        }
        outgoing.push({
          from: entry.member,
          message: encodeUpdate(entry.update),
        });
      }
      entry.resolve(seq);
    }
    if (stored.length > 0) this.storeFailures.stored(this.logger);
    sendBatch(this.members, outgoing);
    if (this.peers && this.state === "ready") this.catchUps.checkForGap();
    this.compaction.schedule();
  }

  private recordStored(
    member: RoomMember,
    update: Uint8Array,
    seq: number,
  ): void {
    if (this.peers) this.catchUps.seqs.add(seq);
    else this.catchUps.seqs.reset(seq);
    this.compaction.add(1);
    this.options.events.emit("update-stored", {
      room: this.name,
      seq,
      personId: member.personId,
    });
    this.peers?.publishUpdate(this.name, seq, update);
  }

  /** Applies an update another node stored as `seq`, then sends it on. */
  applyRemoteUpdate(update: Uint8Array, seq: number): void {
    if (this.state === "loading") {
      this.announcedWhileLoading = Math.max(this.announcedWhileLoading, seq);
      return;
    }
    if (this.state !== "ready") return;

    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    this.broadcast(encodeUpdate(update));
    this.catchUps.seqs.add(seq);
    this.catchUps.checkForGap();
  }

  /** Applies awareness states from another node and sends them to every member. */
  applyRemoteAwareness(update: Uint8Array): void {
    if (this.state !== "ready") return;
    awarenessProtocol.applyAwarenessUpdate(
      this.awareness,
      update,
      REMOTE_ORIGIN,
    );
  }

  encodeAwarenessStates(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length === 0) return null;
    return awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
  }

  /** Reads the updates this room missed from the store. */
  catchUp(): Promise<void> {
    return this.catchUps.catchUp();
  }

  private applyMissed(missed: StoredUpdate[]): boolean {
    const before = Y.encodeStateVector(this.doc);
    this.doc.transact(() => {
      for (const update of missed) this.applyStored(update.data, update.seq);
    }, REMOTE_ORIGIN);
    this.compaction.add(missed.length);
    const difference = Y.encodeStateAsUpdate(this.doc, before);
    if (isEmptyUpdate(difference)) return false;
    this.broadcast(encodeUpdate(difference));
    return true;
  }

  /**
   * Applies an awareness update from a member that `checkAwarenessEntries`
   * in presence-rules.ts accepted; the change is relayed to everyone.
   */
  applyAwareness(member: RoomMember, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, member);
  }

  /**
   * Returns a person's current display name in this room's plan, or null
   * when the plan has no row for them or the lookup failed.
   */
  personName(personId: string): string | null {
    try {
      return (
        this.options.storage.people.get(this.planId, personId)?.name ?? null
      );
    } catch (error) {
      // Presence then shows the name in the person's token, which is only
      // stale after a rename.
      this.logger.error(
        { err: error, person: personId },
        "person name lookup failed",
      );
      return null;
    }
  }

  /**
   * Encodes every known awareness state, or returns null when there is none.
   */
  encodeAllAwareness(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length === 0) return null;
    return encodeAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients),
    );
  }

  /** Sends a message to every started member except `except`. */
  broadcast(message: Uint8Array, except?: RoomMember): void {
    for (const member of this.members) {
      if (member !== except) member.send(message);
    }
  }

  /**
   * Stores the queued updates, writes a snapshot that is due, and frees the
   * document. The room must have no members.
   */
  unload(): void {
    this.batches.flush();
    this.compaction.cancel();
    this.catchUps.cancel();
    if (this.state === "ready") this.compaction.compactIfDue(true);
    this.state = "unloaded";
    this.peers?.leave(this);
    this.awareness.off("update", this.relayAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** True for a Yjs update (format v1) with no structs and no deletions. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength <= 2;
}
