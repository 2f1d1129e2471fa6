import type { WebsocketProvider } from "y-websocket";
import {
  watchOverwrites,
  type OverwrittenAssignment,
} from "../../model/doc/overwrites.ts";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { DrawingNotices, LostGroup } from "./notices.svelte.ts";
import type { PlanEditor } from "./plan-editor.svelte.ts";

/**
 * How long after a county is painted (or, for a county painted offline,
 * after the plan is back in step with the server) a repaint from elsewhere
 * still counts as made at the same time.
 */
export const REPAINT_WINDOW_MS = 10_000;

const CLIENT_IDS_KEY_PREFIX = "meridian.clientIds.";
/** Yjs client ids of earlier pages kept per plan, so offline edits made before a reload stay recognisable. */
const MAX_STORED_CLIENT_IDS = 20;

/**
 * When each own write stops counting as recent. A write made while the
 * plan is not in step with the server stays recent until the window after
 * the next sync, because only then can the other writes reach it.
 */
export class RecentWrites {
  readonly #expiresAt = new Map<string, number>();

  record(unitIds: readonly string[], inStep: boolean, now: number): void {
    const expiry = inStep ? now + REPAINT_WINDOW_MS : Infinity;
    for (const unitId of unitIds) this.#expiresAt.set(unitId, expiry);
  }

  markInStep(now: number): void {
    for (const [unitId, expiry] of this.#expiresAt) {
      if (expiry === Infinity)
        this.#expiresAt.set(unitId, now + REPAINT_WINDOW_MS);
      else if (expiry < now) this.#expiresAt.delete(unitId);
    }
  }

  isRecent(unitId: string, now: number): boolean {
    const expiry = this.#expiresAt.get(unitId);
    return expiry !== undefined && now <= expiry;
  }
}

/**
 * Shows a notice when counties this person painted were repainted by
 * someone else at the same time: a concurrent conflict this replica lost,
 * or a repaint from elsewhere within `REPAINT_WINDOW_MS` of the own write.
 * The other person is named from awareness, whose client id is the Yjs
 * client id of their document. Returns a function that stops watching.
 */
export function watchLostConflicts(
  planId: string,
  planDoc: PlanDoc,
  editor: PlanEditor,
  provider: WebsocketProvider,
  notices: DrawingNotices,
): () => void {
  const recent = new RecentWrites();
  const clientIds = new ClientIdStore(planId);
  const inStep = () => provider.wsconnected && provider.synced;

  const onSync = (synced: boolean) => {
    if (synced) recent.markInStep(Date.now());
  };
  provider.on("sync", onSync);

  const stopWatching = watchOverwrites(planDoc, {
    isOwnClient: (clientId) =>
      clientId === planDoc.doc.clientID || clientIds.has(clientId),
    isOwnOrigin: (origin) =>
      origin === editor.origin || origin === editor.undoManager,
    onOwnWrite: (unitIds) => {
      clientIds.add(planDoc.doc.clientID);
      recent.record(unitIds, inStep(), Date.now());
    },
    onOverwritten: (list) => {
      const now = Date.now();
      const lost = list.filter(
        (o) => o.concurrent || recent.isRecent(o.unitId, now),
      );
      for (const group of groupByWriter(lost, provider)) {
        notices.showLost(group);
      }
    },
  });
  return () => {
    stopWatching();
    provider.off("sync", onSync);
  };
}

function groupByWriter(
  lost: readonly OverwrittenAssignment[],
  provider: WebsocketProvider,
): LostGroup[] {
  const groups = new Map<string, LostGroup>();
  const states = provider.awareness.getStates();
  for (const entry of lost) {
    const writerClientId = entry.writerClientId;
    const user = (
      writerClientId === null ? undefined : states.get(writerClientId)?.user
    ) as { name?: unknown } | undefined;
    const byName = typeof user?.name === "string" ? user.name : null;
    const erased = entry.currentTerritoryId === null;
    const key = `${erased}:${writerClientId ?? ""}`;
    const group = groups.get(key) ?? {
      unitIds: [],
      writerClientId,
      byName,
      erased,
    };
    group.unitIds.push(entry.unitId);
    groups.set(key, group);
  }
  return [...groups.values()];
}

// The Yjs client ids this person wrote the plan with on this device,
// newest last, kept in localStorage.
class ClientIdStore {
  readonly #key: string;
  #ids: number[];

  constructor(planId: string) {
    this.#key = CLIENT_IDS_KEY_PREFIX + planId;
    this.#ids = readIds(window.localStorage.getItem(this.#key));
  }

  has(clientId: number): boolean {
    return this.#ids.includes(clientId);
  }

  add(clientId: number): void {
    if (this.#ids[this.#ids.length - 1] === clientId) return;
    this.#ids = [...this.#ids.filter((id) => id !== clientId), clientId].slice(
      -MAX_STORED_CLIENT_IDS,
    );
    window.localStorage.setItem(this.#key, JSON.stringify(this.#ids));
  }
}

function readIds(text: string | null): number[] {
  try {
    const value: unknown = JSON.parse(text ?? "[]");
    return Array.isArray(value)
      ? value.filter((id): id is number => Number.isSafeInteger(id))
      : [];
  } catch {
    return [];
  }
}
