import { CloseCode } from "./close-codes.ts";
import { ProtocolError, type AwarenessEntry } from "./protocol.ts";

/**
 * Maximum size of one awareness state's JSON after stamping, in UTF-8 bytes.
 * The web page's largest state is 744 bytes: UUID ids, a 60-character name
 * of 4-byte characters, a pointer, 19 earlier client ids of 10 digits and a
 * grid cell. 8 KiB leaves room for new fields.
 */
export const MAX_AWARENESS_STATE_BYTES = 8 * 1024;

/** A room's awareness as the checks read it. */
export interface AwarenessView {
  /** Current states by client id, as in a y-protocols `Awareness`. */
  readonly states: ReadonlyMap<number, Record<string, unknown>>;
  /** Clocks by client id, kept after a state is removed. */
  readonly meta: ReadonlyMap<number, { clock: number }>;
  /**
   * The `user.id` of the last state each client id had in the room, kept
   * after the state is removed.
   */
  readonly lastUserIds: ReadonlyMap<number, string>;
}

/** The connection that sent an awareness update. */
export interface PresenceSender {
  /** Person id, or null for a socket opened with an invite token. */
  readonly personId: string | null;
  /** Client ids whose states the connection added and has not removed. */
  readonly awarenessClients: ReadonlySet<number>;
  /** Returns the name to show: the person's current name in the plan. */
  displayName(): string;
}

interface CurrentState {
  clock: number;
  state: Record<string, unknown> | null;
}

/**
 * Checks an awareness update from a connection and returns the entries to
 * apply, with `user.id` and `user.name` stamped from the sender. Entries
 * that change nothing, such as a peer's state that a y-websocket client
 * sends back at the clock the room has, are left out. Throws a
 * ProtocolError before anything is applied: 1008 when an entry changes a
 * client id of another person, 1009 when a state is over
 * MAX_AWARENESS_STATE_BYTES.
 */
export function checkAwarenessEntries(
  entries: readonly AwarenessEntry[],
  room: AwarenessView,
  sender: PresenceSender,
): AwarenessEntry[] {
  // Later entries of one update see what earlier ones changed, as they do
  // in y-protocols' applyAwarenessUpdate.
  const changed = new Map<number, CurrentState>();
  const ownClients = new Set(sender.awarenessClients);
  const accepted: AwarenessEntry[] = [];
  let name: string | null = null;

  for (const entry of entries) {
    const current = changed.get(entry.clientId) ?? {
      clock: room.meta.get(entry.clientId)?.clock ?? 0,
      state: room.states.get(entry.clientId) ?? null,
    };
    if (!changesRoom(entry, current)) continue;

    if (!mayChange(entry.clientId, current.state, room, sender, ownClients)) {
      // A y-websocket client whose own awareness timed out a peer sends
      // that removal at the clock it received. The room keeps the state,
      // which its own timeout removes when the peer is really gone.
      if (entry.state === null && entry.clock === current.clock) continue;
      throw new ProtocolError(
        CloseCode.POLICY_VIOLATION,
        `Awareness client ${entry.clientId} belongs to another person; send only your own presence state.`,
      );
    }

    let result = entry;
    if (entry.state !== null) {
      name ??= sender.displayName();
      result = stamp(entry, sender.personId, name);
    }
    changed.set(entry.clientId, { clock: result.clock, state: result.state });
    ownClients.add(entry.clientId);
    accepted.push(result);
  }
  return accepted;
}

// The condition under which y-protocols 1.0 applyAwarenessUpdate changes a
// remote client's state.
function changesRoom(entry: AwarenessEntry, current: CurrentState): boolean {
  if (current.clock < entry.clock) return true;
  return (
    current.clock === entry.clock &&
    entry.state === null &&
    current.state !== null
  );
}

// A connection owns three kinds of client id. The first is one it added
// itself. The second is one whose state names its person: the same person
// reconnecting, possibly to another node of a cluster. The third has no
// state, and its last state named the connection's person or no one. That
// keeps a departed client id for its person, so the page that used it can
// reconnect and announce it again.
function mayChange(
  clientId: number,
  state: Record<string, unknown> | null,
  room: AwarenessView,
  sender: PresenceSender,
  ownClients: ReadonlySet<number>,
): boolean {
  if (ownClients.has(clientId)) return true;
  if (state !== null) {
    return sender.personId !== null && userId(state) === sender.personId;
  }
  // NOTE: a connection may add any number of new client ids this way, each
  // shown under its own stamped name and removed when it leaves.
  const lastUserId = room.lastUserIds.get(clientId);
  return lastUserId === undefined || lastUserId === sender.personId;
}

/** Returns a state's `user.id` when it is a string. */
export function userId(state: Record<string, unknown>): string | undefined {
  const user = state.user;
  if (typeof user !== "object" || user === null) return undefined;
  const id = (user as Record<string, unknown>).id;
  return typeof id === "string" ? id : undefined;
}

// Sets `user.id` to the person id, or removes it for a connection without
// a person, and `user.name` to `name`. Every other field stays.
function stamp(
  entry: AwarenessEntry,
  personId: string | null,
  name: string,
): AwarenessEntry {
  const state = entry.state!;
  const sent = state.user;
  const user: Record<string, unknown> =
    typeof sent === "object" && sent !== null && !Array.isArray(sent)
      ? { ...(sent as Record<string, unknown>) }
      : {};
  if (personId === null) delete user.id;
  else user.id = personId;
  user.name = name;

  const stamped = { ...state, user };
  const json = JSON.stringify(stamped);
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes > MAX_AWARENESS_STATE_BYTES) {
    throw new ProtocolError(
      CloseCode.MESSAGE_TOO_BIG,
      `Awareness state of client ${entry.clientId} is ${bytes} bytes of JSON; the limit is ${MAX_AWARENESS_STATE_BYTES} bytes.`,
    );
  }
  return { ...entry, json, state: stamped };
}
