import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { Override } from "../../model/overrides.ts";
import { loadRoomDoc } from "../../sync-server/plans.ts";
import { Storage } from "../../sync-server/storage.ts";

/**
 * Writes overrides into a stored plan as one update, as an editor's client
 * sends them. It writes the entries directly, without the checks of
 * `setOverride`, so a test can also store an override that merged in from
 * another replica, such as one into a deleted territory.
 */
export function storeOverrides(
  dataDir: string,
  planId: string,
  overrides: readonly Override[],
): void {
  const storage = Storage.open(dataDir);
  try {
    const doc = loadRoomDoc(storage, planId);
    const before = Y.encodeStateVector(doc);
    const plan = new PlanDoc(doc);
    doc.transact(() => {
      for (const override of overrides) {
        const entry = new Y.Map<unknown>();
        entry.set("territoryId", override.territoryId);
        entry.set("effectiveFrom", override.effectiveFrom);
        entry.set("effectiveTo", override.effectiveTo);
        plan.overrides.set(override.accountId, entry);
      }
    });
    storage.appendUpdate(planId, Y.encodeStateAsUpdate(doc, before), null);
  } finally {
    storage.close();
  }
}
