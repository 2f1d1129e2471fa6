import { expect, test } from "vitest";
import {
  levelRuleForm,
  parseCompanyQuota,
  parseLevelRuleForm,
  parseSeasonalityForm,
  settingsSummary,
} from "../../../web/planning/quota-settings.ts";
import { planningFixture } from "../../model/planning/fixture.ts";

test("parseLevelRuleForm accepts a blend summing to 1", () => {
  const form = levelRuleForm({ method: "blend", overAssignmentPercent: "5" });
  form.weights = { even: "0", potential: "0.7", priorBookings: "0.3" };

  expect(parseLevelRuleForm(form)).toEqual({
    ok: true,
    value: {
      method: "blend",
      overAssignmentPercent: "5",
      blendWeights: { even: "0", potential: "0.7", priorBookings: "0.3" },
    },
  });
});

test("parseLevelRuleForm rejects weights not summing to 1", () => {
  const form = levelRuleForm({ method: "blend", overAssignmentPercent: "5" });
  form.weights = { even: "0.2", potential: "0.7", priorBookings: "0" };

  expect(parseLevelRuleForm(form)).toEqual({
    ok: false,
    errors: {
      weights: "The weights sum to 0.9; they must sum to exactly 1.",
    },
  });
});

test("parseLevelRuleForm rejects a negative percent", () => {
  const form = levelRuleForm({ method: "even", overAssignmentPercent: "-1" });

  const result = parseLevelRuleForm(form);

  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors.overAssignmentPercent).toBe(
    "Over-assignment '-1' is not a percent of 0 or more; type a number such as 10.",
  );
  expect(result.errors.weights).toBeUndefined();
});

test("parseLevelRuleForm ignores weights of a single method", () => {
  const form = levelRuleForm({
    method: "potential",
    overAssignmentPercent: "0",
  });
  form.weights.even = "x";

  expect(parseLevelRuleForm(form)).toEqual({
    ok: true,
    value: { method: "potential", overAssignmentPercent: "0" },
  });
});

test("parseSeasonalityForm checks months and their sum", () => {
  const even = Array.from({ length: 12 }, () => "8.25");
  even[11] = "9.25";
  expect(parseSeasonalityForm(even)).toEqual({ ok: true, value: even });

  const bad = [...even];
  bad[0] = "-1";
  bad[1] = "x";
  const result = parseSeasonalityForm(bad);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.months[0]).toBe("-1 is negative; use 0 or more.");
  expect(result.months[1]).toBe("'x' is not a number.");
  expect(result.months[2]).toBeNull();

  const short = [...even];
  short[0] = "8";
  expect(parseSeasonalityForm(short)).toEqual({
    ok: false,
    months: Array(12).fill(null),
    sum: "The percents sum to 99.75; they must sum to exactly 100.",
  });
});

test("parseCompanyQuota needs an amount", () => {
  expect(parseCompanyQuota("12,000,000")).toEqual({
    ok: true,
    value: "12000000",
  });
  expect(parseCompanyQuota("").ok).toBe(false);
  expect(parseCompanyQuota("12x").ok).toBe(false);
});

test("settingsSummary describes the cascade in one line", () => {
  const quota = planningFixture().quota;
  quota.levels.territory = {
    method: "blend",
    blendWeights: { even: "0", potential: "0.7", priorBookings: "0.3" },
    overAssignmentPercent: "5",
  };

  expect(settingsSummary(quota)).toBe(
    "Company quota: follows the targets · Regions: Potential · Territories: Blend (Potential 0.7, Prior-year bookings 0.3) +5% · Reps: Even · Seasonality: follows the targets",
  );
});
