import { describe, expect, test } from "vitest";
import { MoneyFormatError } from "../../../model/money.ts";
import {
  isBalanceMetric,
  metricWeights,
} from "../../../model/optimize/metric.ts";

const units = [
  { id: "01001", population: 59_487 },
  { id: "01003", population: 234_875 },
];
const accounts = [
  { id: "county-01001", unitId: "01001", potential: "29743.50" },
  { id: "city-1", unitId: "01001", potential: "28336.00" },
  { id: "city-2", unitId: "01001", potential: "0.105" },
  { id: "county-06037", unitId: "06037", potential: "100.00" },
];

describe("metricWeights", () => {
  test("population is the unit's population", () => {
    expect(metricWeights("population", units, accounts)).toEqual(
      new Map([
        ["01001", 59_487],
        ["01003", 234_875],
      ]),
    );
  });

  test("potential sums integer cents, each account rounded half-even", () => {
    // 2,974,350 + 2,833,600 + 10 (0.105 rounds half-even to 0.10).
    expect(metricWeights("potential", units, accounts)).toEqual(
      new Map([
        ["01001", 5_807_960],
        ["01003", 0],
      ]),
    );
  });

  test("accounts counts accounts per unit, skipping other units", () => {
    expect(metricWeights("accounts", units, accounts)).toEqual(
      new Map([
        ["01001", 3],
        ["01003", 0],
      ]),
    );
  });

  test("invalid potential names the account", () => {
    expect(() =>
      metricWeights("potential", units, [
        { id: "bad", unitId: "01001", potential: "$12" },
      ]),
    ).toThrow(MoneyFormatError);
    expect(() =>
      metricWeights("potential", units, [
        { id: "bad", unitId: "01001", potential: "$12" },
      ]),
    ).toThrow(/potential of account "bad"/);
  });

  test("isBalanceMetric accepts only the three metrics", () => {
    expect(isBalanceMetric("potential")).toBe(true);
    expect(isBalanceMetric("revenue")).toBe(false);
    expect(isBalanceMetric(undefined)).toBe(false);
  });
});
