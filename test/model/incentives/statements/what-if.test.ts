import { describe, expect, it } from "vitest";
import type { CompPlan } from "../../../../model/incentives/payout/index.ts";
import { WhatIfInputError } from "../../../../model/incentives/statements/errors.ts";
import { buildStatements } from "../../../../model/incentives/statements/statements.ts";
import type { StatementInput } from "../../../../model/incentives/statements/types.ts";
import {
  whatIfStatement,
  type WhatIfDeal,
} from "../../../../model/incentives/statements/what-if.ts";
import { parseMoney, toCents } from "../../../../model/money.ts";
import { deal, month, splitInput } from "./fixtures.ts";

const PLAN: CompPlan = {
  components: [
    { id: "comm", label: "Commission", type: "commission", rate: "0.10" },
    {
      id: "bonus",
      label: "Bonus",
      type: "bonus",
      threshold: "1.00",
      amount: "500.00",
    },
  ],
};

/*
 * Commission 10% and a bonus of 500.00 at 100% of quota 1000.00. By hand:
 * ana February without the what-if deal: d3 333.33 split 50/50 gives ana
 *   166.67, commission 16.667 -> 16.67, attainment 0.1667, no bonus: 16.67.
 * With a what-if deal of 900.00 on 2027-02-14: credited 1066.67,
 *   commission 106.667 -> 106.67, attainment 1.0667 reaches the bonus:
 *   106.67 + 500.00 = 606.67, so the deal would earn 590.00 more.
 */
function input(): StatementInput {
  return splitInput(
    [
      deal("d1", "1000.00", "2027-01-10", [
        ["ana", "60"],
        ["ben", "40"],
      ]),
      deal("d3", "333.33", "2027-02-05", [
        ["ana", "50"],
        ["ben", "50"],
      ]),
    ],
    PLAN,
    {
      ana: { "2027-01": "1000.00", "2027-02": "1000.00" },
      ben: { "2027-01": "800.00", "2027-02": "1000.00" },
    },
    [month("2027-01"), month("2027-02")],
  );
}

const DEAL: WhatIfDeal = {
  amount: "900.00",
  product: "core",
  closeDate: "2027-02-14",
};

/** Returns the problems of a what-if request that raises, or [] when it does not. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof WhatIfInputError) return error.problems;
    throw error;
  }
  return [];
}

describe("whatIfStatement", () => {
  it("adds the deal to the rep's period", () => {
    const statement = whatIfStatement(input(), "ana", "2027-02", DEAL);
    expect(statement.repId).toBe("ana");
    expect(statement.periodId).toBe("2027-02");
    expect(statement.credited.amount).toBe("1066.67");
    expect(statement.attainment).toBe("1.0667");
    expect(statement.lines.map((l) => l.amount)).toEqual(["106.67", "500.00"]);
    expect(statement.payable).toBe("606.67");
  });

  it("payable difference against the real statement", () => {
    const real = buildStatements(input()).find(
      (s) => s.repId === "ana" && s.periodId === "2027-02",
    )!;
    const statement = whatIfStatement(input(), "ana", "2027-02", DEAL);
    const difference =
      toCents(parseMoney(statement.payable)) -
      toCents(parseMoney(real.payable));
    expect(real.payable).toBe("16.67");
    expect(difference).toBe(59000);
  });

  it("credits the whole deal directly", () => {
    const statement = whatIfStatement(input(), "ana", "2027-02", {
      ...DEAL,
      amount: "900",
    });
    const credit = statement.credits.find((c) => c.dealId === "what-if")!;
    expect(credit.amount).toBe("900.00");
    expect(credit.kind).toBe("direct");
    expect(credit.trace.figure).toBe("What-if credit to ana");
    expect(statement.creditedByKind.direct.amount).toBe("900.00");
    expect(statement.creditedByKind.split.amount).toBe("166.67");
  });

  it("leaves the input unchanged", () => {
    const data = input();
    const before = JSON.stringify(buildStatements(data));
    whatIfStatement(data, "ana", "2027-02", DEAL);
    expect(data.deals.map((d) => d.id)).toEqual(["d1", "d3"]);
    expect(JSON.stringify(buildStatements(data))).toBe(before);
  });

  it("unknown rep rejected", () => {
    const problems = problemsOf(() =>
      whatIfStatement(input(), "zed", "2027-02", DEAL),
    );
    expect(problems).toEqual([
      'Unknown rep "zed": the statement input has no quotas for it. Pick a rep with quotas.',
    ]);
  });

  it("rep without plan rejected", () => {
    const data = { ...input(), plans: { byRep: { ana: PLAN } } };
    const problems = problemsOf(() =>
      whatIfStatement(data, "ben", "2027-02", DEAL),
    );
    expect(problems).toEqual([
      'Rep "ben" has no comp plan, so it has no statement. Assign a comp plan to the rep first.',
    ]);
  });

  it("unknown period rejected", () => {
    const problems = problemsOf(() =>
      whatIfStatement(input(), "ana", "2027-13", DEAL),
    );
    expect(problems).toEqual([
      'Unknown period "2027-13". Pick one of: 2027-01, 2027-02.',
    ]);
  });

  it("date outside the period rejected", () => {
    const problems = problemsOf(() =>
      whatIfStatement(input(), "ana", "2027-02", {
        ...DEAL,
        closeDate: "2027-03-05",
      }),
    );
    expect(problems).toEqual([
      'Close date 2027-03-05 is outside period "2027-02" (2027-02-01 to 2027-02-28). Pick a date within the period.',
    ]);
  });

  it.each([["-5.00"], ["0"], ["12.345"], ["abc"], [""]])(
    "amount %j rejected",
    (amount) => {
      const problems = problemsOf(() =>
        whatIfStatement(input(), "ana", "2027-02", { ...DEAL, amount }),
      );
      expect(problems).toEqual([
        `Invalid amount ${JSON.stringify(amount)}. Write a positive amount in plan currency with at most two decimals, such as "25000.00".`,
      ]);
    },
  );

  it("missing product and invalid date rejected", () => {
    const problems = problemsOf(() =>
      whatIfStatement(input(), "ana", "2027-02", {
        ...DEAL,
        product: " ",
        closeDate: "2027-02-30",
      }),
    );
    expect(problems).toEqual([
      'Missing product " ". Name the product of the deal.',
      'Invalid close date "2027-02-30". Write it as YYYY-MM-DD.',
    ]);
  });

  it("deal named what-if rejected", () => {
    const data = input();
    data.deals = [{ ...data.deals[0]!, id: "what-if" }];
    data.converted = [{ ...data.converted[0]!, dealId: "what-if" }];
    const problems = problemsOf(() =>
      whatIfStatement(data, "ana", "2027-02", DEAL),
    );
    expect(problems).toEqual([
      'A deal already has the id "what-if", which the hypothetical deal uses. Rename that deal.',
    ]);
  });

  it("error message lists every problem", () => {
    expect(() =>
      whatIfStatement(input(), "zed", "2027-13", { ...DEAL, amount: "x" }),
    ).toThrow(
      /^Invalid what-if request \(3 problems\)\. Fix these:\n- Unknown rep "zed"[\s\S]*\n- Unknown period "2027-13"[\s\S]*\n- Invalid amount "x"/,
    );
  });
});

describe("whatIfStatement amount limit", () => {
  it("rejects an amount too large to sum", () => {
    const problems = problemsOf(() =>
      whatIfStatement(input(), "ana", "2027-02", {
        ...DEAL,
        amount: "99999999999999999999",
      }),
    );
    expect(problems).toEqual([
      'Invalid amount: it is 99999999999999999999, which is too large; values must be below 10,000,000,000.00. Write a positive amount in plan currency with at most two decimals, such as "25000.00".',
    ]);
  });
});
