// A hand-computed case that the payout benchmark runs through both
// implementations before it measures anything, so that a change to the
// model's rules or to the float re-implementation cannot go unnoticed.
import { convertAll } from "../model/incentives/deals/rates.ts";
import type { Deal, DealSplit } from "../model/incentives/deals/types.ts";
import { buildStatements } from "../model/incentives/statements/statements.ts";
import { centsToString } from "../model/money.ts";
import {
  MARGINAL_PLAN,
  monthlyPeriods,
  RETROACTIVE_PLAN,
  type PayoutBenchInput,
} from "./payouts-data.ts";
import { floatStatements } from "./payouts-float.ts";

const QUOTA = "100000.00";

/**
 * Expected credited amount and payable per rep and month. Every other
 * rep-period credits and pays 0.00. January, quota 100,000.00 each:
 * - rep-a (marginal): 80,000.00 + EUR 20,000.00 x 1.0825 = 21,650.00 +
 *   9,999.00 of 30,000.01 split 33.33/33.33/33.34 (the largest remainder
 *   gives the leftover cent to the 33.34 share) = 111,649.00. Commission
 *   50,000 x 0.0425 + 50,000 x 0.0725 + 11,649 x 0.1150 = 7,089.635, which
 *   rounds half-even to 7,089.64, plus the 750.00 bonus.
 * - rep-b (retroactive): 9,999.00 + 60 % of 70,000.00 = 51,999.00, band
 *   0-0.8 at 0.0325 = 1,689.9675, so 1,689.97 and no bonus.
 * - rep-c (marginal): 10,002.01 + 40 % of 70,000.00 = 38,002.01, band 0-0.5
 *   at 0.0425 = 1,615.085425, so 1,615.09.
 * February: rep-a credits 900,000.00: the commission of 97,750.00 stops at
 *   its 60,000.00 cap, and with the bonus the total cap of 60,500.00 takes
 *   250.00 off. rep-b credits 150,000.00 at 0.0725 = 10,875.00 plus the
 *   1,250.50 bonus above 1.1.
 */
const EXPECTED: Record<string, { credited: string; payable: string }> = {
  "rep-a 2026-01": { credited: "111649.00", payable: "7839.64" },
  "rep-b 2026-01": { credited: "51999.00", payable: "1689.97" },
  "rep-c 2026-01": { credited: "38002.01", payable: "1615.09" },
  "rep-a 2026-02": { credited: "900000.00", payable: "60500.00" },
  "rep-b 2026-02": { credited: "150000.00", payable: "12125.50" },
};

/** Raises, listing every rep-period where the model or the floats miss the hand-computed figures. */
export function checkPayoutRules(): void {
  const input = checkInput();
  const converted = convertAll(input.deals, input.rates, input.planCurrency);
  const statements = buildStatements({
    deals: input.deals,
    converted,
    tables: input.tables,
    plans: { byRep: input.plans },
    quotas: input.quotas,
    periods: input.periods,
  });
  const mismatches: string[] = [];
  for (const s of statements) {
    expect(mismatches, "model", s.repId, s.periodId, {
      credited: s.credited.amount,
      payable: s.payable,
    });
  }
  for (const f of floatStatements(input)) {
    expect(mismatches, "floats", f.repId, f.periodId, {
      credited: centsToString(Math.round(f.credited * 100)),
      payable: centsToString(Math.round(f.payable * 100)),
    });
  }
  if (mismatches.length > 0) {
    throw new Error(
      `The payout benchmark's hand-computed case failed:\n${mismatches.join("\n")}\nFix bench/payouts-float.ts or the expected figures in bench/payouts-check.ts.`,
    );
  }
}

function expect(
  mismatches: string[],
  source: string,
  repId: string,
  periodId: string,
  actual: { credited: string; payable: string },
): void {
  const expected = EXPECTED[`${repId} ${periodId}`] ?? {
    credited: "0.00",
    payable: "0.00",
  };
  for (const figure of ["credited", "payable"] as const) {
    if (actual[figure] !== expected[figure]) {
      mismatches.push(
        `${source}: ${figure} of ${repId} ${periodId} is ${actual[figure]}, expected ${expected[figure]}.`,
      );
    }
  }
}

function checkInput(): PayoutBenchInput {
  const periods = monthlyPeriods();
  const reps = ["rep-a", "rep-b", "rep-c"];
  const quotas: PayoutBenchInput["quotas"] = {};
  for (const rep of reps) {
    quotas[rep] = Object.fromEntries(periods.map((p) => [p.id, QUOTA]));
  }
  const open = { effectiveFrom: null, effectiveTo: null };
  return {
    deals: [
      deal("d1", "80000.00", "USD", "2026-01-05", [["rep-a", "100"]]),
      deal("d2", "20000.00", "EUR", "2026-01-15", [["rep-a", "100"]]),
      deal("d3", "30000.01", "USD", "2026-01-20", [
        ["rep-a", "33.33"],
        ["rep-b", "33.33"],
        ["rep-c", "33.34"],
      ]),
      deal("d4", "70000.00", "USD", "2026-01-31", [
        ["rep-b", "60"],
        ["rep-c", "40"],
      ]),
      deal("d5", "900000.00", "USD", "2026-02-10", [["rep-a", "100"]]),
      deal("d6", "150000.00", "USD", "2026-02-28", [["rep-b", "100"]]),
    ],
    rates: [{ currency: "EUR", effectiveFrom: "2026-01-01", rate: "1.0825" }],
    planCurrency: "USD",
    tables: {
      rules: [{ id: "split", kind: "split", ...open }],
      territoryHistory: [],
      territoryReps: [],
      managers: [],
    },
    plans: {
      "rep-a": MARGINAL_PLAN,
      "rep-b": RETROACTIVE_PLAN,
      "rep-c": MARGINAL_PLAN,
    },
    quotas,
    periods,
  };
}

function deal(
  id: string,
  amount: string,
  currency: string,
  closeDate: string,
  splits: [string, string][],
): Deal {
  const dealSplits: DealSplit[] = splits.map(([rep, percent]) => ({
    rep,
    percent,
  }));
  return {
    id,
    account: `acct-${id}`,
    amount,
    currency,
    closeDate,
    product: "Platform",
    owner: splits[0][0],
    splits: dealSplits,
    generated: false,
  };
}
