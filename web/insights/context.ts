import { getContext, setContext } from "svelte";
import type { PlanInsights } from "./insights.svelte.ts";

const KEY = Symbol("insights");

export function provideInsights(insights: PlanInsights): void {
  setContext(KEY, insights);
}

/** Returns the open plan's metrics, regions, search and finders; components below WorkspaceView use it. */
export function useInsights(): PlanInsights {
  const insights = getContext<PlanInsights | undefined>(KEY);
  if (!insights) {
    throw new Error("useInsights() was called outside WorkspaceView.");
  }
  return insights;
}
