import { getContext, setContext } from "svelte";
import type { ReviewConnection } from "./review-connection.svelte.ts";

const KEY = Symbol("review");

export function provideReview(review: ReviewConnection): void {
  setContext(KEY, review);
}

/** Returns the plan's review document, for components below WorkspaceView. */
export function useReview(): ReviewConnection {
  const review = getContext<ReviewConnection | undefined>(KEY);
  if (!review) {
    throw new Error("useReview() was called outside WorkspaceView.");
  }
  return review;
}
