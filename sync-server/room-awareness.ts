import * as awarenessProtocol from "y-protocols/awareness";
import type { ServerEvents } from "./events.ts";
import { registerAwarenessClients } from "./history/client-registration.ts";
import type { Logger } from "./log.ts";
import { userId } from "./presence-rules.ts";
import { encodeAwareness } from "./protocol.ts";
import { isMember, type RoomMember } from "./room-member.ts";
import type { Storage } from "./storage.ts";
import type { RoomPeers } from "./cluster/peers.ts";

/** Origin of updates and awareness changes that came from another node. */
export const REMOTE_ORIGIN = Symbol("remote");

/** The listener of a room's awareness "update" events. */
export type AwarenessRelay = (
  change: { added: number[]; updated: number[]; removed: number[] },
  origin: unknown,
) => void;

/** The parts of a room that relaying its awareness changes uses. */
export interface AwarenessRelayRoom {
  room: string;
  members: Set<RoomMember>;
  awareness: awarenessProtocol.Awareness;
  /** The `user.id` of each client id's last state, which the relay records. */
  lastUserIds: Map<number, string>;
  storage: Storage;
  events: ServerEvents;
  peers: RoomPeers | undefined;
  logger: Logger;
  /** Sends a message to every started member. */
  broadcast(message: Uint8Array): void;
}

// Every awareness change goes to all members, the sender included, because
// the y-websocket client reconnects after 30 seconds without a message.
// When it is alone in the room, its own 15-second awareness renewal
// coming back is the message it receives.
export function createAwarenessRelay(room: AwarenessRelayRoom): AwarenessRelay {
  /** Client ids already sent to the client id store while the room is loaded. */
  const attemptedClientIds = new Set<number>();

  // Registers the client ids of the states a member sent, so history can
  // credit their edits to the member's person.
  const registerClients = (member: RoomMember, clientIds: number[]): void => {
    const states = new Map<number, unknown>();
    for (const id of clientIds)
      states.set(id, room.awareness.getStates().get(id) ?? null);
    registerAwarenessClients(
      room.storage,
      room.room,
      member,
      states,
      attemptedClientIds,
      room.logger,
    );
  };

  // A client id moves to the member or node that sent its new state, which
  // the presence rules allow only for the same person reconnecting. The
  // earlier connection then no longer removes that state when it closes.
  const takeOver = (ids: number[], owner: RoomMember | null): void => {
    for (const member of room.members) {
      if (member === owner) continue;
      for (const id of ids) member.awarenessClients.delete(id);
    }
  };

  const recordUserIds = (ids: number[]): void => {
    for (const id of ids) {
      const state = room.awareness.getStates().get(id);
      const user = state ? userId(state) : undefined;
      if (user === undefined) room.lastUserIds.delete(id);
      else room.lastUserIds.set(id, user);
    }
  };

  return (change, origin) => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    const present = [...change.added, ...change.updated];
    recordUserIds(present);
    if (isMember(origin, room.members)) {
      const newlyOwned = present.filter(
        (id) => !origin.awarenessClients.has(id),
      );
      if (newlyOwned.length > 0) takeOver(newlyOwned, origin);
      for (const id of present) origin.awarenessClients.add(id);
      for (const id of change.removed) origin.awarenessClients.delete(id);
      registerClients(origin, present);
      room.events.emit("awareness-relayed", {
        room: room.room,
        connectionId: origin.id,
      });
    } else if (origin === REMOTE_ORIGIN && present.length > 0) {
      takeOver(present, null);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(
      room.awareness,
      changed,
    );
    room.broadcast(encodeAwareness(update));
    if (origin !== REMOTE_ORIGIN)
      room.peers?.publishAwareness(room.room, update);
  };
}
