import type * as Y from "yjs";
import {
  observeSegmentation,
  readSegmentation,
  type SegmentationDecision,
} from "../../model/doc/segmentation-doc.ts";
import { isSameApply, replacedNotice } from "./segment-decision.ts";

function formatTime(iso: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return iso;
  return new Date(time).toLocaleTimeString();
}

/**
 * Watches a plan document for the whole page's life. A person whose applied
 * segmentation someone else replaces gets the notice even when the Segments
 * section was closed at the time.
 */
export class ReplacementWatch {
  /** Notice that someone else replaced the decision this person applied, or null. */
  notice = $state<string | null>(null);
  /** The decision this person applied last in this page. */
  #mine: SegmentationDecision | null = null;
  #current: SegmentationDecision | null;

  constructor(doc: Y.Doc) {
    this.#current = readSegmentation(doc);
    observeSegmentation(doc, ({ local }) => {
      const before = this.#current;
      const after = readSegmentation(doc);
      this.#current = after;
      const change = { mine: this.#mine, before, after, local };
      const notice = replacedNotice(change, formatTime);
      if (notice !== null) this.notice = notice;
      else if (this.#mine !== null && isSameApply(after, this.#mine)) {
        this.notice = null;
      }
    });
  }

  /** Records the decision this person is about to write, and clears an old notice. */
  applying(decision: SegmentationDecision): void {
    this.#mine = decision;
    this.notice = null;
  }
}

const watches = new WeakMap<Y.Doc, ReplacementWatch>();

/** Returns the document's watch, starting it on first use. */
export function replacementWatch(doc: Y.Doc): ReplacementWatch {
  let watch = watches.get(doc);
  if (watch === undefined) {
    watch = new ReplacementWatch(doc);
    watches.set(doc, watch);
  }
  return watch;
}
