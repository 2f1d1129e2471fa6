import { describe, expect, it } from "vitest";
import type { CreditKind } from "../../../../model/incentives/crediting/types.ts";
import { convertAll } from "../../../../model/incentives/deals/rates.ts";
import { buildStatementReport } from "../../../../model/incentives/statements/statements.ts";
import type {
  Statement,
  StatementInput,
} from "../../../../model/incentives/statements/types.ts";
import { parseMoney, toCents } from "../../../../model/money.ts";
import { COMMISSION_10, deal, flatQuotas, month } from "./fixtures.ts";

/*
 * Accounts acc-1 in territory west (reps ana and ben, both managed by mia),
 * an overlay for product analytics to sol and a roll-up rule. By hand:
 * d1 1000.01 core, no splits: territory 1000.01 / 2 = 500.005, so
 *    ana 500.01 and ben 500.00 (direct); mia rolls up 1000.01.
 * d2 250.00 analytics, ana 100: ana 250.00 (split); sol 250.00 (overlay);
 *    mia rolls up 250.00.
 * d3 100.01 core, ben 50 / ana 50: 50.005 each. The floors 50.00 + 50.00
 *    leave one cent, which goes to the earlier split: ben 50.01, ana 50.00
 *    (split); mia rolls up 100.01.
 * Primary (direct + split): 1000.01 + 250.00 + 100.01 = 1350.02, the deals.
 * Overlay: sol 250.00. Roll-up: mia 1000.01 + 250.00 + 100.01 = 1350.02.
 */
function input(): StatementInput {
  const deals = [
    deal("d1", "1000.01", "2027-01-10", []),
    {
      ...deal("d2", "250.00", "2027-01-11", [["ana", "100"]]),
      product: "analytics",
    },
    deal("d3", "100.01", "2027-01-12", [
      ["ben", "50"],
      ["ana", "50"],
    ]),
  ];
  const periods = [month("2027-01")];
  const open = { effectiveFrom: null, effectiveTo: null };
  return {
    deals,
    converted: convertAll(deals, [], "USD"),
    tables: {
      territoryHistory: [{ accountId: "acc-1", territoryId: "west", ...open }],
      territoryReps: [
        { territoryId: "west", repId: "ana", ...open },
        { territoryId: "west", repId: "ben", ...open },
      ],
      managers: [
        { repId: "ana", managerId: "mia", ...open },
        { repId: "ben", managerId: "mia", ...open },
      ],
      rules: [
        { id: "r-split", kind: "split", ...open },
        { id: "r-territory", kind: "territory", ...open },
        {
          id: "r-overlay",
          kind: "overlay",
          repId: "sol",
          product: "analytics",
          ...open,
        },
        { id: "r-rollup", kind: "rollup", ...open },
      ],
    },
    plans: { all: COMMISSION_10 },
    quotas: flatQuotas(["ana", "ben", "mia", "sol"], periods, "1000.00"),
    periods,
  };
}

function byKind(statement: Statement): Record<string, string> {
  return Object.fromEntries(
    Object.entries(statement.creditedByKind).map(([kind, f]) => [
      kind,
      f.amount,
    ]),
  );
}

function total(statements: Statement[], kinds: CreditKind[]): number {
  let cents = 0;
  for (const statement of statements) {
    for (const kind of kinds) cents += statement.creditedByKind[kind].cents;
  }
  return cents;
}

describe("statement reconciliation", () => {
  it("primary credit equals deal amounts", () => {
    const { statements } = buildStatementReport(input());
    expect(total(statements, ["direct", "split"])).toBe(100001 + 25000 + 10001);
  });

  it("overlay and roll-up credit come on top", () => {
    const { statements } = buildStatementReport(input());
    expect(total(statements, ["overlay"])).toBe(25000);
    expect(total(statements, ["rollup"])).toBe(135002);
  });

  it("credit per kind for each rep", () => {
    const { statements } = buildStatementReport(input());
    const kinds = Object.fromEntries(
      statements.map((s) => [s.repId, byKind(s)]),
    );
    expect(kinds.ana).toEqual({
      direct: "500.01",
      split: "300.00",
      overlay: "0.00",
      rollup: "0.00",
    });
    expect(kinds.ben).toEqual({
      direct: "500.00",
      split: "50.01",
      overlay: "0.00",
      rollup: "0.00",
    });
    expect(kinds.mia).toEqual({
      direct: "0.00",
      split: "0.00",
      overlay: "0.00",
      rollup: "1350.02",
    });
    expect(kinds.sol).toEqual({
      direct: "0.00",
      split: "0.00",
      overlay: "250.00",
      rollup: "0.00",
    });
  });

  it("credited is the sum of its kinds", () => {
    for (const s of buildStatementReport(input()).statements) {
      const kinds = Object.values(s.creditedByKind);
      const cents = kinds.reduce((sum, f) => sum + f.cents, 0);
      expect(`${s.repId} ${cents}`).toBe(`${s.repId} ${s.credited.cents}`);
    }
  });

  it("kind trace lists credits of that kind", () => {
    const { statements } = buildStatementReport(input());
    const ana = statements.find((s) => s.repId === "ana")!;
    const split = ana.creditedByKind.split;
    expect(split.trace.parts.map((p) => p.figure)).toEqual([
      "Split credit of deal d2 to ana",
      "Split credit of deal d3 to ana",
    ]);
    expect(ana.credited.trace.inputs).toContainEqual({
      name: "split",
      value: "300.00",
    });
  });

  it("every primary cent placed or reported", () => {
    const partial = input();
    partial.periods = [month("2027-01")];
    partial.deals = [
      ...partial.deals,
      deal("d4", "77.77", "2027-02-03", [["cy", "100"]]),
    ];
    partial.converted = convertAll(partial.deals, [], "USD");
    const report = buildStatementReport(partial);

    const placed = total(report.statements, ["direct", "split"]);
    const unplaced = report.unplaced
      .filter((row) => ["direct", "split"].includes(row.credit.kind))
      .reduce((sum, row) => sum + toCents(parseMoney(row.credit.amount)), 0);
    expect(placed + unplaced).toBe(100001 + 25000 + 10001 + 7777);
    expect(unplaced).toBe(7777);
  });
});
