/**
 * WebSocket close codes the server sends. The 44xx codes follow HTTP 4xx,
 * and the stock y-websocket client stops reconnecting on 4400-4499.
 */
export const CloseCode = {
  /** The server is shutting down, and the client reconnects. */
  GOING_AWAY: 1001,
  /** Message type the server does not handle, or a text frame. */
  UNSUPPORTED_DATA: 1003,
  /** Message that does not decode: truncated varint, garbage update. */
  INVALID_PAYLOAD: 1007,
  /**
   * Message that breaks a server rule although it decodes, such as an
   * awareness update for another person's client id.
   */
  POLICY_VIOLATION: 1008,
  /**
   * Message larger than MAX_MESSAGE_BYTES, or an awareness state over
   * MAX_AWARENESS_STATE_BYTES.
   */
  MESSAGE_TOO_BIG: 1009,
  /** Server failure (storage); the client reconnects and resends. */
  INTERNAL_ERROR: 1011,
  /**
   * Over the per-connection rate limit ("Try Again Later" in the IANA
   * registry). It is not a 44xx code, because the stock client must
   * reconnect and resend the edits the server has not stored.
   */
  RATE_LIMITED: 1013,
  /** Missing, malformed, expired or badly signed token. */
  UNAUTHORIZED: 4401,
  /** Token for another plan, unknown plan or invalid room name. */
  FORBIDDEN: 4403,
} as const;

/**
 * Cuts a close reason to the 123 bytes a close frame allows, on a character
 * boundary.
 */
export function closeReason(reason: string): string {
  const encoder = new TextEncoder();
  let result = reason;
  while (encoder.encode(result).length > 123) result = result.slice(0, -1);
  return result;
}
