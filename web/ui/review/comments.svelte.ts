import {
  CommentError,
  ReviewComments,
  type CommentThread,
} from "../../../model/doc/review-comments.ts";
import { anchorKey, type Anchor } from "../../../model/review/anchor.ts";
import { useWorkspace } from "../../plan/context.ts";
import { editTime } from "../../planning/clock.ts";
import type { Workspace } from "../../plan/workspace.svelte.ts";
import type { ReviewConnection } from "../../planning/review-connection.svelte.ts";
import { useReview } from "../../planning/review-context.ts";

/** Open and resolved thread counts of one anchor. */
export interface ThreadCounts {
  open: number;
  resolved: number;
}

/**
 * The comment threads of the open plan's review document, read again on
 * every change, and the writes of this page, which carry the person of the
 * session. One per review connection, shared by every comment component.
 */
export class PlanComments {
  /** Every thread, newest activity first; none until the review document opens. */
  threads = $state.raw<CommentThread[]>([]);
  /** The object the per-object comments panel shows, or null for none. */
  focus = $state.raw<Anchor | null>(null);

  readonly #workspace: Workspace;
  readonly #review: ReviewConnection;
  #store: ReviewComments | null = null;

  constructor(workspace: Workspace, review: ReviewConnection) {
    this.#workspace = workspace;
    this.#review = review;
    // Lives as long as the page's workspace. ReviewConnection.doc is not
    // reactive, but `opened` turns true right after it is set.
    $effect.root(() => {
      $effect(() => {
        if (!review.opened || review.doc === null) return;
        return this.#attach(new ReviewComments(review.doc, review.origin));
      });
    });
  }

  /** True once the review document has been read from the browser's storage. */
  get opened(): boolean {
    return this.#review.opened;
  }

  /**
   * True for editors and reviewers. The server drops the review document
   * writes of viewers, so their pages show no composer.
   */
  get canWrite(): boolean {
    const role = this.#workspace.session.role;
    return role === "editor" || role === "reviewer";
  }

  /** Person id of this page's person, to highlight mentions of them. */
  get personId(): string {
    return this.#workspace.session.person.id;
  }

  /** anchorKey -> open and resolved threads of that anchor. */
  readonly counts: ReadonlyMap<string, ThreadCounts> = $derived.by(() => {
    // A new map on every change of the threads, never mutated afterwards.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const counts = new Map<string, ThreadCounts>();
    for (const thread of this.threads) {
      const key = anchorKey(thread.anchor);
      const entry = counts.get(key) ?? { open: 0, resolved: 0 };
      if (thread.resolved) entry.resolved += 1;
      else entry.open += 1;
      counts.set(key, entry);
    }
    return counts;
  });

  /** Returns the threads of one object, newest activity first. */
  threadsOf(anchor: Anchor): CommentThread[] {
    return this.threads.filter(
      (thread) =>
        thread.anchor.kind === anchor.kind && thread.anchor.id === anchor.id,
    );
  }

  /** Shows an object's threads in the per-object panel. */
  show(anchor: Anchor | null): void {
    this.focus = anchor;
  }

  /** Starts a thread; raises a CommentError when it is invalid or the document has not opened. */
  add(anchor: Anchor, body: string, mentions: string[]): string {
    return this.#writer().add(anchor, this.#comment(body, mentions));
  }

  /** Replies to a thread; raises a CommentError when the reply is invalid. */
  reply(threadId: string, body: string, mentions: string[]): string {
    return this.#writer().reply(threadId, this.#comment(body, mentions));
  }

  resolve(threadId: string): void {
    const person = this.#workspace.session.person;
    this.#writer().resolve(
      threadId,
      { personId: person.id, name: person.name },
      editTime(),
    );
  }

  reopen(threadId: string): void {
    this.#writer().reopen(threadId);
  }

  #comment(body: string, mentions: string[]) {
    const person = this.#workspace.session.person;
    return {
      personId: person.id,
      name: person.name,
      body,
      mentions,
      at: editTime(),
    };
  }

  #writer(): ReviewComments {
    if (!this.canWrite) {
      throw new CommentError(
        `Your role in this plan is ${this.#workspace.session.role}, which reads comments only; ask an editor for a reviewer link to comment.`,
      );
    }
    if (this.#store === null) {
      throw new CommentError(
        "The review document is still opening; try again in a moment.",
      );
    }
    return this.#store;
  }

  #attach(store: ReviewComments): () => void {
    this.#store = store;
    const refresh = () => (this.threads = store.read());
    store.threads.observeDeep(refresh);
    refresh();
    return () => {
      store.threads.unobserveDeep(refresh);
      this.#store = null;
    };
  }
}

const byReview = new WeakMap<ReviewConnection, PlanComments>();

/** Returns the open plan's comments, for components below WorkspaceView. */
export function useComments(): PlanComments {
  const review = useReview();
  let comments = byReview.get(review);
  if (!comments) {
    comments = new PlanComments(useWorkspace(), review);
    byReview.set(review, comments);
  }
  return comments;
}
