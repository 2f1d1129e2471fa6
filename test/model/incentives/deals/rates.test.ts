import { describe, expect, test } from "vitest";
import {
  MissingRateError,
  RateTableError,
} from "../../../../model/incentives/deals/errors.ts";
import {
  convert,
  convertAll,
  findRate,
  type RateTable,
} from "../../../../model/incentives/deals/rates.ts";
import type { Deal } from "../../../../model/incentives/deals/types.ts";

const TABLE: RateTable = [
  { currency: "EUR", effectiveFrom: "2026-04-01", rate: "1.10" },
  { currency: "EUR", effectiveFrom: "2026-01-01", rate: "1.0825" },
  { currency: "GBP", effectiveFrom: "2026-01-01", rate: "0.5" },
];

function deal(
  id: string,
  amount: string,
  currency: string,
  closeDate: string,
): Deal {
  return {
    id,
    account: "acme",
    amount,
    currency,
    closeDate,
    product: "Platform",
    owner: "rep-a",
    splits: [{ rep: "rep-a", percent: "100" }],
    generated: false,
  };
}

describe("convert", () => {
  test("uses latest rate on or before close", () => {
    // 1250.50 x 1.0825 = 1353.66625, rounded to 1353.67.
    const result = convert(
      deal("D-1", "1250.50", "EUR", "2026-03-31"),
      TABLE,
      "USD",
    );
    expect(result.rate).toBe("1.0825");
    expect(result.rateEffectiveFrom).toBe("2026-01-01");
    expect(result.amount.amount).toBe("1353.67");
    expect(result.amount.cents).toBe(135367);
  });

  test("switches rate on its effective date", () => {
    // 1250.50 x 1.10 = 1375.55 exactly.
    const result = convert(
      deal("D-1", "1250.50", "EUR", "2026-04-01"),
      TABLE,
      "USD",
    );
    expect(result.rate).toBe("1.10");
    expect(result.amount.amount).toBe("1375.55");
  });

  test("rounds half to even", () => {
    // 0.25 x 0.5 = 0.125 -> 0.12
    // 0.35 x 0.5 = 0.175 -> 0.18
    // -10.05 x 0.5 = -5.025 -> -5.02
    const down = convert(
      deal("D-1", "0.25", "GBP", "2026-05-01"),
      TABLE,
      "USD",
    );
    const up = convert(deal("D-2", "0.35", "GBP", "2026-05-01"), TABLE, "USD");
    const negative = convert(
      deal("D-3", "-10.05", "GBP", "2026-05-01"),
      TABLE,
      "USD",
    );
    expect(down.amount.amount).toBe("0.12");
    expect(up.amount.amount).toBe("0.18");
    expect(negative.amount.amount).toBe("-5.02");
  });

  test("keeps plan currency amounts unchanged", () => {
    const result = convert(
      deal("D-1", "99.99", "USD", "2020-01-01"),
      [],
      "USD",
    );
    expect(result.rate).toBe("1");
    expect(result.rateEffectiveFrom).toBeNull();
    expect(result.amount.amount).toBe("99.99");
  });

  test("traces the inputs and formula", () => {
    const result = convert(
      deal("D-1", "1250.50", "EUR", "2026-03-31"),
      TABLE,
      "USD",
    );
    const trace = result.amount.trace;
    expect(trace.figure).toBe("Deal D-1 in USD");
    expect(trace.value).toBe("1353.67");
    expect(trace.formula).toBe("amount x rate, rounded half-even to the cent");
    expect(trace.inputs).toEqual([
      { name: "amount", value: "1250.50 EUR" },
      { name: "rate", value: "1.0825" },
      { name: "rate effective from", value: "2026-01-01" },
      { name: "close date", value: "2026-03-31" },
      { name: "exact product", value: "1353.66625" },
    ]);
  });

  test("names deal, currency and date without rate", () => {
    const before = deal("D-7", "10.00", "EUR", "2025-12-31");
    expect(() => convert(before, TABLE, "USD")).toThrow(MissingRateError);
    expect(() => convert(before, TABLE, "USD")).toThrow(
      'No exchange rate applies to 1 deal. deal "D-7" in EUR closed on 2025-12-31: add a EUR rate to USD with effectiveFrom on or before 2025-12-31.',
    );
  });

  test("rejects an invalid rate table", () => {
    const zero = [{ currency: "EUR", effectiveFrom: "2026-01-01", rate: "0" }];
    const twice = [TABLE[1], { ...TABLE[1], rate: "1.2" }];
    const badDate = [
      { currency: "EUR", effectiveFrom: "2026-13-01", rate: "1" },
    ];
    const sample = deal("D-1", "1.00", "EUR", "2026-06-01");
    expect(() => convert(sample, zero, "USD")).toThrow(RateTableError);
    expect(() => convert(sample, zero, "USD")).toThrow(/invalid rate "0"/);
    expect(() => convert(sample, twice, "USD")).toThrow(/appears twice/);
    expect(() => convert(sample, badDate, "USD")).toThrow(
      /invalid effectiveFrom/,
    );
    expect(() => convert(sample, TABLE, "usd")).toThrow(
      /Invalid plan currency "usd"/,
    );
  });
});

describe("convertAll", () => {
  test("converts every deal", () => {
    const results = convertAll(
      [
        deal("D-1", "100.00", "USD", "2026-01-01"),
        deal("D-2", "100.00", "GBP", "2026-01-01"),
      ],
      TABLE,
      "USD",
    );
    expect(results.map((r) => r.amount.amount)).toEqual(["100.00", "50.00"]);
  });

  test("reports every deal without rate", () => {
    const deals = [
      deal("D-1", "100.00", "EUR", "2025-06-01"),
      deal("D-2", "100.00", "GBP", "2026-02-01"),
      deal("D-3", "100.00", "JPY", "2026-02-01"),
    ];
    let caught: unknown;
    try {
      convertAll(deals, TABLE, "USD");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MissingRateError);
    const missing = (caught as MissingRateError).missing;
    expect(missing).toEqual([
      { dealId: "D-1", currency: "EUR", closeDate: "2025-06-01" },
      { dealId: "D-3", currency: "JPY", closeDate: "2026-02-01" },
    ]);
    expect((caught as Error).message).toMatch(
      /^No exchange rate applies to 2 deals\./,
    );
  });
});

describe("findRate", () => {
  test("returns null before first rate", () => {
    expect(findRate(TABLE, "EUR", "2025-12-31")).toBeNull();
    expect(findRate(TABLE, "EUR", "2026-12-31")?.rate).toBe("1.10");
  });
});
