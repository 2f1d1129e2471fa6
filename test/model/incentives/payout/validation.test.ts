import { describe, expect, test } from "vitest";
import {
  computePayout,
  PayoutInputError,
  PayoutPlanError,
  validatePlan,
  type CompPlan,
  type TierBand,
} from "../../../../model/incentives/payout/index.ts";
import { planOf, quarter } from "./fixtures.ts";

function planProblems(plan: CompPlan): string[] {
  try {
    validatePlan(plan);
  } catch (error) {
    expect(error).toBeInstanceOf(PayoutPlanError);
    return (error as PayoutPlanError).problems.map(
      (p) => `${p.field}: ${p.message}`,
    );
  }
  return [];
}

function tiered(bands: TierBand[]): CompPlan {
  return planOf({
    id: "t",
    label: "Tiered",
    type: "tiered",
    mode: "marginal",
    bands,
  });
}

describe("band validation", () => {
  test("rejects a gap between bands", () => {
    const problems = planProblems(
      tiered([
        { from: "0", to: "0.5", rate: "0.02" },
        { from: "0.6", rate: "0.04" },
      ]),
    );
    expect(problems).toEqual([
      "components[0].bands[1].from: is 0.6 but the previous band ends at 0.5. Bands must be contiguous: start each band where the previous one ends.",
    ]);
  });

  test("rejects a descending band", () => {
    const problems = planProblems(
      tiered([
        { from: "0", to: "0.5", rate: "0.02" },
        { from: "0.5", to: "0.4", rate: "0.03" },
        { from: "0.4", rate: "0.04" },
      ]),
    );
    expect(problems).toEqual([
      "components[0].bands[1].to: is 0.4, not above its start 0.5. Bands must ascend.",
    ]);
  });

  test("requires start at zero and open end", () => {
    const problems = planProblems(
      tiered([{ from: "0.1", to: "2", rate: "0.02" }]),
    );
    expect(problems).toEqual([
      "components[0].bands[0].from: is 0.1. The first band must start at 0.",
      "components[0].bands[0].to: is 2. Leave the last band open above and limit earnings with a cap.",
    ]);
  });

  test("accepts valid bands", () => {
    const valid = tiered([
      { from: "0", to: "1", rate: "0.02" },
      { from: "1", rate: "0.04" },
    ]);
    expect(planProblems(valid)).toEqual([]);
  });
});

describe("plan validation", () => {
  test("lists every problem at once", () => {
    const plan = {
      components: [
        { id: "c", label: "C", type: "commission", rate: "5%" },
        { id: "c", label: "", type: "bonus", threshold: "1", amount: "-1" },
        {
          id: "s",
          label: "S",
          type: "spif",
          product: "widget",
          from: "2027-02-30",
          to: "2027-03-01",
        },
        { id: "x", label: "X", type: "salary" },
        { id: "draw", label: "D", type: "commission", rate: "0.01" },
      ],
      totalCap: "lots",
      draw: { kind: "weekly", amount: "100" },
      clawback: { windowDays: -1 },
    } as unknown as CompPlan;
    expect(planProblems(plan).map((p) => p.split(":")[0])).toEqual([
      "components[0].rate",
      "components[1].label",
      "components[1].id",
      "components[1].amount",
      "components[2].from",
      "components[2]",
      "components[3].type",
      "components[4].id",
      "totalCap",
      "draw.kind",
      "clawback.windowDays",
    ]);
  });

  test("names the plan in the message", () => {
    expect(() => validatePlan({ components: [] })).toThrow(
      "Invalid compensation plan (1 problem). Fix these fields:\n- components: missing. Add at least one plan component.",
    );
  });
});

describe("input validation", () => {
  const plan = planOf({
    id: "c",
    label: "C",
    type: "commission",
    rate: "0.05",
  });

  test("lists every bad row", () => {
    const input = quarter("-10.00", {
      productCredits: [
        { dealId: "d1", product: "w", date: "2027-01-05", amount: "1.00" },
        { dealId: "", product: "w", date: "2027-13-01", amount: "1.00" },
        { dealId: "d3", product: "w", date: "2027-01-07", amount: "x" },
      ],
      cancellations: [
        {
          dealId: "d4",
          closeDate: "2027-02-01",
          cancelDate: "2027-01-01",
          paidAmount: "5.00",
        },
      ],
    });
    try {
      computePayout(plan, input);
      expect.unreachable("computePayout accepted bad input");
    } catch (error) {
      expect(error).toBeInstanceOf(PayoutInputError);
      const fields = (error as PayoutInputError).problems.map((p) => p.field);
      expect(fields).toEqual([
        "credited",
        "productCredits[1].dealId",
        "productCredits[1].date",
        "productCredits[2].amount",
        "cancellations[0].cancelDate",
      ]);
    }
  });

  test("requires year-to-date for such tiers", () => {
    const ytdPlan = planOf({
      id: "y",
      label: "Y",
      type: "tiered",
      mode: "retroactive",
      basis: "yearToDate",
      bands: [{ from: "0", rate: "0.05" }],
    });
    expect(() => computePayout(ytdPlan, quarter("1.00"))).toThrow(
      'Invalid payout input for period "2027-Q1" (1 problem). Fix these fields:\n- yearToDate: missing.',
    );
  });
});

describe("band contiguity", () => {
  test("compares band ends as numbers", () => {
    // "0.50" and "0.5" are the same attainment, so the bands touch
    const bands = [
      { from: "0", to: "0.50", rate: "0.02" },
      { from: "0.5", rate: "0.04" },
    ];
    expect(planProblems(tiered(bands))).toEqual([]);
  });
});

describe("number limits", () => {
  test("rejects a rate above 1,000%", () => {
    const problems = planProblems(
      planOf({
        id: "c",
        label: "Commission",
        type: "commission",
        rate: "10.5",
      }),
    );
    expect(problems).toEqual([
      'components[0].rate: is 10.5, above the largest rate 10 (1,000%). Rates are fractions: write "0.05" for 5%.',
    ]);
  });

  test("rejects a band rate too large to sum", () => {
    const problems = planProblems(
      tiered([{ from: "0", rate: "99999999999999999999999" }]),
    );
    expect(problems).toEqual([
      "components[0].bands[0].rate: is 99999999999999999999999, which is too large; values must be below 10,000,000,000.00.",
    ]);
  });

  test("accepts a rate of exactly 10", () => {
    expect(
      planProblems(
        planOf({
          id: "c",
          label: "Commission",
          type: "commission",
          rate: "10",
        }),
      ),
    ).toEqual([]);
  });
});
