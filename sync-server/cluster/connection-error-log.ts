import type { Logger } from "../log.ts";

/** Milliseconds between two log lines about the same outage. */
export const REPEAT_INTERVAL_MS = 30_000;

export interface ConnectionErrorLogOptions {
  /** Name of the service in the log messages, such as "Redis". */
  service: string;
  /** Milliseconds between repeat lines, REPEAT_INTERVAL_MS by default. */
  intervalMs?: number;
  /** Clock in milliseconds, Date.now by default. */
  now?: () => number;
}

/**
 * Rate-limited log of a connection that keeps failing while its client
 * retries. The first error of an outage is logged at warn, later ones at
 * most once per interval with their count, and the recovery once at info.
 */
export class ConnectionErrorLog {
  private readonly logger: Logger;
  private readonly service: string;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private failing = false;
  private startedAt = 0;
  private lastLoggedAt = 0;
  /** Errors of the current outage, the first one included. */
  private errors = 0;
  /** Errors since the last line, which that line did not count. */
  private unlogged = 0;

  constructor(logger: Logger, options: ConnectionErrorLogOptions) {
    this.logger = logger;
    this.service = options.service;
    this.intervalMs = options.intervalMs ?? REPEAT_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Records one connection error and logs it when the limit allows. */
  error(error: Error): void {
    const now = this.now();
    if (!this.failing) {
      this.failing = true;
      this.startedAt = now;
      this.lastLoggedAt = now;
      this.errors = 1;
      this.unlogged = 0;
      this.logger.warn(
        { err: error },
        `${this.service} connection error, reconnecting`,
      );
      return;
    }

    this.errors += 1;
    this.unlogged += 1;
    if (now - this.lastLoggedAt < this.intervalMs) return;
    this.logger.warn(
      {
        err: error,
        errors: this.unlogged,
        outageMs: now - this.startedAt,
      },
      `${this.service} connection errors continue`,
    );
    this.lastLoggedAt = now;
    this.unlogged = 0;
  }

  /**
   * Ends the current outage with one info line. It does nothing when no
   * error was recorded since the last recovery.
   */
  recovered(fields: Record<string, unknown> = {}): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.info(
      { ...fields, errors: this.errors, outageMs: this.now() - this.startedAt },
      `${this.service} connection is back`,
    );
  }
}
