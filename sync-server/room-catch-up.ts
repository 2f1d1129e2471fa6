import type { Logger } from "./log.ts";
import type { UpdateBatches } from "./room-batch.ts";
import { AppliedSeqs } from "./room-seqs.ts";
import type { RoomUpdateStore, StoredUpdate } from "./cluster/update-store.ts";

/**
 * Milliseconds a cluster room waits before it reads a missing seq from the
 * store. Another node publishes its update after its append returns, so
 * that update usually arrives a little after this node's later seq.
 * NOTE: 200 ms is an estimate for nodes on one host, not measured. On a
 * loaded machine publishes take longer, and a catch-up then reads updates
 * that were still on their way (logged at info, as they changed the document).
 */
const GAP_GRACE_MS = 200;

export interface RoomCatchUpOptions {
  room: string;
  updates: RoomUpdateStore;
  batches: UpdateBatches;
  logger: Logger;
  /** True while the room is loaded and may apply updates. */
  isReady(): boolean;
  /**
   * Applies updates read from the store, sends members what they lack, and
   * returns true when the document changed.
   */
  applyMissed(missed: StoredUpdate[]): boolean;
}

/**
 * Finds the updates a cluster room missed: seqs other nodes stored whose
 * publish never arrived. The room reads them from the store when a seq
 * stays missing, and on the peers' timer.
 */
export class RoomCatchUp {
  /** The stored seqs whose updates are in the document. */
  readonly seqs = new AppliedSeqs();
  private readonly options: RoomCatchUpOptions;
  private catchingUp: Promise<void> | null = null;
  private gapTimer: NodeJS.Timeout | null = null;
  /** `batches.appendsStarted` when the gap timer was armed. */
  private appendsBeforeGap = 0;
  /** `seqs.last` when the gap timer was armed, the seq below the gap. */
  private lastBeforeGap = 0;

  constructor(options: RoomCatchUpOptions) {
    this.options = options;
  }

  // A seq is missing below one the document has. An append of this node
  // that started before the gap showed may fill it, and another node's
  // publish of it may still be on its way. So the room waits GAP_GRACE_MS,
  // and for those appends, before it reads the store.
  checkForGap(): void {
    if (!this.seqs.hasGap || this.gapTimer) return;
    this.appendsBeforeGap = this.options.batches.appendsStarted;
    this.lastBeforeGap = this.seqs.last;
    this.armGapTimer();
  }

  // Appends that start after the gap showed get seqs above it, so waiting
  // for them could put off the catch-up for as long as updates keep coming.
  private armGapTimer(): void {
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (!this.options.isReady() || !this.seqs.hasGap) return;
      // The gap was filled and a later one showed, which gets its own wait.
      if (this.seqs.last !== this.lastBeforeGap) return this.checkForGap();
      if (this.options.batches.appendsSettled < this.appendsBeforeGap) {
        this.armGapTimer();
        return;
      }
      void this.catchUpLogged();
    }, GAP_GRACE_MS);
  }

  /** Stops the gap timer, when the room unloads. */
  cancel(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  /**
   * Reads the updates stored after `seqs.last`, applies them, and sends the
   * members the difference from the document's previous state vector. Runs
   * one catch-up at a time, and a call during one waits for it.
   */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.readMissedUpdates().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  /** Runs `catchUp` and logs its failure. */
  catchUpLogged(): Promise<void> {
    return this.catchUp().catch((error: unknown) =>
      this.options.logger.warn(
        { err: error, seq: this.seqs.last },
        "catch-up failed",
      ),
    );
  }

  private async readMissedUpdates(): Promise<void> {
    if (!this.options.isReady()) return;
    const missed = await this.options.updates.updatesAfter(
      this.options.room,
      this.seqs.last,
    );
    if (!this.options.isReady() || missed.length === 0) return;

    const changed = this.options.applyMissed(missed);
    this.seqs.addUpTo(missed.at(-1)!.seq);
    // Updates the document already had (this node's own, or published ones
    // that arrived after the gap showed) are no news, so only a catch-up
    // that changed the document is logged at info.
    this.options.logger[changed ? "info" : "debug"](
      { seq: this.seqs.last, updates: missed.length, changed },
      "room caught up from the store",
    );
  }
}
