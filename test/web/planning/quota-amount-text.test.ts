import { expect, test } from "vitest";
import {
  adjustmentInputText,
  parseAdjustmentText,
  parseAmountText,
} from "../../../web/planning/quota-amount-text.ts";

test("parseAdjustmentText reads an amount", () => {
  expect(parseAdjustmentText("150000")).toEqual({
    ok: true,
    value: { amount: "150000" },
  });
  expect(parseAdjustmentText(" $150,000.50 ")).toEqual({
    ok: true,
    value: { amount: "150000.50" },
  });
});

test("parseAdjustmentText reads a delta", () => {
  expect(parseAdjustmentText("+2000")).toEqual({
    ok: true,
    value: { delta: "2000" },
  });
  expect(parseAdjustmentText("-2,000.5")).toEqual({
    ok: true,
    value: { delta: "-2000.5" },
  });
  expect(parseAdjustmentText("-0")).toEqual({
    ok: true,
    value: { delta: "0" },
  });
});

test("parseAdjustmentText clears on empty text", () => {
  expect(parseAdjustmentText("")).toEqual({ ok: true, value: null });
  expect(parseAdjustmentText("   ")).toEqual({ ok: true, value: null });
});

test("parseAdjustmentText rejects text that is no amount", () => {
  for (const text of ["12,5x", "1,50", "12.345", "--5", "+", "abc", "1e5"]) {
    expect(parseAdjustmentText(text)).toEqual({
      ok: false,
      reason: `'${text}' is not an amount`,
    });
  }
});

test("parseAmountText rejects a negative amount", () => {
  expect(parseAmountText("-5")).toEqual({
    ok: false,
    reason: "'-5' is not an amount",
  });
  expect(parseAmountText("2,300,000")).toEqual({
    ok: true,
    value: "2300000",
  });
  expect(parseAmountText("")).toEqual({ ok: true, value: null });
});

test("adjustmentInputText writes what a person types", () => {
  expect(adjustmentInputText({ amount: "150000" })).toBe("150000");
  expect(adjustmentInputText({ delta: "2000" })).toBe("+2000");
  expect(adjustmentInputText({ delta: "-2000" })).toBe("-2000");
});
