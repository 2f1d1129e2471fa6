/**
 * The seqs of a room's stored updates that are in its document. In cluster
 * mode updates arrive out of order, from this node's appends and from other
 * nodes' publishes, so the document may contain seqs above a missing one.
 */
export class AppliedSeqs {
  private lastContiguous = 0;
  /** Seqs above `last` that are in the document. */
  private readonly above = new Set<number>();
  private highestSeen = 0;

  /** Seq up to which every stored update is in the document. */
  get last(): number {
    return this.lastContiguous;
  }

  /** Highest seq in the document. */
  get highest(): number {
    return this.highestSeen;
  }

  /** True when a seq below `highest` is not in the document. */
  get hasGap(): boolean {
    return this.highestSeen > this.lastContiguous;
  }

  /** Sets every seq up to `seq` as in the document, as after a load. */
  reset(seq: number): void {
    this.lastContiguous = seq;
    this.highestSeen = seq;
    this.above.clear();
  }

  /** Records that the update stored as `seq` is in the document. */
  add(seq: number): void {
    if (seq <= this.lastContiguous) return;
    this.above.add(seq);
    this.highestSeen = Math.max(this.highestSeen, seq);
    this.advance();
  }

  /** Records that every update up to `seq` is in the document. */
  addUpTo(seq: number): void {
    if (seq <= this.lastContiguous) return;
    this.lastContiguous = seq;
    this.highestSeen = Math.max(this.highestSeen, seq);
    for (const other of this.above) {
      if (other <= seq) this.above.delete(other);
    }
    this.advance();
  }

  private advance(): void {
    while (this.above.delete(this.lastContiguous + 1)) this.lastContiguous += 1;
  }
}
