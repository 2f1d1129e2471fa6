import { describe, expect, test } from "vitest";
import { cascadeQuotas } from "../../../model/quota/cascade.ts";
import type {
  QuotaCascadeResult,
  NodeQuota,
} from "../../../model/quota/types.ts";
import { exampleInput } from "./example.ts";

function quotaOf(result: QuotaCascadeResult, id: string): NodeQuota {
  const quota = result.quotas.find((q) => q.nodeId === id);
  if (quota === undefined) throw new Error(`no quota for ${id}`);
  return quota;
}

describe("cascadeQuotas", () => {
  test("worked example gives the documented quotas", () => {
    const result = cascadeQuotas(exampleInput());
    const annual = Object.fromEntries(
      result.quotas.map((q) => [q.nodeId, q.annual]),
    );

    expect(annual).toEqual({
      c: "1000000.00",
      east: "660000.00",
      west: "440000.00",
      bos: "433125.00",
      nyc: "259875.00",
      sea: "462000.00",
      ana: "144375.00",
      ben: "144375.00",
      cy: "144375.00",
      dee: "129937.50",
      eli: "129937.50",
      gus: "231000.00",
      hal: "231000.00",
    });
  });

  test("quotas list parents before children and siblings by name", () => {
    const input = exampleInput();
    input.nodes = [...input.nodes].reverse();
    const order = cascadeQuotas(input).quotas.map((q) => q.nodeId);

    expect(order).toEqual([
      "c",
      "east",
      "bos",
      "ana",
      "ben",
      "cy",
      "nyc",
      "dee",
      "eli",
      "west",
      "sea",
      "gus",
      "hal",
    ]);
  });

  test("over-assignment sets the pool children share", () => {
    const result = cascadeQuotas(exampleInput());

    expect(quotaOf(result, "c").childPool).toBe("1100000.00");
    expect(quotaOf(result, "east").childPool).toBe("693000.00");
    expect(quotaOf(result, "bos").childPool).toBe("433125.00");
    expect(quotaOf(result, "ana").childPool).toBeNull();
  });

  test("over-assignment pool rounds half to even", () => {
    const input = exampleInput();
    input.companyQuota = "0.25";
    input.levels.region.overAssignmentPercent = "10";
    const result = cascadeQuotas(input);

    // 0.25 x 1.1 = 0.275, which rounds half-even to 0.28.
    expect(quotaOf(result, "c").childPool).toBe("0.28");
  });

  test("region potential rolls up from territories", () => {
    const result = cascadeQuotas(exampleInput());
    const east = quotaOf(result, "east").trace;

    expect(east.inputs).toContainEqual({
      name: "potential",
      value: "600000.00",
    });
    expect(east.inputs).toContainEqual({
      name: "potentialShare",
      value: "0.6",
    });
  });

  test("a node's own potential wins over its children", () => {
    const input = exampleInput();
    input.potentialCents = { ...input.potentialCents, east: 40_000_000 };
    const result = cascadeQuotas(input);

    expect(quotaOf(result, "east").annual).toBe("550000.00");
    expect(quotaOf(result, "west").annual).toBe("550000.00");
  });

  test("even split gives the extra cent to the first by name", () => {
    const input = exampleInput();
    input.companyQuota = "100.00";
    input.levels.region = { method: "even", overAssignmentPercent: "0" };
    input.levels.territory = { method: "even", overAssignmentPercent: "0" };
    const result = cascadeQuotas(input);

    expect(quotaOf(result, "bos").annual).toBe("25.00");
    expect(quotaOf(result, "ana").annual).toBe("8.34");
    expect(quotaOf(result, "ben").annual).toBe("8.33");
    expect(quotaOf(result, "cy").annual).toBe("8.33");
  });

  test("prior bookings method splits by bookings", () => {
    const input = exampleInput();
    input.levels.region = {
      method: "priorBookings",
      overAssignmentPercent: "0",
    };
    const result = cascadeQuotas(input);

    // East booked 400,000.00 and West 50,000.00 of 450,000.00.
    expect(quotaOf(result, "east").annual).toBe("888888.89");
    expect(quotaOf(result, "west").annual).toBe("111111.11");
  });

  test("zero potential everywhere splits evenly", () => {
    const input = exampleInput();
    input.potentialCents = { bos: 0, nyc: 0, sea: 0 };
    const result = cascadeQuotas(input);

    expect(quotaOf(result, "east").annual).toBe("550000.00");
    expect(quotaOf(result, "west").annual).toBe("550000.00");
  });

  test("node without children keeps its quota", () => {
    const input = exampleInput();
    input.nodes = input.nodes.filter((n) => n.parentId !== "sea");
    const result = cascadeQuotas(input);

    expect(quotaOf(result, "sea").annual).toBe("462000.00");
    expect(quotaOf(result, "sea").childPool).toBeNull();
  });

  test("seasonality splits each annual quota by month", () => {
    const ana = quotaOf(cascadeQuotas(exampleInput()), "ana");

    expect(ana.months.map((m) => m.amount)).toEqual([
      ...Array<string>(10).fill("11550.00"),
      "14437.50",
      "14437.50",
    ]);
    expect(ana.months.map((m) => m.month)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });

  test("months sum exactly with an odd cent", () => {
    const input = exampleInput();
    input.companyQuota = "0.13";
    input.seasonality = [
      "30",
      "30",
      "40",
      "0",
      "0",
      "0",
      "0",
      "0",
      "0",
      "0",
      "0",
      "0",
    ];
    const company = quotaOf(cascadeQuotas(input), "c");

    // 13 cents x 30% = 3.9 each, 40% = 5.2: the remainders 0.9, 0.9 win.
    expect(company.months.slice(0, 3).map((m) => m.amount)).toEqual([
      "0.04",
      "0.04",
      "0.05",
    ]);
  });
});

describe("cascade traces", () => {
  test("company trace names the input", () => {
    const trace = quotaOf(cascadeQuotas(exampleInput()), "c").trace;

    expect(trace.text).toBe('Quota of company "Acme" = 1,000,000.00 (input)');
  });

  test("pool trace shows the over-assignment", () => {
    const east = quotaOf(cascadeQuotas(exampleInput()), "east");

    expect(east.childPoolTrace?.text).toBe(
      'Pool of region "East" for its territories = 660,000.00 x (1 + 5%) = 693,000.00',
    );
  });

  test("trace rounds a third to ten decimals", () => {
    const trace = quotaOf(cascadeQuotas(exampleInput()), "ana").trace;

    expect(trace.inputs).toContainEqual({
      name: "weight",
      value: "≈0.3333333333",
    });
  });

  test("blend trace shows each share", () => {
    const trace = quotaOf(cascadeQuotas(exampleInput()), "bos").trace;

    expect(trace.text).toBe(
      'Quota of territory "Boston" = 62.5% of the pool of region "East", 693,000.00, ' +
        "by blend 0.5 x even 50% + 0.5 x priorBookings 75% = 433,125.00",
    );
    expect(trace.inputs).toContainEqual({ name: "weight", value: "0.625" });
    expect(trace.inputs).toContainEqual({
      name: "priorBookings",
      value: "300000.00",
    });
  });

  test("month trace shows the percent", () => {
    const month = quotaOf(cascadeQuotas(exampleInput()), "ana").months[10];

    expect(month.trace.text).toBe(
      'Quota of rep "Ana", month 11 = 144,375.00 x 10% = 14,437.50',
    );
    expect(month.trace.inputs).toEqual([
      { name: "annualQuota", value: "144375.00" },
      { name: "monthPercent", value: "10" },
    ]);
  });

  test("every figure has a trace", () => {
    for (const quota of cascadeQuotas(exampleInput()).quotas) {
      expect(quota.trace.text).toContain(quota.name);
      expect(quota.months.every((m) => m.trace.text.length > 0)).toBe(true);
    }
  });
});

describe("worked example trace", () => {
  test("even split trace reads as documented", () => {
    const trace = quotaOf(cascadeQuotas(exampleInput()), "ana").trace;

    expect(trace.text).toBe(
      'Quota of rep "Ana" = 33.3333% of the pool of territory "Boston", 433,125.00, by even 33.3333% = 144,375.00',
    );
  });
});

describe("cascade zero weights", () => {
  test("blend basis with zero total splits evenly", () => {
    const input = exampleInput();
    input.priorBookingsCents = { bos: 0, nyc: 0, sea: 0 };
    const result = cascadeQuotas(input);

    // Both the even and the prior-bookings share are 50% for Boston and New York.
    expect(quotaOf(result, "bos").annual).toBe("346500.00");
    expect(quotaOf(result, "nyc").annual).toBe("346500.00");
  });

  test("blend basis with zero weight is not needed", () => {
    const input = exampleInput();
    input.levels.territory.blendWeights = { even: "1", priorBookings: "0" };
    input.priorBookingsCents = {};
    const result = cascadeQuotas(input);

    expect(quotaOf(result, "bos").annual).toBe("346500.00");
  });

  test("unadjusted siblings without potential split evenly", () => {
    const input = exampleInput();
    input.levels.rep = { method: "potential", overAssignmentPercent: "0" };
    input.potentialCents = {
      ...input.potentialCents,
      ana: 100,
      ben: 0,
      cy: 0,
      dee: 1,
      eli: 1,
      gus: 1,
      hal: 1,
    };
    input.adjustments = { ana: { amount: "100000.00" } };
    const result = cascadeQuotas(input);

    expect(quotaOf(result, "ben").annual).toBe("166562.50");
    expect(quotaOf(result, "cy").annual).toBe("166562.50");
    expect(quotaOf(result, "ben").trace.text).toBe(
      'Quota of rep "Ben" = 50% of the 333,125.00 left of the pool of territory "Boston" after adjustments, its weight by potential 0% rescaled over the siblings without adjustments = 166,562.50',
    );
  });
});
