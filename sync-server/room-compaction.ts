import type { Logger } from "./log.ts";
import type { RoomUpdateStore } from "./cluster/update-store.ts";

/**
 * A due snapshot waits until the room has had no update for this long, so
 * encoding the whole document does not hold up updates that are arriving.
 */
const COMPACT_IDLE_MS = 500;
/**
 * A due snapshot is written at once, idle or not, when this many times
 * `compactAfterUpdates` updates are waiting, which bounds the updates a
 * load replays.
 */
const COMPACT_BACKLOG_FACTOR = 4;

export interface RoomCompactionOptions {
  room: string;
  updates: RoomUpdateStore;
  logger: Logger;
  /** Write a snapshot after this many updates since the last one. */
  compactAfterUpdates: number;
  /** Encodes the room's whole document. */
  encodeState(): Uint8Array;
  /** Seq up to which every stored update is in the document. */
  lastSeq(): number;
  /** True while the room is loaded, so a timer may still write. */
  isReady(): boolean;
}

/**
 * Writes a room's snapshot once enough updates have been stored since the
 * last one, so that a load replays a bounded number of updates.
 */
export class RoomCompaction {
  private readonly options: RoomCompactionOptions;
  private writingSnapshot = false;
  private updatesSinceSnapshot = 0;
  private compactTimer: NodeJS.Timeout | null = null;

  constructor(options: RoomCompactionOptions) {
    this.options = options;
  }

  /** Counts `count` more updates stored or read since the last snapshot. */
  add(count: number): void {
    this.updatesSinceSnapshot += count;
  }

  // Defers a due snapshot until the room is idle, unless the backlog of
  // updates since the last one has grown too long.
  schedule(): void {
    const due = this.options.compactAfterUpdates;
    if (this.updatesSinceSnapshot < due) return;
    if (this.updatesSinceSnapshot >= due * COMPACT_BACKLOG_FACTOR) {
      this.cancel();
      this.compactIfDue();
      return;
    }
    if (this.compactTimer) {
      this.compactTimer.refresh();
      return;
    }
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      if (this.options.isReady()) this.compactIfDue();
    }, COMPACT_IDLE_MS);
  }

  cancel(): void {
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
  }

  compactIfDue(): void {
    if (this.updatesSinceSnapshot < this.options.compactAfterUpdates) return;
    if (this.writingSnapshot) return;
    const seq = this.options.lastSeq();
    const logger = this.options.logger;
    // Every update is already stored, and a missing snapshot only slows
    // the next load, so a failure is logged and retried after the next update.
    const failed = (error: unknown) =>
      logger.error({ err: error, seq }, "snapshot failed");
    const written = (state: Uint8Array) => {
      logger.info({ seq, bytes: state.byteLength }, "snapshot written");
    };
    try {
      const state = this.options.encodeState();
      const result = this.options.updates.writeSnapshot(
        this.options.room,
        seq,
        state,
      );
      this.updatesSinceSnapshot = 0;
      if (!(result instanceof Promise)) return written(state);

      this.writingSnapshot = true;
      result
        .then(
          () => written(state),
          (error: unknown) => {
            this.updatesSinceSnapshot = this.options.compactAfterUpdates;
            failed(error);
          },
        )
        .finally(() => {
          this.writingSnapshot = false;
        });
    } catch (error) {
      this.updatesSinceSnapshot = this.options.compactAfterUpdates;
      failed(error);
    }
  }
}
