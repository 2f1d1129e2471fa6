import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import type { RawData, WebSocket } from "ws";
import { CloseCode, closeReason } from "./close-codes.ts";
import type { ServerEvents } from "./events.ts";
import type { Logger } from "./log.ts";
import { checkAwarenessEntries } from "./presence-rules.ts";
import {
  decodeClientMessage,
  encodeAwarenessUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  ProtocolError,
  type AwarenessEntry,
  type ClientMessage,
} from "./protocol.ts";
import { RateLimiter, type RateLimit } from "./rate-limit.ts";
import { canWrite, type Role } from "./roles.ts";
import type { Room, RoomMember } from "./room.ts";
import { StorageError } from "./storage.ts";
import type { TokenClaims } from "./tokens.ts";

export interface ConnectionOptions {
  ws: WebSocket;
  /**
   * The socket that was passed to `WebSocketServer.handleUpgrade` for `ws`,
   * which ws writes every frame to. `sendMany` corks it.
   */
  socket: Duplex;
  claims: TokenClaims;
  room: Room;
  logger: Logger;
  events: ServerEvents;
  rateLimit: RateLimit;
  /** Called once the socket has closed, to let the room unload when idle. */
  onClose: (connection: Connection) => void;
}

/**
 * One WebSocket in one room: decodes its messages, enforces its role and
 * replies as the y-websocket protocol requires. Messages that arrive while
 * the room is loading wait in a queue and run in order once it has loaded.
 */
export class Connection implements RoomMember {
  readonly id = randomUUID();
  readonly personId: string | null;
  readonly inviteId: string | null;
  readonly role: Role;
  readonly awarenessClients = new Set<number>();
  readonly room: Room;
  readonly mayWrite: boolean;

  private readonly ws: WebSocket;
  private readonly socket: Duplex;
  /** Display name in the token, shown when the plan has no row for the person. */
  private readonly claimsName: string;
  private readonly logger: Logger;
  private readonly events: ServerEvents;
  private readonly limiter: RateLimiter;
  private queue: Uint8Array[] | null = [];
  private closing = false;
  private droppedUpdates = 0;

  constructor(options: ConnectionOptions) {
    this.ws = options.ws;
    this.socket = options.socket;
    this.room = options.room;
    this.events = options.events;
    this.limiter = new RateLimiter(options.rateLimit);
    this.role = options.claims.role;
    this.claimsName = options.claims.name;
    // An invite token is shared by everyone holding the link, so its id
    // does not name a person in the update history.
    this.personId =
      options.claims.kind === "person" ? options.claims.sub : null;
    this.inviteId =
      options.claims.kind === "invite" ? options.claims.sub : null;
    this.mayWrite = canWrite(this.role, this.room.kind);
    this.logger = options.logger.child({
      connection: this.id,
      room: this.room.name,
      person: options.claims.sub,
      role: this.role,
    });

    this.ws.on("message", (data, isBinary) => this.receive(data, isBinary));
    this.ws.on("error", (error) => this.onError(error));
    this.ws.on("close", (code, reason) => {
      this.closing = true;
      this.room.removeMember(this);
      this.logger.info(
        {
          code,
          reason: reason.toString(),
          droppedUpdates: this.droppedUpdates,
        },
        "connection closed",
      );
      options.onClose(this);
    });
    this.logger.info("connection opened");
    this.room.addMember(this);
  }

  /**
   * Sends the server's state vector and the room's awareness, then runs queued
   * messages.
   */
  start(): void {
    if (this.queue === null) return;
    this.send(encodeSyncStep1(this.room.doc));
    const awareness = this.room.encodeAllAwareness();
    if (awareness) this.send(awareness);

    const queued = this.queue;
    this.queue = null;
    for (const message of queued) {
      if (this.closing) break;
      this.handle(message);
    }
  }

  send(message: Uint8Array): void {
    if (this.closing || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(message, this.onSent);
  }

  // One callback for every send, where a closure per send would allocate
  // one function per message and peer.
  private readonly onSent = (error?: Error): void => {
    if (error) this.logger.warn({ err: error }, "send failed");
  };

  /**
   * Sends messages in order with one write to the socket, where separate
   * sends would make one system call each.
   */
  sendMany(messages: Uint8Array[]): void {
    if (this.closing || this.ws.readyState !== this.ws.OPEN) return;
    // ws corks and uncorks the socket around each frame, and a stream
    // flushes only when every cork is undone, so the frames of the whole
    // batch leave in one writev.
    this.socket.cork();
    try {
      for (const message of messages) this.send(message);
    } finally {
      this.socket.uncork();
    }
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.ws.close(code, closeReason(reason));
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    if (!isBinary) {
      this.reject(
        new ProtocolError(
          CloseCode.UNSUPPORTED_DATA,
          "text frames are not part of the protocol",
        ),
      );
      return;
    }

    const bytes = toBytes(data);
    if (!this.withinRateLimit(bytes.byteLength)) return;
    if (this.queue !== null) {
      this.queue.push(bytes);
      this.events.emit("message-queued", {
        room: this.room.name,
        connectionId: this.id,
      });
      return;
    }
    this.handle(bytes);
  }

  // Closing, not dropping, keeps every edit: the client reconnects after
  // 1013 and its sync step 2 resends what the server has not stored.
  private withinRateLimit(byteLength: number): boolean {
    const exceeded = this.limiter.take(byteLength);
    if (exceeded === null) return true;

    const limit = this.limiter.limit;
    const detail =
      exceeded === "messages"
        ? `more than ${limit.messagesPerSecond} messages a second`
        : `more than ${limit.bytesPerSecond} bytes a second`;
    this.reject(
      new ProtocolError(
        CloseCode.RATE_LIMITED,
        `Rate limit exceeded: ${detail}. Reconnect to resend.`,
      ),
    );
    return false;
  }

  private handle(bytes: Uint8Array): void {
    let message: ClientMessage;
    try {
      message = decodeClientMessage(bytes);
    } catch (error) {
      if (error instanceof ProtocolError) return this.reject(error);
      throw error;
    }

    switch (message.type) {
      case "sync-step-1":
        this.send(encodeSyncStep2(this.room.doc, message.stateVector));
        return;
      case "sync-step-2":
      case "update":
        return this.receiveUpdate(message.update, message.empty);
      case "awareness":
        return this.receiveAwareness(message.entries);
      case "query-awareness": {
        const awareness = this.room.encodeAllAwareness();
        if (awareness) this.send(awareness);
        return;
      }
    }
  }

  private receiveUpdate(update: Uint8Array, empty: boolean): void {
    if (empty) return;
    if (!this.mayWrite) return this.dropUpdate(update);

    this.room
      .writeUpdate(this, update)
      .catch((error: unknown) => this.failUpdate(error));
  }

  private failUpdate(error: unknown): void {
    if (error instanceof StorageError) {
      this.room.storeFailures.failed(this.logger, error);
      // Closing makes the client resend everything the server lacks when
      // it reconnects; dropping the update would lose it without a trace.
      this.close(
        CloseCode.INTERNAL_ERROR,
        "The server could not store your update; reconnect to send it again.",
      );
      return;
    }
    this.logger.error({ err: error }, "stored update failed to apply");
    this.close(CloseCode.INVALID_PAYLOAD, "invalid update");
  }

  // A read-only connection's edits are dropped but the connection stays:
  // the person can still follow the plan.
  private dropUpdate(update: Uint8Array): void {
    this.droppedUpdates += 1;
    if (this.droppedUpdates === 1) {
      this.logger.warn(
        { bytes: update.byteLength },
        `update dropped: role ${this.role} may not write the ${this.room.kind} document; further drops on this connection are counted, not logged`,
      );
    }
    this.events.emit("update-dropped", {
      room: this.room.name,
      connectionId: this.id,
      role: this.role,
    });
  }

  private receiveAwareness(entries: AwarenessEntry[]): void {
    let accepted: AwarenessEntry[];
    try {
      const room = {
        states: this.room.awareness.getStates(),
        meta: this.room.awareness.meta,
        lastUserIds: this.room.lastUserIds,
      };
      accepted = checkAwarenessEntries(entries, room, this);
    } catch (error) {
      if (error instanceof ProtocolError) return this.reject(error);
      throw error;
    }
    if (accepted.length === 0) return;

    try {
      this.room.applyAwareness(this, encodeAwarenessUpdate(accepted));
    } catch (error) {
      // The update was decoded and re-encoded by the server, so a failure
      // here is a server bug, not the client's.
      this.logger.error({ err: error }, "awareness update failed to apply");
      this.close(
        CloseCode.INTERNAL_ERROR,
        "The server could not apply your presence update; reconnect to send it again.",
      );
    }
  }

  /**
   * Returns the name that presence shows for this connection: the person's
   * current name in the plan, else the name in the token.
   */
  displayName(): string {
    if (this.personId === null) return this.claimsName;
    return this.room.personName(this.personId) ?? this.claimsName;
  }

  private reject(error: ProtocolError): void {
    this.logger.warn(
      { closeCode: error.closeCode, reason: error.message },
      "message rejected, closing connection",
    );
    this.close(error.closeCode, error.message);
  }

  private onError(error: Error & { code?: string }): void {
    if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
      this.logger.warn(
        { closeCode: CloseCode.MESSAGE_TOO_BIG },
        "message too large, closing connection",
      );
      return;
    }
    this.logger.warn({ err: error }, "connection error");
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
