import { describe, expect, it } from "vitest";
import { canonicalStatement } from "../../../../model/incentives/ledger/index.ts";
import { BASE_DEALS, deal, statementsOf } from "./fixtures.ts";

describe("canonicalStatement", () => {
  it("is equal for statements built separately", () => {
    const first = statementsOf(BASE_DEALS).map(canonicalStatement);
    const second = statementsOf(BASE_DEALS.map((d) => ({ ...d }))).map(
      canonicalStatement,
    );

    expect(second).toEqual(first);
  });

  it("differs when one cent changes", () => {
    const changed = [
      deal("d1", "10000.01", "2027-01-15"),
      ...BASE_DEALS.slice(1),
    ];

    const before = canonicalStatement(statementsOf(BASE_DEALS)[0]!);
    const after = canonicalStatement(statementsOf(changed)[0]!);

    expect(after).not.toBe(before);
  });

  it("differs when a line amount changes by a cent", () => {
    const statement = statementsOf(BASE_DEALS)[0]!;
    const line = { ...statement.lines[0]!, amount: "1000.01", cents: 100001 };

    const changed = canonicalStatement({ ...statement, lines: [line] });

    expect(changed).not.toBe(canonicalStatement(statement));
  });

  it("leaves traces out", () => {
    const statement = statementsOf(BASE_DEALS)[0]!;
    const retraced = {
      ...statement,
      payableTrace: { ...statement.payableTrace, formula: "other words" },
    };

    expect(canonicalStatement(retraced)).toBe(canonicalStatement(statement));
  });

  it("ignores credit order and decimal form", () => {
    const statement = statementsOf([
      ...BASE_DEALS,
      deal("d0", "500.00", "2027-01-02"),
    ])[0]!;
    const reordered = {
      ...statement,
      credits: [...statement.credits].reverse(),
      quota: "10000",
    };

    expect(statement.credits).toHaveLength(2);
    expect(canonicalStatement(reordered)).toBe(canonicalStatement(statement));
  });

  it("writes figures in fixed order", () => {
    const text = canonicalStatement(statementsOf(BASE_DEALS)[0]!);

    expect(Object.keys(JSON.parse(text))).toEqual([
      "format",
      "repId",
      "periodId",
      "credits",
      "credited",
      "creditedByKind",
      "quota",
      "attainment",
      "yearToDate",
      "cancellations",
      "lines",
      "adjustments",
      "draw",
      "payable",
    ]);
    expect(text).toContain('"payable":"1000"');
  });
});
