import { getContext, setContext } from "svelte";
import type { Planning } from "./planning.svelte.ts";

const KEY = Symbol("planning");

export function providePlanning(planning: Planning): void {
  setContext(KEY, planning);
}

/** Returns the open plan's planning state; components below WorkspaceView use it. */
export function usePlanning(): Planning {
  const planning = getContext<Planning | undefined>(KEY);
  if (!planning) {
    throw new Error("usePlanning() was called outside WorkspaceView.");
  }
  return planning;
}
