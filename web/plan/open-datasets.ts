import type { WebsocketProvider } from "y-websocket";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import { loadDataset, parseJsonDataset } from "./datasets.ts";
import { buildReferenceData, type ReferenceData } from "./reference-data.ts";

/** SHA-256 of each dataset kind the map and coverage need. */
export interface DatasetHashes {
  geometry: string;
  units: string;
  accounts: string;
}

const KINDS = ["geometry", "units", "accounts"] as const;

/**
 * Resolves with the dataset hashes once the plan document names all three.
 * A plan opened before on this device has them at once; a first open waits
 * for the server. Rejects when the server sends a plan that names none.
 */
export function waitForDatasets(
  planDoc: PlanDoc,
  provider: WebsocketProvider,
): Promise<DatasetHashes> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const datasets = planDoc.readMeta().datasets;
      if (!KINDS.every((kind) => typeof datasets[kind] === "string"))
        return false;
      stop();
      resolve({
        geometry: datasets.geometry,
        units: datasets.units,
        accounts: datasets.accounts,
      });
      return true;
    };
    const onSync = (synced: boolean) => {
      if (!synced || check()) return;
      stop();
      const missing = KINDS.filter(
        (kind) => !planDoc.readMeta().datasets[kind],
      );
      reject(
        new Error(
          `Plan "${planDoc.readMeta().planId || provider.roomname}" names no ${missing.join(", ")} dataset. Ask the plan owner to import the reference data.`,
        ),
      );
    };
    const onUpdate = () => void check();
    const stop = () => {
      planDoc.doc.off("update", onUpdate);
      provider.off("sync", onSync);
    };
    planDoc.doc.on("update", onUpdate);
    provider.on("sync", onSync);
    check();
  });
}

/** Loads, checks and parses the three datasets, from IndexedDB where this device has them. */
export async function loadReferenceData(
  hashes: DatasetHashes,
  token: string,
): Promise<ReferenceData> {
  const [geometry, units, accounts] = await Promise.all(
    KINDS.map(async (kind) =>
      parseJsonDataset(kind, await loadDataset(hashes[kind], token)),
    ),
  );
  return buildReferenceData(geometry, units, accounts);
}
