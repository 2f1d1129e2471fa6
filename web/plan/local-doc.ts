import { DexieYProvider } from "y-dexie";
import type * as Y from "yjs";
import { localDb } from "./local-db.ts";

/**
 * Opens a plan's Y.Doc from IndexedDB. The document contains every update this
 * device has seen, so the plan shows before the server replies, and y-dexie
 * stores each later update, local or remote, as it happens.
 */
export async function openLocalDoc(planId: string): Promise<Y.Doc> {
  const db = localDb();

  // y-dexie destroys a document whose row is missing, so the row comes first.
  await db.transaction("rw", db.plans, async () => {
    const row = await db.plans.get(planId);
    if (row) await db.plans.update(planId, { openedAt: Date.now() });
    else await db.plans.add({ id: planId, openedAt: Date.now() } as never);
  });

  const doc = DexieYProvider.getOrCreateDocument(db, "plans", "doc", planId);
  // NOTE: The provider is never released: releasing it destroys the Y.Doc,
  // and the document lives as long as the page.
  const provider = DexieYProvider.load(doc);
  await provider.whenLoaded;
  return doc;
}
