import { describe, expect, test } from "vitest";
import { formatCompactMoney } from "../../../web/charts/compact-money.ts";

describe("formatCompactMoney", () => {
  test.each([
    ["0.00", "$0"],
    ["950.40", "$950"],
    ["999.49", "$999"],
    ["999.50", "$1K"],
    ["1234.00", "$1.23K"],
    ["12345.00", "$12.3K"],
    ["123456.00", "$123K"],
    ["999950.00", "$1M"],
    ["1200000.00", "$1.2M"],
    ["1234567.89", "$1.23M"],
    ["15000000.00", "$15M"],
    ["1230000000.00", "$1.23B"],
    ["4500000000000.00", "$4.5T"],
    ["-1200000.00", "-$1.2M"],
  ])("%s", (amount, expected) => {
    expect(formatCompactMoney(amount)).toBe(expected);
  });

  test("axis tick numbers", () => {
    expect(formatCompactMoney(500000)).toBe("$500K");
    expect(formatCompactMoney(1250000)).toBe("$1.25M");
    expect(formatCompactMoney(0)).toBe("$0");
  });

  test("rounds half-even", () => {
    expect(formatCompactMoney("1225000.00")).toBe("$1.22M");
    expect(formatCompactMoney("1235000.00")).toBe("$1.24M");
  });

  test("other currency follows the amount", () => {
    expect(formatCompactMoney("1200000.00", "EUR")).toBe("1.2M EUR");
    expect(formatCompactMoney("-950.00", "EUR")).toBe("-950 EUR");
  });
});
