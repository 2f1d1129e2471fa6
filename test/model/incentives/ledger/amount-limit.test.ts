import { describe, expect, test } from "vitest";
import { adjustmentAmountProblem } from "../../../../model/incentives/ledger/index.ts";

describe("adjustmentAmountProblem", () => {
  test("accepts an amount below the limit", () => {
    expect(adjustmentAmountProblem("-9999999999.99")).toBeNull();
  });

  test("rejects an amount at the limit", () => {
    expect(adjustmentAmountProblem("10000000000.00")).toBe(
      "Invalid adjustment amount: it is 10000000000.00, which is too large; values must be below 10,000,000,000.00. Enter the amount to the cent.",
    );
  });
});
