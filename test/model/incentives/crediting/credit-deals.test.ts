import { describe, expect, test } from "vitest";
import { creditDeals } from "../../../../model/incentives/crediting/credit-deals.ts";
import type { Credit } from "../../../../model/incentives/crediting/types.ts";
import { exampleInput, period } from "./example.ts";

function summary(credits: readonly Credit[]): string[] {
  return credits.map(
    (c) => `${c.dealId} ${c.kind} ${c.repId} ${c.amount} ${c.ruleId}`,
  );
}

describe("creditDeals", () => {
  test("worked example gives the documented credits", () => {
    const credits = creditDeals(exampleInput());

    expect(summary(credits)).toEqual([
      "d1 direct ana 500.01 r-territory",
      "d1 direct ben 500.00 r-territory",
      "d1 rollup mia 1000.01 r-rollup",
      "d2 direct dee 250.00 r-named",
      "d2 overlay sol 250.00 r-overlay",
      "d3 split ana 33.33 r-split",
      "d3 split ben 33.33 r-split",
      "d3 split cy 33.35 r-split",
      "d3 rollup mia 66.66 r-rollup",
      "d3 rollup max 33.35 r-rollup",
      "d4 direct cy 75.00 r-territory",
      "d4 rollup max 75.00 r-rollup",
    ]);
  });

  test("named rule beats territory rule", () => {
    const input = exampleInput();
    input.deals = [{ ...input.deals[1], product: "core" }];

    expect(summary(creditDeals(input))).toEqual([
      "d2 direct dee 250.00 r-named",
    ]);
  });

  test("splits are ignored without a split rule", () => {
    const input = exampleInput();
    input.deals = [input.deals[2]];
    input.rules = input.rules.filter((r) => r.kind !== "split");

    expect(summary(creditDeals(input))).toEqual([
      "d3 direct dee 100.01 r-named",
    ]);
  });

  test("named rule out of effect falls back to territory", () => {
    const input = exampleInput();
    input.deals = [input.deals[1]];
    input.rules = input.rules.map((r) =>
      r.kind === "named-account" ? { ...r, effectiveFrom: "2027-03-11" } : r,
    );

    expect(summary(creditDeals(input))).toEqual([
      "d2 direct ana 125.00 r-territory",
      "d2 direct ben 125.00 r-territory",
      "d2 overlay sol 250.00 r-overlay",
      "d2 rollup mia 250.00 r-rollup",
    ]);
  });

  test("override ending before close date uses history", () => {
    const input = exampleInput();
    input.deals = [input.deals[3]];
    input.overrides = [{ ...input.overrides[0], effectiveTo: "2027-03-09" }];

    // 75.00 over ana and ben: 37.50 each.
    expect(summary(creditDeals(input))).toEqual([
      "d4 direct ana 37.50 r-territory",
      "d4 direct ben 37.50 r-territory",
      "d4 rollup mia 75.00 r-rollup",
    ]);
  });

  test("override in effect on its last day still wins", () => {
    const input = exampleInput();
    input.deals = [input.deals[3]];
    input.overrides = [{ ...input.overrides[0], effectiveTo: "2027-03-10" }];

    expect(summary(creditDeals(input))[0]).toBe(
      "d4 direct cy 75.00 r-territory",
    );
  });

  test("later-starting override wins", () => {
    const input = exampleInput();
    input.deals = [input.deals[3]];
    input.territoryReps.push(period({ territoryId: "north", repId: "ned" }));
    input.overrides = [
      { ...input.overrides[0], effectiveFrom: "2027-02-01" },
      { ...input.overrides[0], territoryId: "north" },
    ];

    expect(summary(creditDeals(input))[0]).toBe(
      "d4 direct cy 75.00 r-territory",
    );
  });

  test("territory history as a function", () => {
    const input = exampleInput();
    input.deals = [input.deals[0]];
    input.territoryHistory = (accountId, date) =>
      accountId === "acct-1" && date >= "2027-01-01" ? "east" : null;

    expect(summary(creditDeals(input))).toEqual([
      "d1 direct cy 1000.01 r-territory",
      "d1 rollup max 1000.01 r-rollup",
    ]);
  });

  test("territory history follows the close date", () => {
    const input = exampleInput();
    input.deals = [input.deals[0]];
    input.territoryHistory = [
      {
        accountId: "acct-1",
        territoryId: "east",
        effectiveFrom: null,
        effectiveTo: "2027-03-09",
      },
      {
        accountId: "acct-1",
        territoryId: "west",
        effectiveFrom: "2027-03-10",
        effectiveTo: null,
      },
    ];

    expect(summary(creditDeals(input))[0]).toBe(
      "d1 direct ana 500.01 r-territory",
    );
  });

  test("rep assignment follows the close date", () => {
    const input = exampleInput();
    input.deals = [input.deals[0]];
    input.territoryReps = [
      {
        territoryId: "west",
        repId: "ana",
        effectiveFrom: null,
        effectiveTo: "2027-03-09",
      },
      {
        territoryId: "west",
        repId: "ben",
        effectiveFrom: "2027-03-10",
        effectiveTo: null,
      },
    ];

    expect(summary(creditDeals(input))[0]).toBe(
      "d1 direct ben 1000.01 r-territory",
    );
  });

  test("territory overlay matches the account territory", () => {
    const input = exampleInput();
    input.deals = [input.deals[0], input.deals[3]];
    input.rules.push(
      period({
        id: "r-east",
        kind: "overlay" as const,
        repId: "eve",
        territoryId: "east",
      }),
    );

    const overlays = creditDeals(input).filter((c) => c.kind === "overlay");

    expect(summary(overlays)).toEqual(["d4 overlay eve 75.00 r-east"]);
  });

  test("overlay needs both product and territory", () => {
    const input = exampleInput();
    input.rules.push(
      period({
        id: "r-both",
        kind: "overlay" as const,
        repId: "eve",
        product: "core",
        territoryId: "east",
      }),
    );

    const overlays = creditDeals(input).filter((c) => c.repId === "eve");

    expect(summary(overlays)).toEqual(["d4 overlay eve 75.00 r-both"]);
  });

  test("rollup climbs the whole chain", () => {
    const input = exampleInput();
    input.deals = [input.deals[3]];
    input.managers.push(period({ repId: "max", managerId: "vp" }));

    expect(summary(creditDeals(input))).toEqual([
      "d4 direct cy 75.00 r-territory",
      "d4 rollup max 75.00 r-rollup",
      "d4 rollup vp 75.00 r-rollup",
    ]);
  });

  test("no rollup without a rollup rule", () => {
    const input = exampleInput();
    input.rules = input.rules.filter((r) => r.kind !== "rollup");

    const kinds = new Set(creditDeals(input).map((c) => c.kind));

    expect(kinds.has("rollup")).toBe(false);
  });

  test("split trace shows the exact share", () => {
    const input = exampleInput();
    input.deals = [input.deals[2]];

    const cy = creditDeals(input).find((c) => c.repId === "cy")!;

    expect(cy.trace.value).toBe("33.35");
    expect(cy.trace.inputs).toEqual([
      { name: "deal amount", value: "100.01" },
      { name: "percent", value: "33.34" },
      { name: "exact share", value: "33.343334" },
    ]);
  });

  test("rollup trace lists the rep credits", () => {
    const input = exampleInput();
    input.deals = [input.deals[2]];

    const mia = creditDeals(input).find((c) => c.repId === "mia")!;

    expect(mia.trace.parts.map((p) => p.value)).toEqual(["33.33", "33.33"]);
  });

  test("negative amount splits exactly", () => {
    const input = exampleInput();
    input.deals = [{ ...input.deals[0], amount: "-1000.01" }];

    // -1000.01 / 2 = -500.005: floors -50001 and -50001 cents leave +1 cent
    // for the earlier rep, so ana -500.00 and ben -500.01.
    expect(summary(creditDeals(input))).toEqual([
      "d1 direct ana -500.00 r-territory",
      "d1 direct ben -500.01 r-territory",
      "d1 rollup mia -1000.01 r-rollup",
    ]);
  });
});
