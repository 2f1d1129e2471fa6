import { getContext, setContext } from "svelte";
import type { Workspace } from "./workspace.svelte.ts";

const KEY = Symbol("workspace");

export function provideWorkspace(workspace: Workspace): void {
  setContext(KEY, workspace);
}

/** Returns the open plan's workspace; components below WorkspaceView use it. */
export function useWorkspace(): Workspace {
  const workspace = getContext<Workspace | undefined>(KEY);
  if (!workspace) {
    throw new Error("useWorkspace() was called outside WorkspaceView.");
  }
  return workspace;
}
