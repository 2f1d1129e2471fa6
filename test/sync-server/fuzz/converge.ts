import { setTimeout as delay } from "node:timers/promises";
import * as Y from "yjs";
import { planContentHash } from "../../../model/doc/plan-content.ts";
import type { Replica } from "./replica.ts";

const POLL_MS = 10;

/**
 * Hang guard: a run that has not converged after this long fails with the
 * seed and each replica's state, instead of running into vitest's test
 * timeout, which would print neither. It bounds a hang and checks no speed.
 */
const HANG_GUARD_MS = 20_000;

/**
 * Resolves once every replica is connected and synced and has the same
 * state vector and delete set as `serverDoc()`. Equal snapshots on every
 * side mean nothing is left in flight, because an update in flight is
 * one that its sender has and its receiver lacks.
 */
export async function waitForConvergence(
  replicas: readonly Replica[],
  serverDoc: () => Y.Doc | null,
  seed: number,
): Promise<void> {
  const deadline = Date.now() + HANG_GUARD_MS;
  while (!hasConverged(replicas, serverDoc())) {
    if (Date.now() > deadline) {
      throw new Error(
        `Seed ${seed}: convergence timed out after ${HANG_GUARD_MS} ms. ` +
          `Rerun with FUZZ_SEED=${seed}. State: ${describe(replicas, serverDoc())}`,
      );
    }
    await delay(POLL_MS);
  }
}

function hasConverged(replicas: readonly Replica[], server: Y.Doc | null) {
  if (server === null) return false;
  const reference = Y.snapshot(server);
  return replicas.every(
    (replica) =>
      replica.isSynced() &&
      Y.equalSnapshots(Y.snapshot(replica.doc), reference),
  );
}

function describe(replicas: readonly Replica[], server: Y.Doc | null): string {
  const sides = replicas.map((replica) => ({
    name: replica.name,
    synced: replica.isSynced(),
    stateVector: stateVectorOf(replica.doc),
    hash: planContentHash(replica.doc),
  }));
  const serverSide =
    server === null
      ? "room not loaded"
      : { stateVector: stateVectorOf(server), hash: planContentHash(server) };
  return JSON.stringify({ server: serverSide, replicas: sides });
}

function stateVectorOf(doc: Y.Doc): Record<number, number> {
  return Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));
}
