import { getContext, setContext } from "svelte";
import type { Designer } from "./designer.svelte.ts";

const KEY = Symbol("designer");

export function provideDesigner(designer: Designer): void {
  setContext(KEY, designer);
}

/** Returns the territory designer's tools; components below WorkspaceView use it. */
export function useDesigner(): Designer {
  const designer = getContext<Designer | undefined>(KEY);
  if (!designer) {
    throw new Error("useDesigner() was called outside WorkspaceView.");
  }
  return designer;
}
