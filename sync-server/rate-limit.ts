/** Per-connection limits on incoming WebSocket messages. */
export interface RateLimit {
  /** Messages a second a connection may send on average. */
  messagesPerSecond: number;
  /** Messages a connection may send at once before the average applies. */
  messageBurst: number;
  /** Bytes a second a connection may send on average. */
  bytesPerSecond: number;
  /**
   * Bytes a connection may send at once. At least the largest message, so
   * that a whole offline catch-up in one sync step 2 passes.
   */
  byteBurst: number;
}

export const DEFAULT_MESSAGES_PER_SECOND = 100;
export const DEFAULT_MESSAGE_BURST = 1000;
export const DEFAULT_BYTES_PER_SECOND = 1024 * 1024;

/**
 * Builds the limits of a server. The byte burst is twice the largest message,
 * so a client may send a full-size catch-up and keep editing right after it.
 */
export function rateLimitFor(
  maxMessageBytes: number,
  settings: Partial<Omit<RateLimit, "byteBurst">> = {},
): RateLimit {
  return {
    messagesPerSecond:
      settings.messagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND,
    messageBurst: settings.messageBurst ?? DEFAULT_MESSAGE_BURST,
    bytesPerSecond: settings.bytesPerSecond ?? DEFAULT_BYTES_PER_SECOND,
    byteBurst: 2 * maxMessageBytes,
  };
}

/**
 * Two token buckets, one counting messages and one counting bytes. Each
 * starts full and refills continuously at its rate up to its burst.
 */
export class RateLimiter {
  private messages: number;
  private bytes: number;
  private refilledAt: number;

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.messages = limit.messageBurst;
    this.bytes = limit.byteBurst;
    this.refilledAt = now();
  }

  /**
   * Takes one message of `byteLength` bytes from the buckets. Returns
   * "messages" or "bytes" for the bucket that ran out, or null when the
   * message is within the limit.
   */
  take(byteLength: number): "messages" | "bytes" | null {
    this.refill();
    if (this.messages < 1) return "messages";
    if (this.bytes < byteLength) return "bytes";

    this.messages -= 1;
    this.bytes -= byteLength;
    return null;
  }

  private refill(): void {
    const now = this.now();
    const seconds = (now - this.refilledAt) / 1000;
    this.refilledAt = now;
    this.messages = Math.min(
      this.limit.messageBurst,
      this.messages + seconds * this.limit.messagesPerSecond,
    );
    this.bytes = Math.min(
      this.limit.byteBurst,
      this.bytes + seconds * this.limit.bytesPerSecond,
    );
  }
}
