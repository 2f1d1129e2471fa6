import pino from "pino";
import { describe, expect, test } from "vitest";
import { ConnectionErrorLog } from "../../sync-server/cluster/connection-error-log.ts";
import { LogCapture } from "./helpers.ts";

interface Entry {
  level: number;
  msg: string;
  errors?: number;
  outageMs?: number;
  rooms?: number;
}

function setup() {
  const logs = new LogCapture();
  let now = 1_000_000;
  const log = new ConnectionErrorLog(pino({ level: "debug" }, logs.stream), {
    service: "Redis",
    now: () => now,
  });
  const entries = () => logs.lines.map((line) => JSON.parse(line) as Entry);
  const advance = (ms: number) => (now += ms);
  return { log, entries, advance };
}

const refused = Object.assign(
  new Error("connect ECONNREFUSED 127.0.0.1:6390"),
  {
    code: "ECONNREFUSED",
  },
);

describe("ConnectionErrorLog", () => {
  test("logs the first error at warn", () => {
    const { log, entries } = setup();

    log.error(refused);

    expect(entries()).toHaveLength(1);
    expect(entries()[0].level).toBe(40);
    expect(entries()[0].msg).toBe("Redis connection error, reconnecting");
    expect(JSON.stringify(entries()[0])).toContain("ECONNREFUSED");
  });

  test("logs repeats once per 30 s with a count", () => {
    const { log, entries, advance } = setup();

    // 74 errors over about 160 s, the rate of two retrying clients
    for (let i = 0; i < 74; i += 1) {
      log.error(refused);
      advance(2_200);
    }

    const lines = entries();
    expect(lines.map((entry) => entry.msg)).toEqual([
      "Redis connection error, reconnecting",
      "Redis connection errors continue",
      "Redis connection errors continue",
      "Redis connection errors continue",
      "Redis connection errors continue",
      "Redis connection errors continue",
    ]);
    for (const entry of lines) expect(entry.level).toBe(40);
    expect(lines[1].errors).toBe(14);
    expect(lines[1].outageMs).toBe(30_800);
    const counted = lines
      .slice(1)
      .reduce((sum, entry) => sum + (entry.errors ?? 0), 0);
    expect(counted).toBeLessThanOrEqual(73);
  });

  test("logs the recovery once at info", () => {
    const { log, entries, advance } = setup();
    log.error(refused);
    advance(1_000);
    log.error(refused);
    advance(4_000);

    log.recovered({ rooms: 3 });
    log.recovered({ rooms: 3 });

    const lines = entries();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({
      level: 30,
      msg: "Redis connection is back",
      errors: 2,
      outageMs: 5_000,
      rooms: 3,
    });
  });

  test("recovery without errors logs nothing", () => {
    const { log, entries } = setup();

    log.recovered();

    expect(entries()).toEqual([]);
  });

  test("new outage after recovery warns again", () => {
    const { log, entries, advance } = setup();
    log.error(refused);
    log.recovered();
    advance(1_000);

    log.error(refused);

    expect(entries().map((entry) => entry.msg)).toEqual([
      "Redis connection error, reconnecting",
      "Redis connection is back",
      "Redis connection error, reconnecting",
    ]);
  });
});
