import type { Logger } from "./log.ts";

/**
 * Milliseconds between two `update not stored` lines of one room. While
 * the store is down every client resends on each reconnect, so the
 * failures in between are counted and the next line reports them.
 */
const FAILURE_LOG_INTERVAL_MS = 5_000;

/**
 * The failed update writes of one room, logged at most once every
 * FAILURE_LOG_INTERVAL_MS with the count of the failures not logged.
 */
export class StoreFailureLog {
  private notLogged = 0;
  private lastLoggedAt = Number.NEGATIVE_INFINITY;

  /** Logs a failed write with the writer's logger, or counts it. */
  failed(logger: Logger, error: unknown): void {
    const now = Date.now();
    if (now - this.lastLoggedAt < FAILURE_LOG_INTERVAL_MS) {
      this.notLogged += 1;
      return;
    }
    logger.error(
      {
        err: error,
        failuresNotLogged: this.notLogged,
        intervalMs: FAILURE_LOG_INTERVAL_MS,
      },
      "update not stored",
    );
    this.lastLoggedAt = now;
    this.notLogged = 0;
  }

  /**
   * Records a successful write, which ends a run of failures: the count
   * of the failures not logged yet is logged, and the next failure is
   * logged at once.
   */
  stored(logger: Logger): void {
    if (this.lastLoggedAt === Number.NEGATIVE_INFINITY) return;
    if (this.notLogged > 0) {
      logger.warn(
        { failuresNotLogged: this.notLogged },
        "updates stored again after failures",
      );
    }
    this.lastLoggedAt = Number.NEGATIVE_INFINITY;
    this.notLogged = 0;
  }
}
