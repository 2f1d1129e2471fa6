import type { WebsocketProvider } from "y-websocket";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import { loadDataset, parseJsonDataset } from "./datasets.ts";
import {
  buildReferenceData,
  type AdjacencyInput,
  type ReferenceData,
} from "./reference-data.ts";

/** SHA-256 of each dataset kind the map and coverage need. */
export interface DatasetHashes {
  geometry: string;
  units: string;
  accounts: string;
  /** Adjacency for contiguity and compactness; optional, because plans made before it name none. */
  adjacency: string | null;
}

const KINDS = ["geometry", "units", "accounts"] as const;

/** Reads the dataset hashes the plan names now; null while it lacks a required one. */
export function readDatasetHashes(planDoc: PlanDoc): DatasetHashes | null {
  const datasets = planDoc.readMeta().datasets;
  if (!KINDS.every((kind) => typeof datasets[kind] === "string")) return null;
  return {
    geometry: datasets.geometry,
    units: datasets.units,
    accounts: datasets.accounts,
    adjacency:
      typeof datasets.adjacency === "string" ? datasets.adjacency : null,
  };
}

export function sameDatasetHashes(a: DatasetHashes, b: DatasetHashes): boolean {
  return (
    a.geometry === b.geometry &&
    a.units === b.units &&
    a.accounts === b.accounts &&
    a.adjacency === b.adjacency
  );
}

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
      const hashes = readDatasetHashes(planDoc);
      if (hashes === null) return false;
      stop();
      resolve(hashes);
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

/**
 * Calls `onChange` with the new hashes each time the plan names other
 * datasets than `current`, such as after an accounts import by anyone.
 * Returns a function that stops watching.
 */
export function watchDatasets(
  planDoc: PlanDoc,
  current: () => DatasetHashes,
  onChange: (hashes: DatasetHashes) => void,
): () => void {
  const check = () => {
    const hashes = readDatasetHashes(planDoc);
    if (hashes !== null && !sameDatasetHashes(hashes, current()))
      onChange(hashes);
  };
  planDoc.meta.observe(check);
  return () => planDoc.meta.unobserve(check);
}

/**
 * Loads, checks and parses the datasets, from IndexedDB where this device
 * has them. The three required ones must load; the adjacency dataset may
 * fail, and then its problem travels with the reference data.
 */
export async function loadReferenceData(
  hashes: DatasetHashes,
  token: string,
): Promise<ReferenceData> {
  const [[geometry, units, accounts], adjacency] = await Promise.all([
    Promise.all(
      KINDS.map(async (kind) =>
        parseJsonDataset(kind, await loadDataset(hashes[kind], token)),
      ),
    ),
    loadAdjacency(hashes.adjacency, token),
  ]);
  return buildReferenceData(geometry, units, accounts, adjacency);
}

async function loadAdjacency(
  sha256: string | null,
  token: string,
): Promise<AdjacencyInput> {
  if (sha256 === null) {
    return {
      json: null,
      problem:
        "This plan names no adjacency dataset, so pieces and compactness are not shown.",
    };
  }
  try {
    const bytes = await loadDataset(sha256, token);
    return { json: parseJsonDataset("adjacency", bytes), problem: null };
  } catch (error) {
    return { json: null, problem: (error as Error).message };
  }
}
