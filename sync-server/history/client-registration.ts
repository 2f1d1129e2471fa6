import type { Logger } from "../log.ts";
import type { Storage } from "../storage.ts";

/**
 * Field of an awareness state that lists the Yjs client ids the same
 * browser used for this plan and person in earlier page loads.
 */
export const EARLIER_CLIENT_IDS_FIELD = "earlierClientIds";

/** Most earlier client ids read from one awareness state; the rest are ignored. */
export const MAX_EARLIER_CLIENT_IDS = 20;

/** Yjs client ids are unsigned 32-bit integers. */
const MAX_CLIENT_ID = 0xffffffff;

/** The connection whose awareness update is registered. */
export interface RegisteringMember {
  readonly personId: string | null;
  /** True when the connection may write the room, so its edits are stored. */
  readonly mayWrite: boolean;
}

/**
 * Registers the Yjs client ids of the awareness states a connection sent,
 * so that history can credit the structs those clients created to the
 * connection's person. A state whose `user.id` names someone else is a
 * relayed copy of another client's state and registers nothing. The
 * earlier client ids a state lists register only when no person has them
 * yet, because the store keeps the first registration of every id. `attempted` remembers the ids already sent to the store for this
 * room, so renewals every 15 seconds write nothing.
 */
export function registerAwarenessClients(
  storage: Storage,
  room: string,
  member: RegisteringMember,
  states: ReadonlyMap<number, unknown>,
  attempted: Set<number>,
  logger: Logger,
): void {
  const personId = member.personId;
  if (personId === null || !member.mayWrite) return;

  const candidates: number[] = [];
  for (const [clientId, state] of states) {
    if (!isOwnState(state, personId)) continue;
    candidates.push(clientId, ...readEarlierClientIds(state));
  }

  const fresh = [...new Set(candidates)].filter((id) => !attempted.has(id));
  if (fresh.length === 0) return;
  const at = Date.now();
  try {
    let registered = 0;
    for (const clientId of fresh) {
      if (storage.clientIds.register(room, clientId, personId, at))
        registered += 1;
      attempted.add(clientId);
    }
    logger.debug(
      { room, person: personId, clientIds: fresh.length, registered },
      "client ids registered",
    );
  } catch (error) {
    // History then shows these clients' edits as unattributed until the
    // next awareness renewal registers them.
    logger.error(
      { err: error, room, person: personId },
      "client id registration failed",
    );
  }
}

// A null state is a departure, and a state naming another person's id is
// a copy that a y-websocket client relays after receiving it.
function isOwnState(state: unknown, personId: string): boolean {
  if (state === null || typeof state !== "object") return false;
  const user = (state as { user?: { id?: unknown } }).user;
  return typeof user?.id !== "string" || user.id === personId;
}

/** Reads at most MAX_EARLIER_CLIENT_IDS valid client ids from a state's list. */
export function readEarlierClientIds(state: unknown): number[] {
  const list = (state as Record<string, unknown>)[EARLIER_CLIENT_IDS_FIELD];
  if (!Array.isArray(list)) return [];
  return list
    .slice(0, MAX_EARLIER_CLIENT_IDS)
    .filter(
      (id): id is number =>
        Number.isInteger(id) && id >= 0 && id <= MAX_CLIENT_ID,
    );
}
