import type * as Y from "yjs";
import type { PlanDoc } from "./plan-doc.ts";

type Entry = { key: string; val: string };

/** One of this replica's assignments that a write from elsewhere replaced. */
export interface OverwrittenAssignment {
  unitId: string;
  /** The territory this replica had written. */
  ownTerritoryId: string;
  /** The unit's territory now, or null when it is unassigned. */
  currentTerritoryId: string | null;
  /**
   * Yjs client id of the replica that wrote the current value, or null when
   * the unit is unassigned or the value was written before watching began.
   */
  writerClientId: number | null;
  /**
   * True when the two writes were concurrent (neither replica had seen the
   * other's, as in an offline merge) and the other one won here. False when
   * the deletion of the own value arrived from elsewhere: a repaint made
   * after seeing it, or a concurrent conflict that the other replica
   * resolved first and sent along with its value.
   */
  concurrent: boolean;
}

/** Callbacks that separate this replica's writes from everyone else's. */
export interface OverwriteWatchOptions {
  /** True for the Yjs client ids this person writes with (this page, and earlier pages on this device). */
  isOwnClient(clientId: number): boolean;
  /** True for the transaction origins of this person's own changes (strokes, undo, redo). */
  isOwnOrigin(origin: unknown): boolean;
  /** Called with the units each own transaction assigned. */
  onOwnWrite?(unitIds: string[]): void;
  /** Called with the own assignments that a transaction from elsewhere replaced. */
  onOverwritten(overwritten: OverwrittenAssignment[]): void;
}

/**
 * Watches the assignments for own values that another replica replaced,
 * and returns a function that stops watching.
 *
 * Each assignment is an array entry written by one Yjs client. When a
 * remote transaction deletes an own entry, the other person replaced a
 * value they had seen. When two replicas wrote one unit concurrently, both
 * entries arrive and the rightmost wins. The key-value store then deletes
 * the losing entry in a local transaction of its own (origin null), so
 * such a deletion marks a concurrent conflict that this replica lost.
 */
export function watchOverwrites(
  planDoc: PlanDoc,
  options: OverwriteWatchOptions,
): () => void {
  // The latest entry added for each unit and the client that wrote it, to
  // name the writer of the value that replaced an own entry.
  const added = new Map<string, { entry: Entry; clientId: number }>();

  const writerOf = (entry: Entry | undefined): number | null => {
    if (!entry) return null;
    const latest = added.get(entry.key);
    return latest?.entry === entry ? latest.clientId : null;
  };

  const observer = (
    event: Y.YArrayEvent<Entry>,
    transaction: Y.Transaction,
  ) => {
    const own = options.isOwnOrigin(transaction.origin);
    const written: string[] = [];
    for (const item of event.changes.added) {
      for (const entry of item.content.getContent() as Entry[]) {
        added.set(entry.key, { entry, clientId: item.id.client });
        written.push(entry.key);
      }
    }
    if (own) {
      if (written.length > 0) options.onOwnWrite?.(written);
      return;
    }

    const overwritten: OverwrittenAssignment[] = [];
    for (const item of event.changes.deleted) {
      if (!options.isOwnClient(item.id.client)) continue;
      for (const entry of item.content.getContent() as Entry[]) {
        const current = planDoc.assignments.map.get(entry.key);
        const writer = writerOf(current);
        if (current === entry) continue;
        if (writer !== null && options.isOwnClient(writer)) continue;
        overwritten.push({
          unitId: entry.key,
          ownTerritoryId: entry.val,
          currentTerritoryId: current?.val ?? null,
          writerClientId: writer,
          concurrent: transaction.local,
        });
      }
    }
    if (overwritten.length > 0) options.onOverwritten(overwritten);
  };

  planDoc.assignmentArray.observe(observer);
  return () => planDoc.assignmentArray.unobserve(observer);
}
