import { EventEmitter } from "node:events";

/**
 * Events a running server emits, for tests and benchmarks that wait for a
 * server-side step instead of sleeping.
 */
export interface ServerEventMap {
  /** A room finished loading its stored state. */
  "room-loaded": [{ room: string }];
  /** A room with no connections left memory. */
  "room-unloaded": [{ room: string }];
  /** A connection's message waits for its room to finish loading. */
  "message-queued": [{ room: string; connectionId: string }];
  /** An update was written to storage (and is about to be broadcast). */
  "update-stored": [{ room: string; seq: number; personId: string | null }];
  /** An update from a connection that may not write the room was dropped. */
  "update-dropped": [{ room: string; connectionId: string; role: string }];
  /** The server relayed an awareness update from a connection. */
  "awareness-relayed": [{ room: string; connectionId: string }];
}

export type ServerEvents = EventEmitter<ServerEventMap>;

export function createServerEvents(): ServerEvents {
  return new EventEmitter<ServerEventMap>();
}
