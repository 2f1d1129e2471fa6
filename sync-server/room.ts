import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { ServerEvents } from "./events.ts";
import { registerAwarenessClients } from "./history/client-registration.ts";
import type { Logger } from "./log.ts";
import { encodeAwareness, encodeUpdate } from "./protocol.ts";
import type { RoomName } from "./roles.ts";
import { StorageError, type Storage } from "./storage.ts";
import type { ClusterRoom, RoomPeers } from "./cluster/peers.ts";
import {
  SqliteUpdateStore,
  type RoomUpdateStore,
} from "./cluster/update-store.ts";

/** The part of a connection that its room calls. */
export interface RoomMember {
  readonly id: string;
  readonly personId: string | null;
  /** Invite id when the socket was opened with an invite token itself. */
  readonly inviteId: string | null;
  /** True when the member's role may write this room. */
  readonly mayWrite: boolean;
  /**
   * Awareness client ids this connection has announced, removed when it leaves.
   */
  readonly awarenessClients: Set<number>;
  /**
   * Called once the room has loaded. Until then the member queues its messages.
   */
  start(): void;
  send(message: Uint8Array): void;
  /**
   * Sends several messages in order, written to the socket together when
   * the member can. Without it the room calls `send` for each.
   */
  sendMany?(messages: Uint8Array[]): void;
  close(code: number, reason: string): void;
}

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

/** Origin of updates and awareness changes that came from another node. */
const REMOTE_ORIGIN = Symbol("remote");

/**
 * A due snapshot waits until the room has had no update for this long, so
 * encoding the whole document does not hold up updates that are arriving.
 */
const COMPACT_IDLE_MS = 500;
/**
 * A due snapshot is written at once, idle or not, when this many times
 * `compactAfterUpdates` updates are waiting, which bounds the updates a
 * load replays.
 */
const COMPACT_BACKLOG_FACTOR = 4;

/** An update waiting in the current batch of a room with the SQLite store. */
interface QueuedUpdate {
  member: RoomMember;
  update: Uint8Array;
  resolve(seq: number): void;
  reject(error: unknown): void;
}

/** An update of a batch that was stored, to send to the members but `from`. */
interface OutgoingUpdate {
  from: RoomMember;
  message: Uint8Array;
}

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
  state: RoomState = "loading";

  private readonly options: RoomOptions;
  private readonly logger: Logger;
  private readonly updates: RoomUpdateStore;
  private readonly peers: RoomPeers | undefined;
  /**
   * Seq up to which every stored update is in the document. In cluster mode
   * the document may also contain some later ones.
   */
  private lastSeq = 0;
  /** Highest seq another node announced while this room was loading. */
  private announcedWhileLoading = 0;
  /** Appends to an asynchronous store, chained so they apply in order. */
  private pendingWrites: Promise<unknown> = Promise.resolve();
  private catchingUp: Promise<void> | null = null;
  private writingSnapshot = false;
  private updatesSinceSnapshot = 0;
  private compactTimer: NodeJS.Timeout | null = null;
  /** Updates received in this turn of the event loop, not yet stored. */
  private queued: QueuedUpdate[] = [];
  /** Client ids already sent to the client id store while this room is loaded. */
  private readonly attemptedClientIds = new Set<number>();

  constructor(room: RoomName, options: RoomOptions) {
    this.name = room.name;
    this.planId = room.planId;
    this.kind = room.kind;
    this.options = options;
    this.updates = options.updates ?? new SqliteUpdateStore(options.storage);
    this.peers = options.peers;
    this.logger = options.logger.child({ room: room.name });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
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
    this.lastSeq = stored.lastSeq;
    this.updatesSinceSnapshot = stored.updates.length;

    this.state = "ready";
    this.logger.info(
      { seq: stored.lastSeq, updates: stored.updates.length },
      "room loaded",
    );
    this.scheduleCompaction();
    this.options.events.emit("room-loaded", { room: this.name });
    for (const member of this.members) member.start();
    if (this.peers) this.joinPeers(this.peers);
  }

  private joinPeers(peers: RoomPeers): void {
    peers.queryAwareness(this.name);
    if (this.announcedWhileLoading > this.lastSeq) void this.catchUpLogged();
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
    if (this.updates instanceof SqliteUpdateStore) {
      return new Promise((resolve, reject) => {
        this.queued.push({ member, update, resolve, reject });
        if (this.queued.length === 1) setImmediate(this.storeQueued);
      });
    }

    const write = this.pendingWrites.then(async () => {
      const seq = await this.storeUpdate(member, update);
      return this.afterStored(member, update, seq);
    });
    this.pendingWrites = write.catch(() => {});
    return write;
  }

  // Stores the updates that every socket delivered in one turn of the event
  // loop in one SQLite transaction, then applies and sends them. One commit
  // and one socket write per member then cover the whole batch, and the
  // batch grows when the server falls behind, which keeps the cost per
  // update down exactly when updates queue. An update that fails alone is
  // rejected alone, and a failed commit rejects the whole batch.
  private storeQueued = (): void => {
    if (this.queued.length === 0) return;
    const queued = this.queued;
    this.queued = [];
    const stored: { entry: QueuedUpdate; seq: number }[] = [];
    const failed = new Set<QueuedUpdate>();
    try {
      this.options.storage.transaction(() => {
        for (const entry of queued) {
          try {
            const seq = this.storeUpdate(entry.member, entry.update) as number;
            stored.push({ entry, seq });
          } catch (error) {
            failed.add(entry);
            entry.reject(error);
          }
        }
      });
    } catch (error) {
      const failure = this.storageError(error);
      for (const entry of queued) {
        if (!failed.has(entry)) entry.reject(failure);
      }
      return;
    }

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
    this.broadcastBatch(outgoing);
    this.scheduleCompaction();
  };

  private storeUpdate(
    member: RoomMember,
    update: Uint8Array,
  ): number | Promise<number> {
    try {
      const seq = this.updates.appendUpdate(this.name, update, member.personId);
      if (typeof seq === "number") return seq;
      return seq.catch((error: unknown) => {
        throw this.storageError(error);
      });
    } catch (error) {
      throw this.storageError(error);
    }
  }

  private storageError(error: unknown): StorageError {
    return new StorageError(
      `Storing an update of room ${this.name} failed: ${(error as Error).message}`,
      { cause: error },
    );
  }

  private afterStored(
    member: RoomMember,
    update: Uint8Array,
    seq: number,
  ): number {
    this.recordStored(member, update, seq);
    if (this.state !== "ready") return seq;

    Y.applyUpdate(this.doc, update, member);
    this.broadcast(encodeUpdate(update), member);
    // Another node stored the seqs in between, so read them.
    if (this.peers && seq > this.lastSeq) void this.catchUpLogged();
    this.scheduleCompaction();
    return seq;
  }

  private recordStored(
    member: RoomMember,
    update: Uint8Array,
    seq: number,
  ): void {
    const contiguous = seq === this.lastSeq + 1;
    if (!this.peers || contiguous) this.lastSeq = seq;
    this.updatesSinceSnapshot += 1;
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
    if (seq === this.lastSeq + 1) this.lastSeq = seq;
    else if (seq > this.lastSeq) void this.catchUpLogged();
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

  /**
   * Reads the updates stored after `lastSeq`, applies them, and sends the
   * members the difference from the document's previous state vector. Runs
   * one catch-up at a time, and a call during one waits for it.
   */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.readMissedUpdates().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async readMissedUpdates(): Promise<void> {
    if (this.state !== "ready") return;
    const missed = await this.updates.updatesAfter(this.name, this.lastSeq);
    if (this.state !== "ready" || missed.length === 0) return;

    const before = Y.encodeStateVector(this.doc);
    this.doc.transact(() => {
      for (const update of missed) this.applyStored(update.data, update.seq);
    }, REMOTE_ORIGIN);
    this.lastSeq = Math.max(this.lastSeq, missed.at(-1)!.seq);
    this.updatesSinceSnapshot += missed.length;

    const difference = Y.encodeStateAsUpdate(this.doc, before);
    if (!isEmptyUpdate(difference)) this.broadcast(encodeUpdate(difference));
    this.logger.info(
      { seq: this.lastSeq, updates: missed.length },
      "room caught up from the store",
    );
  }

  private catchUpLogged(): Promise<void> {
    return this.catchUp().catch((error: unknown) =>
      this.logger.warn({ err: error, seq: this.lastSeq }, "catch-up failed"),
    );
  }

  /**
   * Applies an awareness update from a member; the change is relayed to
   * everyone.
   */
  applyAwareness(member: RoomMember, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, member);
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
   * Sends each update of a batch to every started member but its sender,
   * in order, through one `sendMany` call per member.
   */
  private broadcastBatch(outgoing: OutgoingUpdate[]): void {
    if (outgoing.length === 0) return;
    for (const member of this.members) {
      const messages = [];
      for (const { from, message } of outgoing) {
        if (from !== member) messages.push(message);
      }
      if (messages.length === 0) continue;
      if (member.sendMany) member.sendMany(messages);
      else for (const message of messages) member.send(message);
    }
  }

  /**
   * Stores the queued updates, writes a snapshot that is due, and frees the
   * document. The room must have no members.
   */
  unload(): void {
    this.storeQueued();
    this.cancelCompaction();
    if (this.state === "ready") this.compactIfDue();
    this.state = "unloaded";
    this.peers?.leave(this);
    this.awareness.off("update", this.relayAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }

  // Every awareness change goes to all members, the sender included, because
  // the y-websocket client reconnects after 30 seconds without a message.
  // When it is alone in the room, its own 15-second awareness renewal
  // coming back is the message it receives.
  private relayAwareness = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (isMember(origin, this.members)) {
      for (const id of [...change.added, ...change.updated])
        origin.awarenessClients.add(id);
      for (const id of change.removed) origin.awarenessClients.delete(id);
      this.registerClients(origin, [...change.added, ...change.updated]);
      this.options.events.emit("awareness-relayed", {
        room: this.name,
        connectionId: origin.id,
      });
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(
      this.awareness,
      changed,
    );
    this.broadcast(encodeAwareness(update));
    if (origin !== REMOTE_ORIGIN)
      this.peers?.publishAwareness(this.name, update);
  };

  // Registers the client ids of the states a member sent, so history can
  // credit their edits to the member's person.
  private registerClients(member: RoomMember, clientIds: number[]): void {
    const states = new Map<number, unknown>();
    for (const id of clientIds)
      states.set(id, this.awareness.getStates().get(id) ?? null);
    registerAwarenessClients(
      this.options.storage,
      this.name,
      member,
      states,
      this.attemptedClientIds,
      this.logger,
    );
  }

  // Defers a due snapshot until the room is idle, unless the backlog of
  // updates since the last one has grown too long.
  private scheduleCompaction(): void {
    const due = this.options.compactAfterUpdates;
    if (this.updatesSinceSnapshot < due) return;
    if (this.updatesSinceSnapshot >= due * COMPACT_BACKLOG_FACTOR) {
      this.cancelCompaction();
      this.compactIfDue();
      return;
    }
    if (this.compactTimer) {
      this.compactTimer.refresh();
      return;
    }
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      if (this.state === "ready") this.compactIfDue();
    }, COMPACT_IDLE_MS);
  }

  private cancelCompaction(): void {
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
  }

  private compactIfDue(): void {
    if (this.updatesSinceSnapshot < this.options.compactAfterUpdates) return;
    if (this.writingSnapshot) return;
    const seq = this.lastSeq;
    // Every update is already stored, and a missing snapshot only slows
    // the next load, so a failure is logged and retried after the next update.
    const failed = (error: unknown) =>
      this.logger.error({ err: error, seq }, "snapshot failed");
    const written = (state: Uint8Array) => {
      this.logger.info({ seq, bytes: state.byteLength }, "snapshot written");
    };
    try {
      const state = Y.encodeStateAsUpdate(this.doc);
      const result = this.updates.writeSnapshot(this.name, seq, state);
      this.updatesSinceSnapshot = 0;
      if (!(result instanceof Promise)) return written(state);

      this.writingSnapshot = true;
      result
        .then(
          () => written(state),
          (error: unknown) => {
            this.updatesSinceSnapshot = this.options.compactAfterUpdates;
            failed(error);
          },
        )
        .finally(() => {
          this.writingSnapshot = false;
        });
    } catch (error) {
      this.updatesSinceSnapshot = this.options.compactAfterUpdates;
      failed(error);
    }
  }
}

/** True for a Yjs update (format v1) with no structs and no deletions. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength <= 2;
}

function isMember(
  origin: unknown,
  members: Set<RoomMember>,
): origin is RoomMember {
  return members.has(origin as RoomMember);
}
