import { describe, expect, test } from "vitest";
import {
  buildRule,
  emptyRuleFields,
  periodText,
  ruleFields,
} from "../../../web/incentives/rule-edits.ts";

describe("buildRule", () => {
  test("overlay leaves blank criteria out", () => {
    const rule = buildRule("r1", {
      ...emptyRuleFields("overlay"),
      repId: "sam",
    });
    expect(rule).toEqual({
      id: "r1",
      kind: "overlay",
      repId: "sam",
      effectiveFrom: null,
      effectiveTo: null,
    });
  });

  test("named account keeps rep, account and dates", () => {
    const rule = buildRule("r2", {
      ...emptyRuleFields("named-account"),
      repId: "ann",
      accountId: " acme ",
      effectiveFrom: "2027-02-01",
    });
    expect(rule).toEqual({
      id: "r2",
      kind: "named-account",
      accountId: "acme",
      repId: "ann",
      effectiveFrom: "2027-02-01",
      effectiveTo: null,
    });
  });

  test("round-trips through ruleFields", () => {
    const rule = buildRule("r3", {
      ...emptyRuleFields("overlay"),
      repId: "sam",
      product: "Cloud",
      territoryId: "west",
      effectiveTo: "2027-12-31",
    });
    expect(buildRule("r3", ruleFields(rule))).toEqual(rule);
  });
});

test("periodText names open ends", () => {
  expect(periodText({ effectiveFrom: null, effectiveTo: null })).toBe("always");
  expect(periodText({ effectiveFrom: "2027-01-01", effectiveTo: null })).toBe(
    "from 2027-01-01",
  );
  expect(periodText({ effectiveFrom: null, effectiveTo: "2027-06-30" })).toBe(
    "until 2027-06-30",
  );
});
