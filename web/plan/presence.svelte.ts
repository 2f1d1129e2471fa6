import type { Awareness } from "y-protocols/awareness";
import type { Person } from "../session/types.ts";
import { throttle } from "../throttle.ts";

/** A point on the map in degrees. */
export interface LngLat {
  lng: number;
  lat: number;
}

/** Another person's awareness state: who they are, where their pointer is, what they selected. */
export interface Peer {
  clientId: number;
  user: Person;
  pointer: LngLat | null;
  selectedTerritory: string | null;
  /** Planning grid cell the peer has selected, such as "quota:<node id>:annual", or null. */
  cell: string | null;
}

/** Pointer positions go out at most 20 times a second. */
const POINTER_INTERVAL_MS = 50;

/**
 * Presence through y-websocket awareness. The local state contains
 * `user: { id, name, color }`, `pointer: { lng, lat } | null` and
 * `selectedTerritory`; `peers` lists everyone else in the room.
 */
export class Presence {
  peers = $state.raw<Peer[]>([]);

  #awareness: Awareness | null = null;
  #sendPointer = throttle((pointer: LngLat | null) => {
    this.#awareness?.setLocalStateField("pointer", pointer);
  }, POINTER_INTERVAL_MS);

  /**
   * `earlierClientIds` are the Yjs client ids of this browser's earlier
   * page loads of the plan, announced so the server credits their offline
   * edits to this person.
   */
  attach(
    awareness: Awareness,
    person: Person,
    earlierClientIds: readonly number[] = [],
  ): () => void {
    this.#awareness = awareness;
    awareness.setLocalState({
      user: { id: person.id, name: person.name, color: person.color },
      pointer: null,
      selectedTerritory: null,
      earlierClientIds,
    });
    const onChange = ({ removed }: { removed: number[] }) => {
      // y-protocols keeps the clock of a removed peer, and drops a state that
      // arrives again with that clock: after a reconnect the peer would stay
      // missing until its next renewal. Forgetting the clock lets the state
      // the server re-sends apply at once. It waits for a microtask because
      // the "update" listeners of this removal still read the clock.
      const departed = removed.filter((id) => id !== awareness.clientID);
      if (departed.length > 0) {
        queueMicrotask(() => {
          for (const id of departed)
            if (!awareness.states.has(id)) awareness.meta.delete(id);
        });
      }
      this.#readPeers(awareness);
    };
    awareness.on("change", onChange);
    this.#readPeers(awareness);
    return () => awareness.off("change", onChange);
  }

  /**
   * Sends this person's state again with a new clock. The server and the
   * peers dropped it when the socket closed and ignore the same clock when
   * the provider re-sends it after a reconnect.
   */
  announce(): void {
    const state = this.#awareness?.getLocalState();
    if (state) this.#awareness?.setLocalState({ ...state });
  }

  setPointer(pointer: LngLat | null): void {
    this.#sendPointer(pointer);
  }

  setSelectedTerritory(territoryId: string | null): void {
    this.#awareness?.setLocalStateField("selectedTerritory", territoryId);
  }

  /** Publishes the planning grid cell this person has selected, or null when none is. */
  setCell(cell: string | null): void {
    this.#awareness?.setLocalStateField("cell", cell);
  }

  rename(person: Person): void {
    this.#awareness?.setLocalStateField("user", {
      id: person.id,
      name: person.name,
      color: person.color,
    });
  }

  #readPeers(awareness: Awareness): void {
    const peers: Peer[] = [];
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const user = state.user as Person | undefined;
      if (!user || typeof user.name !== "string") return;
      peers.push({
        clientId,
        user,
        pointer: isLngLat(state.pointer) ? state.pointer : null,
        selectedTerritory:
          typeof state.selectedTerritory === "string"
            ? state.selectedTerritory
            : null,
        cell: typeof state.cell === "string" ? state.cell : null,
      });
    });
    this.peers = peers.sort(
      (a, b) =>
        a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId,
    );
  }
}

function isLngLat(value: unknown): value is LngLat {
  const point = value as LngLat | null;
  return (
    typeof point?.lng === "number" &&
    typeof point.lat === "number" &&
    Number.isFinite(point.lng) &&
    Number.isFinite(point.lat)
  );
}
