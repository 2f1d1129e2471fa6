import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "../log.ts";
import { ConnectionErrorLog } from "./connection-error-log.ts";
import { InFlight } from "./in-flight.ts";
import type { ClusterRoom, RoomPeers } from "./peers.ts";

const CHANNEL_PREFIX = "meridian:room:";

const MessageKind = { update: 0, awareness: 1, queryAwareness: 2 } as const;

/**
 * Milliseconds `close()` waits for publishes and for Redis to acknowledge
 * QUIT. While Redis is down, ioredis queues both until it reconnects, and a
 * publish given up on reaches the other nodes by their catch-up instead.
 */
const CLOSE_TIMEOUT_MS = 5_000;

export interface RedisPeersOptions {
  redisUrl: string;
  logger: Logger;
  /** Milliseconds between catch-ups of every loaded room from the store. */
  catchUpIntervalMs: number;
}

/**
 * Redis pub/sub between server nodes: one channel per room, carrying stored
 * updates, awareness updates and requests for awareness. Pub/sub drops
 * messages while a node is disconnected, so each room also catches up from
 * the shared store after a reconnect and on a timer.
 */
export class RedisPeers implements RoomPeers {
  /** Random id of this node, so that it ignores its own messages. */
  readonly nodeId = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly rooms = new Map<string, ClusterRoom>();
  private readonly logger: Logger;
  private readonly timer: NodeJS.Timeout;
  private readonly publishes = new InFlight();
  private readonly errorLog: ConnectionErrorLog;
  /**
   * True while the subscriber is connected and subscribed to every loaded
   * room's channel, so that no published message can pass this node by.
   */
  private subscribed = true;
  private closing = false;

  private constructor(
    publisher: Redis,
    subscriber: Redis,
    options: RedisPeersOptions,
  ) {
    this.publisher = publisher;
    this.subscriber = subscriber;
    this.logger = options.logger.child({ node: this.nodeId });
    this.subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) =>
      this.receive(channel.toString(), message),
    );
    this.subscriber.on("ready", () => this.onReady());
    this.subscriber.on("close", () => this.onClose());
    // ioredis emits an error for every failed reconnect of each client, and
    // its default retry strategy (ioredis 6) retries at most 5 s apart, so
    // the log is rate-limited.
    this.errorLog = new ConnectionErrorLog(this.logger, { service: "Redis" });
    for (const client of [publisher, subscriber]) {
      client.on("error", (error: Error) => this.errorLog.error(error));
      client.on("ready", () => this.checkRecovered());
    }
    this.timer = setInterval(
      () => this.catchUpAll(),
      options.catchUpIntervalMs,
    );
    this.timer.unref();
  }

  /** Connects a publishing and a subscribing client to REDIS_URL. */
  static async open(options: RedisPeersOptions): Promise<RedisPeers> {
    let publisher: Redis | null = null;
    try {
      publisher = await connectClient(options.redisUrl);
      const subscriber = await connectClient(options.redisUrl);
      return new RedisPeers(publisher, subscriber, options);
    } catch (error) {
      publisher?.disconnect();
      const cause = (error as Error).message.replace(/\.+$/, "");
      throw new Error(
        `Connecting to Redis at REDIS_URL failed: ${cause}. Check that redis-server runs and REDIS_URL is right.`,
        { cause: error },
      );
    }
  }

  async join(room: ClusterRoom): Promise<void> {
    this.rooms.set(room.name, room);
    await this.subscriber.subscribe(CHANNEL_PREFIX + room.name);
  }

  leave(room: ClusterRoom): void {
    if (this.rooms.get(room.name) !== room) return;
    this.rooms.delete(room.name);
    this.subscriber
      .unsubscribe(CHANNEL_PREFIX + room.name)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, room: room.name }, "unsubscribe failed"),
      );
  }

  queryAwareness(room: string): void {
    this.publish(room, MessageKind.queryAwareness, 0, new Uint8Array());
  }

  publishUpdate(room: string, seq: number, update: Uint8Array): void {
    this.publish(room, MessageKind.update, seq, update);
  }

  publishAwareness(room: string, update: Uint8Array): void {
    this.publish(room, MessageKind.awareness, 0, update);
  }

  /**
   * True while both connections are up and the subscriber has subscribed
   * to the channel of every loaded room.
   */
  isSubscribed(): boolean {
    return this.subscribed && this.publisher.status === "ready";
  }

  /**
   * Stops the catch-up timer, waits for the publishes that have started,
   * then closes both Redis connections.
   */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    this.rooms.clear();
    const unsent = await this.publishes.drain(CLOSE_TIMEOUT_MS);
    if (unsent > 0) {
      this.logger.warn(
        { publishes: unsent, timeoutMs: CLOSE_TIMEOUT_MS },
        "Redis publishes still pending at shutdown, the other nodes read them from PostgreSQL",
      );
    }
    await Promise.allSettled(
      [this.publisher, this.subscriber].map((client) => quit(client)),
    );
  }

  // A lost publish is not retried: the other nodes read the update from the
  // store on their next catch-up, and awareness is renewed by its clients.
  private publish(
    room: string,
    kind: number,
    seq: number,
    payload: Uint8Array,
  ): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.nodeId);
    encoding.writeVarUint(encoder, kind);
    encoding.writeVarUint(encoder, seq);
    encoding.writeVarUint8Array(encoder, payload);
    const published = this.publisher.publish(
      CHANNEL_PREFIX + room,
      Buffer.from(encoding.toUint8Array(encoder)),
    );
    this.publishes
      .track(published)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, room, kind, seq }, "publish failed"),
      );
  }

  private receive(channel: string, message: Buffer): void {
    const room = this.rooms.get(channel.slice(CHANNEL_PREFIX.length));
    if (!channel.startsWith(CHANNEL_PREFIX) || !room) return;

    try {
      const decoder = decoding.createDecoder(new Uint8Array(message));
      if (decoding.readVarString(decoder) === this.nodeId) return;
      const kind = decoding.readVarUint(decoder);
      const seq = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      this.dispatch(room, kind, seq, payload);
    } catch (error) {
      this.logger.error(
        { err: error, room: room.name, bytes: message.byteLength },
        "cluster message rejected",
      );
    }
  }

  private dispatch(
    room: ClusterRoom,
    kind: number,
    seq: number,
    payload: Uint8Array,
  ): void {
    switch (kind) {
      case MessageKind.update:
        return room.applyRemoteUpdate(payload, seq);
      case MessageKind.awareness:
        return room.applyRemoteAwareness(payload);
      case MessageKind.queryAwareness: {
        const states = room.encodeAwarenessStates();
        if (states) this.publishAwareness(room.name, states);
        return;
      }
      default:
        throw new Error(`unknown cluster message kind ${kind}`);
    }
  }

  // The subscriber was ready before the constructor ran, so a "ready" event
  // means a reconnect. ioredis subscribes again by itself, but messages
  // sent while this node was away are gone, so every room reads the store.
  // Subscribing here too, and waiting for it, means that the catch-up starts
  // after the channels are back, so no update falls between the two.
  private onReady(): void {
    // ConnectionErrorLog writes the info line of the recovery.
    this.logger.debug(
      { rooms: this.rooms.size },
      "Redis subscriber reconnected, catching up",
    );
    const channels = [...this.rooms.keys()].map(
      (name) => CHANNEL_PREFIX + name,
    );
    const subscribed =
      channels.length > 0
        ? this.subscriber.subscribe(...channels)
        : Promise.resolve();
    subscribed.then(
      () => {
        this.subscribed = this.subscriber.status === "ready";
        this.catchUpAll();
        for (const name of this.rooms.keys()) this.queryAwareness(name);
      },
      (error: unknown) =>
        this.logger.warn(
          { err: error, rooms: channels.length },
          "subscribing again after a Redis reconnect failed",
        ),
    );
  }

  private checkRecovered(): void {
    if (this.publisher.status !== "ready") return;
    if (this.subscriber.status !== "ready") return;
    this.errorLog.recovered({ rooms: this.rooms.size });
  }

  private onClose(): void {
    if (this.subscribed && !this.closing)
      this.logger.warn("Redis subscriber disconnected, reconnecting");
    this.subscribed = false;
  }

  private catchUpAll(): void {
    for (const room of this.rooms.values()) {
      room
        .catchUp()
        .catch((error: unknown) =>
          this.logger.warn({ err: error, room: room.name }, "catch-up failed"),
        );
    }
  }
}

/**
 * Connects one client, and rejects with the socket error that made the
 * connection fail, such as "connect ECONNREFUSED 127.0.0.1:6379", where
 * ioredis rejects only with "Connection is closed.". A client that failed
 * is disconnected, so that it stops retrying.
 */
async function connectClient(redisUrl: string): Promise<Redis> {
  const client = new Redis(redisUrl, { lazyConnect: true });
  let lastError: Error | null = null;
  // The listener is never removed, because ioredis prints "[ioredis]
  // Unhandled error event" for an error with no listener, and one can come
  // before RedisPeers adds its own.
  client.on("error", (error: Error) => {
    lastError = error;
  });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw lastError ?? error;
  }
  return client;
}

/**
 * Sends QUIT, which Redis replies to after the commands sent before it, and
 * drops the connection when that takes longer than CLOSE_TIMEOUT_MS.
 */
async function quit(client: Redis): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), CLOSE_TIMEOUT_MS);
  });
  try {
    await Promise.race([client.quit(), timeout]);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
