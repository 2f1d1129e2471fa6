import { describe, expect, test } from "vitest";
import type { RepPayFigure } from "../../../model/insights/types.ts";
import {
  attainmentHistogram,
  attainmentPercent,
  BAND_EDGES,
} from "../../../web/dashboard/chart-attainment.ts";

function rep(
  repId: string,
  creditedCents: number,
  quotaCents = 100_000,
): RepPayFigure {
  return {
    repId,
    name: repId,
    quotaCents,
    creditedCents,
    payoutCents: 0,
    targetPayoutCents: 0,
  };
}

function bandOf(histogram: ReturnType<typeof attainmentHistogram>, id: string) {
  return histogram.bands.find((band) => band.reps.some((r) => r.repId === id))
    ?.label;
}

describe("attainmentHistogram", () => {
  test("one band per edge", () => {
    const histogram = attainmentHistogram([]);
    expect(histogram.bands.map((band) => band.low)).toEqual([...BAND_EDGES]);
    expect(histogram.bands.at(-1)?.label).toBe("150%+");
  });

  test("edges are exact", () => {
    const histogram = attainmentHistogram([
      rep("exactly-100", 100_000),
      rep("just-under-100", 99_999),
      rep("exactly-150", 150_000),
      rep("zero", 0),
    ]);
    expect(bandOf(histogram, "exactly-100")).toBe("100–110%");
    expect(bandOf(histogram, "just-under-100")).toBe("90–100%");
    expect(bandOf(histogram, "exactly-150")).toBe("150%+");
    expect(bandOf(histogram, "zero")).toBe("0–50%");
  });

  test("exact with a quota not a multiple of 100", () => {
    // 1/3 of quota credited, times 3: exactly 100%.
    const histogram = attainmentHistogram([rep("a", 99_999, 99_999)]);
    expect(bandOf(histogram, "a")).toBe("100–110%");
  });

  test("negative attainment counts in the first band", () => {
    const histogram = attainmentHistogram([rep("clawed", -5_000)]);
    expect(bandOf(histogram, "clawed")).toBe("0–50%");
  });

  test("reps without quota are left out", () => {
    const histogram = attainmentHistogram([rep("none", 5_000, 0)]);
    expect(histogram.withoutQuota).toEqual(["none"]);
    expect(histogram.bands.every((band) => band.reps.length === 0)).toBe(true);
  });
});

describe("attainmentPercent", () => {
  test("rounds half even to a tenth", () => {
    expect(attainmentPercent(rep("a", 104_250))).toBe("104.2");
    expect(attainmentPercent(rep("b", 104_350))).toBe("104.4");
    expect(attainmentPercent(rep("c", 1, 3))).toBe("33.3");
  });
});
