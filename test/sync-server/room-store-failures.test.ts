import { afterEach, describe, expect, test, vi } from "vitest";
import { createLogger } from "../../sync-server/log.ts";
import { StoreFailureLog } from "../../sync-server/room-store-failures.ts";
import { LogCapture } from "./helpers.ts";

// While the store is down every client resends on each reconnect, so the
// room logs its failed writes at most once every five seconds and counts
// the rest.

afterEach(() => {
  vi.useRealTimers();
});

function parsed(capture: LogCapture): Record<string, unknown>[] {
  return capture.lines.map(
    (line) => JSON.parse(line) as Record<string, unknown>,
  );
}

describe("store failure log", () => {
  test("repeats are counted, not logged", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const capture = new LogCapture();
    const logger = createLogger("info", capture.stream);
    const failures = new StoreFailureLog();

    failures.failed(logger, new Error("connection refused"));
    for (let i = 0; i < 9; i++) {
      vi.advanceTimersByTime(100);
      failures.failed(logger, new Error("connection refused"));
    }
    vi.advanceTimersByTime(5_000);
    failures.failed(logger, new Error("connection refused"));

    const lines = parsed(capture);
    expect(lines).toHaveLength(2);
    expect(lines[0].msg).toBe("update not stored");
    expect(lines[0].failuresNotLogged).toBe(0);
    expect(lines[1].msg).toBe("update not stored");
    expect(lines[1].failuresNotLogged).toBe(9);
  });

  test("stored write ends the run", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const capture = new LogCapture();
    const logger = createLogger("info", capture.stream);
    const failures = new StoreFailureLog();

    failures.failed(logger, new Error("connection refused"));
    failures.failed(logger, new Error("connection refused"));
    failures.stored(logger);
    failures.stored(logger);
    failures.failed(logger, new Error("disk full"));

    const lines = parsed(capture);
    expect(lines.map((line) => line.msg)).toEqual([
      "update not stored",
      "updates stored again after failures",
      "update not stored",
    ]);
    expect(lines[1].failuresNotLogged).toBe(1);
    expect((lines[2].err as { message: string }).message).toBe("disk full");
  });
});
