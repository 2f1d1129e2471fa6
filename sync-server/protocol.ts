import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CloseCode } from "./close-codes.ts";

// Message types of the y-websocket protocol, as in y-websocket 3.1
// (src/y-websocket.js).
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** A client message, decoded and checked for well-formed framing. */
export type ClientMessage =
  | { type: "sync-step-1"; stateVector: Uint8Array }
  | {
      type: "sync-step-2" | "update";
      update: Uint8Array;
      /** True when the update carries no structs and no deletions. */
      empty: boolean;
    }
  | { type: "awareness"; entries: AwarenessEntry[] }
  | { type: "query-awareness" };

/**
 * One client's entry of a y-protocols awareness update. `json` is the state
 * as sent, "null" when the client removes its state, and `state` is its
 * parsed value.
 */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
  state: Record<string, unknown> | null;
}

/**
 * A message the server cannot accept; `closeCode` is what the connection gets.
 */
export class ProtocolError extends Error {
  override name = "ProtocolError";

  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Decodes one binary WebSocket message. Throws a ProtocolError with 1003
 * for a type the server does not handle and 1007 for bytes that do not
 * decode. Sync payloads are checked here: a state vector must decode and an
 * update must parse as a Yjs update, so garbage never reaches a document.
 */
export function decodeClientMessage(bytes: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(bytes);
  const type = readVarUint(decoder, "message type");
  const message = decodeBody(type, decoder);
  if (decoding.hasContent(decoder)) {
    throw invalid(
      `${decoder.arr.length - decoder.pos} unexpected bytes after the message`,
    );
  }
  return message;
}

function decodeBody(type: number, decoder: decoding.Decoder): ClientMessage {
  switch (type) {
    case MESSAGE_SYNC:
      return decodeSync(decoder);
    case MESSAGE_AWARENESS:
      return {
        type: "awareness",
        entries: decodeAwarenessUpdate(readBytes(decoder, "awareness")),
      };
    case MESSAGE_QUERY_AWARENESS:
      return { type: "query-awareness" };
    default:
      throw new ProtocolError(
        CloseCode.UNSUPPORTED_DATA,
        `unsupported message type ${type}`,
      );
  }
}

function decodeSync(decoder: decoding.Decoder): ClientMessage {
  const syncType = readVarUint(decoder, "sync message type");
  if (syncType === syncProtocol.messageYjsSyncStep1) {
    const stateVector = readBytes(decoder, "state vector");
    try {
      Y.decodeStateVector(stateVector);
    } catch (error) {
      throw invalid(`invalid state vector: ${(error as Error).message}`);
    }
    return { type: "sync-step-1", stateVector };
  }

  if (
    syncType === syncProtocol.messageYjsSyncStep2 ||
    syncType === syncProtocol.messageYjsUpdate
  ) {
    const update = readBytes(decoder, "update");
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch (error) {
      throw invalid(`invalid update: ${(error as Error).message}`);
    }
    // An update may depend on structs the server lacks: Yjs keeps it pending
    // until they arrive, because a client's first edit after reconnecting
    // can arrive before its sync step 2 that carries them.
    // NOTE: an update whose dependencies never arrive stays pending in the
    // stored history and in every load of the room.
    const type =
      syncType === syncProtocol.messageYjsUpdate ? "update" : "sync-step-2";
    const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0;
    return { type, update, empty };
  }

  throw new ProtocolError(
    CloseCode.UNSUPPORTED_DATA,
    `unsupported sync message type ${syncType}`,
  );
}

/**
 * Decodes an awareness update: varUint count, then per client varUint
 * client id, varUint clock and varString JSON state, as y-protocols 1.0
 * awareness.js writes it. Throws a ProtocolError with 1007 for bytes that
 * do not decode and for a state that is neither a JSON object nor null.
 */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = readAwarenessVarUint(decoder, "client count");
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const clientId = readAwarenessVarUint(decoder, "client id");
    const clock = readAwarenessVarUint(decoder, "clock");
    const json = readAwarenessString(decoder, clientId);
    entries.push({ clientId, clock, json, state: parseState(json, clientId) });
  }
  if (decoding.hasContent(decoder)) {
    throw invalidAwareness(
      `${decoder.arr.length - decoder.pos} unexpected bytes after ${count} clients`,
    );
  }
  return entries;
}

/** Encodes entries in the awareness update format `decodeAwarenessUpdate` reads. */
export function encodeAwarenessUpdate(
  entries: readonly AwarenessEntry[],
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function readAwarenessVarUint(
  decoder: decoding.Decoder,
  field: string,
): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw invalidAwareness(`truncated ${field}`);
  }
}

function readAwarenessString(
  decoder: decoding.Decoder,
  clientId: number,
): string {
  const length = readAwarenessVarUint(
    decoder,
    `state length of client ${clientId}`,
  );
  const end = decoder.pos + length;
  if (end > decoder.arr.length) {
    throw invalidAwareness(
      `state of client ${clientId} has ${length} bytes but ${decoder.arr.length - decoder.pos} are left`,
    );
  }
  const bytes = decoder.arr.subarray(decoder.pos, end);
  decoder.pos = end;
  try {
    return UTF8.decode(bytes);
  } catch {
    throw invalidAwareness(`state of client ${clientId} is not UTF-8`);
  }
}

function parseState(
  json: string,
  clientId: number,
): Record<string, unknown> | null {
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch (error) {
    throw invalidAwareness(
      `state of client ${clientId} is not JSON: ${(error as Error).message}`,
    );
  }
  if (state === null) return null;
  if (typeof state !== "object" || Array.isArray(state)) {
    throw invalidAwareness(
      `state of client ${clientId} is ${Array.isArray(state) ? "an array" : typeof state}; send a JSON object or null`,
    );
  }
  return state as Record<string, unknown>;
}

function invalidAwareness(message: string): ProtocolError {
  return invalid(`invalid awareness update: ${message}`);
}

function readVarUint(decoder: decoding.Decoder, field: string): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw invalid(`truncated ${field}`);
  }
}

// lib0's readVarUint8Array does not check the length against the message,
// and a message from ws may be a view into a larger buffer, so check here
// and copy the bytes out.
function readBytes(decoder: decoding.Decoder, field: string): Uint8Array {
  const length = readVarUint(decoder, `${field} length`);
  const end = decoder.pos + length;
  if (end > decoder.arr.length) {
    throw invalid(
      `${field} length ${length} exceeds the ${decoder.arr.length - decoder.pos} bytes left in the message`,
    );
  }
  const bytes = decoder.arr.slice(decoder.pos, end);
  decoder.pos = end;
  return bytes;
}

function invalid(message: string): ProtocolError {
  return new ProtocolError(CloseCode.INVALID_PAYLOAD, message);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(
  doc: Y.Doc,
  stateVector?: Uint8Array,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/** Encodes an update message, as a Buffer because it goes to many sockets. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return asBuffer(encoding.toUint8Array(encoder));
}

/** Encodes an awareness message, as a Buffer because it goes to many sockets. */
export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return asBuffer(encoding.toUint8Array(encoder));
}

// ws 8 sends a Buffer as it is but wraps any other Uint8Array in a new
// Buffer on every send, once per socket of a broadcast.
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
