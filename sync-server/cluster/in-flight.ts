/**
 * The operations of a store that have started and not yet settled, so that
 * a shutdown can wait for them before it closes the connections they use.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  get size(): number {
    return this.pending.size;
  }

  /** Adds `operation` until it settles and returns it unchanged. */
  track<T>(operation: Promise<T>): Promise<T> {
    this.pending.add(operation);
    const remove = () => this.pending.delete(operation);
    operation.then(remove, remove);
    return operation;
  }

  /**
   * Waits until no operation is pending, or until `timeoutMs` passes, and
   * returns how many are still pending then. A room starts its next queued
   * write when the previous one settles, so after each round this yields to
   * the event loop and looks again.
   */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadline - Date.now());
      });
      await Promise.race([Promise.allSettled([...this.pending]), timeout]);
      clearTimeout(timer);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return this.pending.size;
  }
}
