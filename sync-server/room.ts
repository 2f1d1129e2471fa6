import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { ServerEvents } from "./events.ts";
import { registerAwarenessClients } from "./history/client-registration.ts";
import type { Logger } from "./log.ts";
import { encodeAwareness, encodeUpdate } from "./protocol.ts";
import type { RoomName } from "./roles.ts";
import { StorageError, type Storage } from "./storage.ts";

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
  close(code: number, reason: string): void;
}

export interface RoomOptions {
  storage: Storage;
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
export class Room {
  readonly name: string;
  readonly planId: string;
  readonly kind: RoomName["kind"];
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly members = new Set<RoomMember>();
  state: RoomState = "loading";

  private readonly options: RoomOptions;
  private readonly logger: Logger;
  private lastSeq = 0;
  private updatesSinceSnapshot = 0;
  /** Client ids already sent to the client id store while this room is loaded. */
  private readonly attemptedClientIds = new Set<number>();

  constructor(room: RoomName, options: RoomOptions) {
    this.name = room.name;
    this.planId = room.planId;
    this.kind = room.kind;
    this.options = options;
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

    const stored = this.options.storage.loadRoom(this.name);
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
    this.compactIfDue();
    this.options.events.emit("room-loaded", { room: this.name });
    for (const member of this.members) member.start();
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
   * members. Throws a StorageError when storing fails, before anyone saw
   * the update, and the error of Y.applyUpdate when the stored update does
   * not apply.
   */
  writeUpdate(member: RoomMember, update: Uint8Array): number {
    let seq: number;
    try {
      seq = this.options.storage.appendUpdate(
        this.name,
        update,
        member.personId,
      );
    } catch (error) {
      throw new StorageError(
        `Storing an update of room ${this.name} failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    this.lastSeq = seq;
    this.updatesSinceSnapshot += 1;
    this.options.events.emit("update-stored", {
      room: this.name,
      seq,
      personId: member.personId,
    });

    Y.applyUpdate(this.doc, update, member);
    this.broadcast(encodeUpdate(update), member);
    this.compactIfDue();
    return seq;
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

  /** Frees the document. The room must have no members. */
  unload(): void {
    this.state = "unloaded";
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

  private compactIfDue(): void {
    if (this.updatesSinceSnapshot < this.options.compactAfterUpdates) return;
    try {
      const state = Y.encodeStateAsUpdate(this.doc);
      this.options.storage.writeSnapshot(this.name, this.lastSeq, state);
      this.logger.info(
        { seq: this.lastSeq, bytes: state.byteLength },
        "snapshot written",
      );
      this.updatesSinceSnapshot = 0;
    } catch (error) {
      // Every update is already stored, and a missing snapshot only slows
      // the next load, so log and try again after the next update.
      this.logger.error({ err: error, seq: this.lastSeq }, "snapshot failed");
    }
  }
}

function isMember(
  origin: unknown,
  members: Set<RoomMember>,
): origin is RoomMember {
  return members.has(origin as RoomMember);
}
