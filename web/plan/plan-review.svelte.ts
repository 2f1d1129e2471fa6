import type * as Y from "yjs";
import { planContentHash } from "../../model/doc/plan-content.ts";
import {
  ReviewApi,
  type ReviewAction,
  type ReviewEventEntry,
  type ReviewReply,
  type ReviewStatus,
} from "../session/review-api.ts";
import type { PersonalSession } from "../session/types.ts";

/** Milliseconds after the last document change before the page hashes the plan again. */
const HASH_DELAY_MS = 300;
/** Milliseconds between status reloads while the page is visible. */
const RELOAD_INTERVAL_MS = 15_000;

/**
 * The plan's review status: loaded from the server, and compared with the
 * content hash of the page's own document, so that an approval shows as void
 * as soon as the plan here differs from what was approved.
 */
export class PlanReview {
  /** Null until the first load returns. */
  status = $state<ReviewStatus | null>(null);
  approvedHash = $state<string | null>(null);
  events = $state.raw<ReviewEventEntry[]>([]);
  /** Hash of the page's document, or null before it is read. */
  localHash = $state<string | null>(null);
  error = $state<string | null>(null);
  /** True while an action request runs. */
  busy = $state(false);

  #serverVoid = $state(false);
  readonly #api: ReviewApi;
  #generation = 0;

  constructor(session: PersonalSession) {
    this.#api = new ReviewApi(session.planId, session.token);
  }

  /**
   * True when an approval is in force and the plan differs from it: the
   * page's document when it was hashed, or else the server's copy.
   */
  get isVoid(): boolean {
    if (this.approvedHash === null) return false;
    if (this.localHash !== null) return this.localHash !== this.approvedHash;
    return this.#serverVoid;
  }

  /** Reloads the status. A reply that an action overtook is dropped. */
  async load(): Promise<void> {
    const generation = this.#generation;
    try {
      const reply = await this.#api.read();
      if (generation === this.#generation) this.#apply(reply);
    } catch (error) {
      if (generation === this.#generation)
        this.error = (error as Error).message;
    }
  }

  /** Sends one action and returns whether the server took it. A rejection sets `error`. */
  async act(action: ReviewAction, comment: string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    const generation = ++this.#generation;
    try {
      const reply = await this.#api.act(action, comment);
      if (generation === this.#generation) this.#apply(reply);
      return true;
    } catch (error) {
      this.error = (error as Error).message;
      return false;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Hashes `doc` now and again after each burst of changes. Returns a
   * function that stops watching.
   */
  watch(doc: Y.Doc): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const rehash = () => {
      timer = null;
      this.localHash = planContentHash(doc);
    };
    const onUpdate = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(rehash, HASH_DELAY_MS);
    };

    rehash();
    doc.on("update", onUpdate);
    return () => {
      doc.off("update", onUpdate);
      if (timer !== null) clearTimeout(timer);
    };
  }

  /**
   * Loads the status now and every 15 seconds while the page is visible,
   * and whenever it becomes visible again. Returns a function that stops.
   */
  poll(): () => void {
    const reloadIfVisible = () => {
      if (document.visibilityState === "visible") void this.load();
    };
    void this.load();
    const timer = setInterval(reloadIfVisible, RELOAD_INTERVAL_MS);
    document.addEventListener("visibilitychange", reloadIfVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", reloadIfVisible);
    };
  }

  #apply(reply: ReviewReply): void {
    this.status = reply.status;
    this.approvedHash = reply.approvedHash;
    this.events = reply.events;
    this.#serverVoid = reply.void;
    this.error = null;
  }
}
