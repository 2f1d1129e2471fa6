import { describe, expect, test } from "vitest";
import {
  computeCoverage,
  CoverageIndex,
  divideHalfEven,
} from "../../model/coverage.ts";

const units = [
  { id: "01001", population: 1000 },
  { id: "01003", population: 2000 },
  { id: "01005", population: 500 },
  { id: "01007", population: 250 },
];
const accounts = [
  { unitId: "01001", potentialCents: 10_000 },
  { unitId: "01001", potentialCents: 5_001 },
  { unitId: "01003", potentialCents: 20_000 },
  { unitId: "01005", potentialCents: 4_999 },
  { unitId: "01007", potentialCents: 1 },
];

describe("computeCoverage", () => {
  test("sums units, accounts, population and potential per territory", () => {
    const index = new CoverageIndex(units, accounts);
    const assignments = new Map([
      ["01001", "east"],
      ["01003", "west"],
      ["01005", "east"],
    ]);
    const result = computeCoverage(index, ["east", "west"], assignments);

    const [east, west] = result.territories;
    expect(east).toMatchObject({
      territoryId: "east",
      units: 2,
      accounts: 3,
      population: 1500,
      potential: "200.00",
    });
    expect(west).toMatchObject({
      territoryId: "west",
      units: 1,
      accounts: 1,
      population: 2000,
      potential: "200.00",
    });
    expect(result.unassigned).toEqual({
      units: 1,
      accounts: 1,
      population: 250,
      potentialCents: 1,
    });
  });

  test("deviation from mean potential is exact", () => {
    const index = new CoverageIndex(units, accounts);
    const assignments = new Map([
      ["01001", "a"],
      ["01003", "b"],
      ["01005", "c"],
      ["01007", "c"],
    ]);
    const result = computeCoverage(index, ["a", "b", "c"], assignments);

    // Mean = 40001 / 3 cents; a = 15001 -> +12.5 %, b = 20000 -> +50.0 %, c = 5000 -> -62.5 %.
    expect(result.meanPotential).toBe("133.34");
    expect(result.territories.map((t) => t.deviationPercent)).toEqual([
      "12.5",
      "50.0",
      "-62.5",
    ]);
    expect(result.maxDeviationPercent).toBe("62.5");
  });

  test("units of an unknown territory count as unassigned", () => {
    const index = new CoverageIndex(units, accounts);
    const result = computeCoverage(index, ["a"], new Map([["01001", "gone"]]));
    expect(result.territories[0].units).toBe(0);
    expect(result.unassigned.units).toBe(4);
  });

  test("deviation is null when there is no potential", () => {
    const index = new CoverageIndex(units, []);
    const result = computeCoverage(index, ["a", "b"], new Map());
    expect(result.territories.map((t) => t.deviationPercent)).toEqual([
      null,
      null,
    ]);
    expect(result.maxDeviationPercent).toBeNull();
  });

  test("CoverageIndex rejects accounts in unknown units", () => {
    expect(
      () => new CoverageIndex(units, [{ unitId: "99999", potentialCents: 1 }]),
    ).toThrow(/unknown unit "99999"/);
  });
});

describe("divideHalfEven", () => {
  test("rounds ties to the even quotient", () => {
    expect(divideHalfEven(5n, 2n)).toBe(2n);
    expect(divideHalfEven(7n, 2n)).toBe(4n);
    expect(divideHalfEven(-5n, 2n)).toBe(-2n);
    expect(divideHalfEven(-7n, 2n)).toBe(-4n);
  });

  test("rounds non-ties to the nearest quotient", () => {
    expect(divideHalfEven(10n, 3n)).toBe(3n);
    expect(divideHalfEven(20n, 3n)).toBe(7n);
    expect(divideHalfEven(-20n, 3n)).toBe(-7n);
    expect(divideHalfEven(20n, -3n)).toBe(-7n);
  });
});
