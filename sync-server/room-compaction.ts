import type { Logger } from "./log.ts";
import type { RoomUpdateStore } from "./cluster/update-store.ts";
import type { BuiltSnapshot } from "./room-snapshot-worker.ts";

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
  /**
   * Builds the merged state up to `seq` from the store, off the server's
   * thread. Without it every snapshot encodes the document in place.
   */
  buildState?(seq: number): Promise<BuiltSnapshot>;
  /** Seq up to which every stored update is in the document. */
  lastSeq(): number;
  /** True while the room is loaded, so a timer may still write. */
  isReady(): boolean;
}

/**
 * Writes a room's snapshot once enough updates have been stored since the
 * last one, so that a load replays a bounded number of updates. While the
 * room is loaded, a store that can build snapshots in the background does,
 * because encoding a large document blocks every room for tens of
 * milliseconds. The snapshot on unload encodes the document in place.
 */
export class RoomCompaction {
  private readonly options: RoomCompactionOptions;
  private writingSnapshot = false;
  private updatesSinceSnapshot = 0;
  private compactTimer: NodeJS.Timeout | null = null;
  /** Counts cancels, so a background build that ends after one is dropped. */
  private generation = 0;
  /** Updates that the background build in progress covers, or 0. */
  private updatesBuilding = 0;

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
      this.clearTimer();
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

  /** Clears the idle timer and drops the result of a build in progress. */
  cancel(): void {
    this.clearTimer();
    this.generation += 1;
    this.writingSnapshot = false;
    this.updatesSinceSnapshot += this.updatesBuilding;
    this.updatesBuilding = 0;
  }

  /**
   * Writes a snapshot when one is due. The store builds it in the
   * background when it can, unless `inPlace` is set. Otherwise this
   * encodes the document.
   */
  compactIfDue(inPlace = false): void {
    if (this.updatesSinceSnapshot < this.options.compactAfterUpdates) return;
    if (this.writingSnapshot) return;
    const seq = this.options.lastSeq();
    const counted = this.updatesSinceSnapshot;
    this.updatesSinceSnapshot = 0;
    const buildState = this.options.buildState;
    if (inPlace || !buildState) {
      let state: Uint8Array;
      try {
        state = this.options.encodeState();
      } catch (error) {
        this.failed(seq, error);
        return;
      }
      this.write(seq, state);
      return;
    }

    this.writingSnapshot = true;
    this.updatesBuilding = counted;
    const generation = this.generation;
    buildState(seq).then(
      (built) => {
        if (generation !== this.generation) return;
        this.writingSnapshot = false;
        this.updatesBuilding = 0;
        if (built.failedSeqs.length > 0) {
          this.options.logger.error(
            { seq, failedSeqs: built.failedSeqs },
            "stored updates failed to apply to the snapshot",
          );
        }
        this.write(seq, built.state);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.writingSnapshot = false;
        this.updatesBuilding = 0;
        this.failed(seq, error);
      },
    );
  }

  private clearTimer(): void {
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
  }

  private write(seq: number, state: Uint8Array): void {
    const written = () =>
      this.options.logger.info(
        { seq, bytes: state.byteLength },
        "snapshot written",
      );
    let result: void | Promise<void>;
    try {
      result = this.options.updates.writeSnapshot(
        this.options.room,
        seq,
        state,
      );
    } catch (error) {
      this.failed(seq, error);
      return;
    }
    if (!(result instanceof Promise)) return written();

    this.writingSnapshot = true;
    result
      .then(written, (error: unknown) => this.failed(seq, error))
      .finally(() => {
        this.writingSnapshot = false;
      });
  }

  // Every update is already stored, and a missing snapshot only slows the
  // next load, so a failure is logged and retried after the next update.
  private failed(seq: number, error: unknown): void {
    this.updatesSinceSnapshot += this.options.compactAfterUpdates;
    this.options.logger.error({ err: error, seq }, "snapshot failed");
  }
}
