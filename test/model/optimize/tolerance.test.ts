import { describe, expect, test } from "vitest";
import { BalanceInputError } from "../../../model/optimize/errors.ts";
import {
  allowedOffset,
  offsetPercent,
  parseTolerancePercent,
} from "../../../model/optimize/tolerance.ts";

describe("parseTolerancePercent", () => {
  test("reads whole and decimal percents as basis points", () => {
    expect(parseTolerancePercent("5")).toBe(500);
    expect(parseTolerancePercent(5)).toBe(500);
    expect(parseTolerancePercent("2.5")).toBe(250);
    expect(parseTolerancePercent("0.05")).toBe(5);
    expect(parseTolerancePercent(" 10 ")).toBe(1000);
    expect(parseTolerancePercent("0")).toBe(0);
    expect(parseTolerancePercent("1000")).toBe(100_000);
  });

  test("rejects negative, text, three decimals and above 1000", () => {
    for (const bad of ["-1", "five", "2.125", "", "1e2", "1001", 0.001]) {
      expect(() => parseTolerancePercent(bad)).toThrow(BalanceInputError);
    }
    expect(() => parseTolerancePercent("2.125")).toThrow(
      'Invalid tolerance "2.125"',
    );
  });
});

describe("allowedOffset", () => {
  test("rounds the bound down to a whole offset", () => {
    // 5% of 1,001 is 50.05, so an offset of 50 is within and 51 is not.
    expect(allowedOffset(500, 1_001)).toBe(50);
    expect(allowedOffset(500, 1_000)).toBe(50);
    expect(allowedOffset(0, 1_000)).toBe(0);
  });

  test("stays exact beyond 2^53 intermediate products", () => {
    const total = 4_000_000_000_000;
    expect(allowedOffset(9_999, total)).toBe(3_999_600_000_000);
  });
});

describe("offsetPercent", () => {
  test("rounds half to even at one decimal", () => {
    // 25 / 1000 = 2.5% exactly; 1 / 8 = 12.5%; 3 / 80 = 3.75% -> 3.8%.
    expect(offsetPercent(25, 1_000)).toBe("2.5");
    expect(offsetPercent(-1, 8)).toBe("-12.5");
    expect(offsetPercent(3, 80)).toBe("3.8");
    // 0.25% -> 0.2 and 0.35% -> 0.4 (half to even).
    expect(offsetPercent(1, 400)).toBe("0.2");
    expect(offsetPercent(7, 2_000)).toBe("0.4");
    expect(offsetPercent(0, 7)).toBe("0.0");
  });

  test("has no value for a zero total", () => {
    expect(offsetPercent(0, 0)).toBeNull();
  });
});
