import type { Storage } from "../storage.ts";
import { PlanHistory } from "./plan-history.ts";
import { readSentUpdates } from "./sent-updates.ts";

// One replay per storage and plan, so a request after a stroke applies
// only that stroke. NOTE: each replay keeps a copy of the plan's document
// and its change list in memory until the server stops.
const replays = new WeakMap<Storage, Map<string, PlanHistory>>();

/**
 * Returns the history of a plan's room up to its latest stored update,
 * replaying only the updates stored since the last call.
 */
export function planHistory(storage: Storage, planId: string): PlanHistory {
  let byPlan = replays.get(storage);
  if (byPlan === undefined) {
    byPlan = new Map();
    replays.set(storage, byPlan);
  }

  let history = byPlan.get(planId);
  if (history === undefined) {
    history = new PlanHistory();
    byPlan.set(planId, history);
  }
  history.apply(readSentUpdates(storage, planId, history.seq));
  return history;
}
