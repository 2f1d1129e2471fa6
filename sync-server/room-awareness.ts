import * as awarenessProtocol from "y-protocols/awareness";
import type { ServerEvents } from "./events.ts";
import { registerAwarenessClients } from "./history/client-registration.ts";
import type { Logger } from "./log.ts";
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

  return (change, origin) => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (isMember(origin, room.members)) {
      for (const id of [...change.added, ...change.updated])
        origin.awarenessClients.add(id);
      for (const id of change.removed) origin.awarenessClients.delete(id);
      registerClients(origin, [...change.added, ...change.updated]);
      room.events.emit("awareness-relayed", {
        room: room.room,
        connectionId: origin.id,
      });
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
