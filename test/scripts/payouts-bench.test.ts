import { expect, test } from "vitest";
import { checkPayoutRules } from "../../bench/payouts-check.ts";

test("payout benchmark matches hand-computed case", () => {
  expect(() => checkPayoutRules()).not.toThrow();
});
