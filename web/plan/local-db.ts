import { Dexie, type EntityTable } from "dexie";
import yDexie from "y-dexie";
import type * as Y from "yjs";

/** A plan kept on this device. y-dexie stores `doc` as Yjs updates in its own table. */
export interface PlanRow {
  id: string;
  openedAt: number;
  readonly doc: Y.Doc;
}

/** An immutable dataset, stored under the SHA-256 of its bytes as the plan document names it. */
export interface DatasetRow {
  sha256: string;
  bytes: ArrayBuffer;
  storedAt: number;
}

export type LocalDb = Dexie & {
  plans: EntityTable<PlanRow, "id">;
  datasets: EntityTable<DatasetRow, "sha256">;
};

let instance: LocalDb | null = null;

/** Returns the app's IndexedDB database, opening it on first use. */
export function localDb(): LocalDb {
  if (instance) return instance;
  const db = new Dexie("meridian", {
    addons: [yDexie as (db: Dexie) => void],
  }) as LocalDb;
  db.version(1).stores({
    plans: "id, doc: Y.Doc",
    datasets: "sha256",
  });
  instance = db;
  return db;
}
