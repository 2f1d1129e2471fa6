import { describe, expect, test } from "vitest";
import {
  allocateCents,
  centsToString,
  formatMoney,
  MoneyDecimal,
  parseMoney,
  toCents,
} from "../../model/money.ts";

describe("money", () => {
  test("parseMoney reads decimal strings exactly", () => {
    expect(parseMoney("0.1").plus(parseMoney("0.2")).toFixed()).toBe("0.3");
  });

  test("parseMoney rejects currency signs and separators", () => {
    expect(() => parseMoney("$1,250.00", "potential")).toThrow(
      /Invalid potential: "\$1,250.00"/,
    );
    expect(() => parseMoney("")).toThrow(/Invalid amount/);
  });

  test("toCents rounds half to even", () => {
    expect(toCents(new MoneyDecimal("0.125"))).toBe(12);
    expect(toCents(new MoneyDecimal("0.135"))).toBe(14);
    expect(toCents(new MoneyDecimal("-0.125"))).toBe(-12);
  });

  test("centsToString keeps two digits", () => {
    expect(centsToString(5)).toBe("0.05");
    expect(centsToString(-5)).toBe("-0.05");
    expect(centsToString(123456)).toBe("1234.56");
    expect(centsToString(0)).toBe("0.00");
  });

  test("formatMoney rounds half to even", () => {
    expect(formatMoney(new MoneyDecimal("2.345"))).toBe("2.34");
    expect(formatMoney(new MoneyDecimal("2.355"))).toBe("2.36");
  });

  test("allocateCents parts sum exactly to the whole", () => {
    const parts = allocateCents(
      100,
      [1, 1, 1].map((w) => new MoneyDecimal(w)),
    );
    expect(parts).toEqual([34, 33, 33]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(100);
  });

  test("allocateCents gives leftovers to largest remainders", () => {
    const parts = allocateCents(
      1000,
      ["0.5", "0.3", "0.2"].map((w) => new MoneyDecimal(w)),
    );
    expect(parts).toEqual([500, 300, 200]);
    const uneven = allocateCents(
      10,
      ["2", "2", "3"].map((w) => new MoneyDecimal(w)),
    );
    expect(uneven).toEqual([3, 3, 4]);
  });

  test("allocateCents with zero weights splits evenly", () => {
    expect(
      allocateCents(7, [new MoneyDecimal(0), new MoneyDecimal(0)]),
    ).toEqual([4, 3]);
  });

  test("allocateCents rejects negative weights", () => {
    expect(() =>
      allocateCents(7, [new MoneyDecimal(-1), new MoneyDecimal(2)]),
    ).toThrow(/negative/);
  });
});
