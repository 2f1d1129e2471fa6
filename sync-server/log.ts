import pino, { type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./config.ts";

export type { Logger };

/**
 * Creates the server's logger: JSON lines on stderr unless a destination is
 * given. Fields named like tokens are censored as a second line of defence,
 * because the first is never passing a token to the logger at all.
 */
export function createLogger(
  level: LogLevel,
  destination: DestinationStream = pino.destination(2),
): Logger {
  return pino(
    {
      level,
      base: { service: "meridian-sync" },
      redact: {
        paths: ["token", "*.token", "authorization", "*.authorization"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

/**
 * Replaces the value of every query parameter in a URL or path whose name
 * is or ends with `token`, ignoring case, such as `token` and
 * `access_token`.
 */
export function redactUrl(url: string): string {
  return url.replace(/([?&][^=&#]*token=)[^&#]*/gi, "$1[redacted]");
}
