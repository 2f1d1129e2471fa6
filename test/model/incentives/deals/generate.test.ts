import { describe, expect, test } from "vitest";
import { parseDealsCsv } from "../../../../model/incentives/deals/deals-csv.ts";
import { DealGeneratorInputError } from "../../../../model/incentives/deals/errors.ts";
import { generateDeals } from "../../../../model/incentives/deals/generate.ts";
import { parseMoney, toCents } from "../../../../model/money.ts";
import type { Deal } from "../../../../model/incentives/deals/types.ts";

const ACCOUNTS = Array.from({ length: 60 }, (_, i) => ({
  id: `acct-${i + 1}`,
  potential: `${(i + 1) * 1000}.00`,
}));
const REPS = ["rep-a", "rep-b", "rep-c"];

function toCsv(deals: Deal[]): string {
  const header =
    "id,account,amount,currency,close_date,product,owner,splits,cancels";
  const rows = deals.map((d) =>
    [
      d.id,
      d.account,
      d.amount,
      d.currency,
      d.closeDate,
      d.product,
      d.owner,
      d.splits.map((s) => `${s.rep}:${s.percent}`).join(";"),
      d.cancels ?? "",
    ].join(","),
  );
  return [header, ...rows].join("\n");
}

describe("generateDeals", () => {
  test("same seed gives same deals", () => {
    const first = generateDeals(42, ACCOUNTS, REPS);
    const second = generateDeals(42, ACCOUNTS, REPS);
    expect(second).toEqual(first);
  });

  test("different seeds give different deals", () => {
    const first = generateDeals(1, ACCOUNTS, REPS);
    const second = generateDeals(2, ACCOUNTS, REPS);
    expect(second).not.toEqual(first);
  });

  test("marks every deal generated", () => {
    const deals = generateDeals(7, ACCOUNTS, REPS);
    expect(deals.length).toBeGreaterThan(ACCOUNTS.length);
    expect(deals.every((d) => d.generated)).toBe(true);
  });

  test("keeps close dates within 12 months", () => {
    const deals = generateDeals(7, ACCOUNTS, REPS, { startDate: "2026-01-01" });
    for (const deal of deals) {
      expect(deal.closeDate >= "2026-01-01").toBe(true);
      expect(deal.closeDate <= "2026-12-31").toBe(true);
    }
  });

  test("passes the CSV reader's validation", () => {
    const deals = generateDeals(7, ACCOUNTS, REPS);
    const result = parseDealsCsv(toCsv(deals), { reps: REPS });
    expect("errors" in result ? result.errors : []).toEqual([]);
  });

  test("includes foreign currency, splits, cancellations", () => {
    const deals = generateDeals(7, ACCOUNTS, REPS);
    expect(deals.some((d) => d.currency !== "USD")).toBe(true);
    expect(deals.some((d) => d.splits.length === 2)).toBe(true);
    expect(deals.some((d) => d.cancels !== undefined)).toBe(true);
  });

  test("sizes deals from account potential", () => {
    // Each deal is potential / count x 50%..150%, so an account's positive
    // deals add up to at most 1.5 x its potential.
    const deals = generateDeals(7, ACCOUNTS, REPS, { cancelPercent: 0 });
    for (const account of ACCOUNTS) {
      const cents = deals
        .filter((d) => d.account === account.id)
        .reduce((sum, d) => sum + toCents(parseMoney(d.amount)), 0);
      const potentialCents = toCents(parseMoney(account.potential));
      expect(cents).toBeGreaterThanOrEqual(potentialCents / 2);
      expect(cents).toBeLessThanOrEqual((potentialCents * 3) / 2);
    }
  });

  test("skips accounts with zero potential", () => {
    const deals = generateDeals(7, [{ id: "none", potential: "0" }], REPS);
    expect(deals).toEqual([]);
  });

  test("rejects no reps and bad percents", () => {
    expect(() => generateDeals(1, ACCOUNTS, [])).toThrow(
      DealGeneratorInputError,
    );
    expect(() =>
      generateDeals(1, ACCOUNTS, REPS, { cancelPercent: 120 }),
    ).toThrow(
      "Invalid cancelPercent: 120. Give a whole percent from 0 to 100.",
    );
    expect(() =>
      generateDeals(1, ACCOUNTS, REPS, { startDate: "2026-02-30" }),
    ).toThrow(/Invalid startDate/);
  });
});
