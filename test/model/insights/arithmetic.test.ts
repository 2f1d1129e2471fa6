import { describe, expect, test } from "vitest";
import {
  deviationSpread,
  percentOf,
  ratioOf,
} from "../../../model/insights/arithmetic.ts";

describe("percentOf", () => {
  test("rounds half to even", () => {
    expect(percentOf(1, 16)).toBe("6.2");
    expect(percentOf(3, 16)).toBe("18.8");
    expect(percentOf(-1, 16)).toBe("-6.2");
  });

  test("zero denominator", () => {
    expect(percentOf(5, 0)).toBeNull();
  });
});

describe("ratioOf", () => {
  test("rounds to the digits given", () => {
    expect(ratioOf(2, 3)).toBe("0.67");
    expect(ratioOf(1, 8)).toBe("0.12");
    expect(ratioOf(3, 8)).toBe("0.38");
    expect(ratioOf(7, 2, 1)).toBe("3.5");
    expect(ratioOf(-1, 3)).toBe("-0.33");
  });

  test("zero denominator", () => {
    expect(ratioOf(5, 0)).toBeNull();
  });
});

describe("deviationSpread", () => {
  test("max and standard deviation", () => {
    expect(deviationSpread([3, 1, 0])).toEqual({
      max: "125.0",
      standardDeviation: "93.5",
    });
  });

  test("equal values", () => {
    expect(deviationSpread([7, 7])).toEqual({
      max: "0.0",
      standardDeviation: "0.0",
    });
  });

  test("no values or zero total", () => {
    expect(deviationSpread([])).toBeNull();
    expect(deviationSpread([0, 0])).toBeNull();
  });
});
