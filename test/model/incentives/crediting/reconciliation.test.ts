import { describe, expect, test } from "vitest";
import { creditDeals } from "../../../../model/incentives/crediting/credit-deals.ts";
import type {
  CreditDeal,
  CreditingInput,
} from "../../../../model/incentives/crediting/types.ts";
import { centsToString, parseMoney, toCents } from "../../../../model/money.ts";
import { exampleInput } from "./example.ts";

/** Mulberry32: a small seeded generator, so every run draws the same deals. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInt(random: () => number, max: number): number {
  return Math.floor(random() * max);
}

/** Three split percents in hundredths of a percent that add up to exactly 100. */
function threeWayPercents(random: () => number): string[] {
  const first = 1 + randomInt(random, 9998);
  const second = 1 + randomInt(random, 9999 - first);
  const third = 10000 - first - second;
  return [first, second, third].map(centsToString);
}

function randomDeals(seed: number, count: number): CreditDeal[] {
  const random = seededRandom(seed);
  const accounts = ["acct-1", "acct-2", "acct-3"];
  const deals: CreditDeal[] = [];

  for (let i = 0; i < count; i++) {
    // Odd cents: every amount ends in an odd digit, so halves never divide evenly.
    const cents = 2 * randomInt(random, 5_000_000) + 1;
    const deal: CreditDeal = {
      id: `deal-${i}`,
      accountId: accounts[randomInt(random, accounts.length)],
      amount: centsToString(cents),
      closeDate: "2027-03-10",
      product: random() < 0.5 ? "core" : "analytics",
      ownerRepId: "ana",
    };
    if (random() < 0.6) {
      const percents = threeWayPercents(random);
      deal.splits = ["ana", "ben", "cy"].map((repId, k) => ({
        repId,
        percent: percents[k],
      }));
    }
    deals.push(deal);
  }
  return deals;
}

describe("crediting reconciliation", () => {
  test("direct and split credits sum to each deal", () => {
    const input: CreditingInput = {
      ...exampleInput(),
      deals: randomDeals(20270310, 2000),
    };
    const credits = creditDeals(input);

    const sums = new Map<string, number>();
    for (const credit of credits) {
      if (credit.kind !== "direct" && credit.kind !== "split") continue;
      const cents = toCents(parseMoney(credit.amount));
      sums.set(credit.dealId, (sums.get(credit.dealId) ?? 0) + cents);
    }

    const mismatched = input.deals.filter(
      (deal) => centsToString(sums.get(deal.id) ?? 0) !== deal.amount,
    );
    expect(mismatched).toEqual([]);
    expect(sums.size).toBe(2000);
  });

  test("random set covers splits and territory shares", () => {
    const input: CreditingInput = {
      ...exampleInput(),
      deals: randomDeals(20270310, 2000),
    };

    const kinds = new Set(
      creditDeals(input).map((c) => `${c.kind} ${c.ruleId}`),
    );

    expect([...kinds].sort()).toEqual([
      "direct r-named",
      "direct r-territory",
      "overlay r-overlay",
      "rollup r-rollup",
      "split r-split",
    ]);
  });

  test("every split credit is within a cent of its exact share", () => {
    const input: CreditingInput = {
      ...exampleInput(),
      deals: randomDeals(7, 500),
    };
    const byId = new Map(input.deals.map((d) => [d.id, d]));

    for (const credit of creditDeals(input)) {
      if (credit.kind !== "split") continue;
      const deal = byId.get(credit.dealId)!;
      const percent = deal.splits!.find(
        (s) => s.repId === credit.repId,
      )!.percent;
      const exact = parseMoney(deal.amount)
        .times(parseMoney(percent))
        .dividedBy(100);
      const gap = exact.minus(parseMoney(credit.amount)).abs();

      expect(gap.lessThan("0.01"), `${credit.dealId} ${credit.repId}`).toBe(
        true,
      );
    }
  });
});
