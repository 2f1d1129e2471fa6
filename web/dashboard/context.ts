import { getContext, setContext } from "svelte";
import type { Dashboard } from "./dashboard.svelte.ts";

const KEY = Symbol("dashboard");

export function provideDashboard(dashboard: Dashboard): void {
  setContext(KEY, dashboard);
}

/** Returns the open plan's KPIs; components below WorkspaceView use it. */
export function useDashboard(): Dashboard {
  const dashboard = getContext<Dashboard | undefined>(KEY);
  if (!dashboard) {
    throw new Error("useDashboard() was called outside WorkspaceView.");
  }
  return dashboard;
}
