import { describe, expect, test } from "vitest";
import { CapacityInputError } from "../../../model/capacity/errors.ts";
import {
  parseRole,
  parseRoles,
  rampPercent,
} from "../../../model/capacity/roles.ts";
import { aeRole } from "./fixtures.ts";

describe("roles", () => {
  test("ramp reaches full productivity in month 4", () => {
    const role = parseRole(aeRole({ rampPercents: ["0", "30", "60", "100"] }));
    expect(rampPercent(role, 1).toFixed()).toBe("0");
    expect(rampPercent(role, 3).toFixed()).toBe("60");
    expect(rampPercent(role, 4).toFixed()).toBe("100");
    expect(rampPercent(role, 40).toFixed()).toBe("100");
  });

  test("ramp may dip before it ends at 100", () => {
    const role = parseRole(aeRole({ rampPercents: ["40", "20", "100"] }));
    expect(rampPercent(role, 2).toFixed()).toBe("20");
  });

  test("ramp ending below 100 is rejected", () => {
    expect(() => parseRole(aeRole({ rampPercents: ["50", "90"] }))).toThrow(
      'Ramp curve of role "AE" ends at 90%; the last month must reach 100%.',
    );
  });

  test("ramp percent above 100 is rejected", () => {
    expect(() => parseRole(aeRole({ rampPercents: ["120", "100"] }))).toThrow(
      /Ramp percent for month 1 of role "AE" is 120%/,
    );
  });

  test("negative ramp percent is rejected", () => {
    expect(() => parseRole(aeRole({ rampPercents: ["-1", "100"] }))).toThrow(
      /Ramp percent for month 1 of role "AE" is negative: -1/,
    );
  });

  test("empty ramp is rejected", () => {
    expect(() => parseRole(aeRole({ rampPercents: [] }))).toThrow(
      /Ramp curve of role "AE" is empty/,
    );
  });

  test("non-numeric productivity is rejected", () => {
    expect(() => parseRole(aeRole({ annualProductivity: "lots" }))).toThrow(
      /annualProductivity of role "AE" is not a number: "lots"/,
    );
  });

  test("negative loaded cost is rejected", () => {
    expect(() => parseRole(aeRole({ loadedCost: "-1.00" }))).toThrow(
      /loadedCost of role "AE" is negative/,
    );
  });

  test("huge productivity is rejected", () => {
    expect(() =>
      parseRole(aeRole({ annualProductivity: "99999999999999999" })),
    ).toThrow(
      'annualProductivity of role "AE" is 99999999999999999, which is too large. Enter an amount below 1,000,000,000,000.',
    );
  });

  test("attrition above 100 percent is rejected", () => {
    expect(() => parseRole(aeRole({ annualAttritionPercent: "101" }))).toThrow(
      /annualAttritionPercent of role "AE" is 101/,
    );
  });

  test.each([-1, 1.5])("backfill months %s is rejected", (months) => {
    expect(() => parseRole(aeRole({ backfillMonths: months }))).toThrow(
      CapacityInputError,
    );
  });

  test("duplicate role id is rejected", () => {
    expect(() => parseRoles([aeRole(), aeRole()])).toThrow(
      /Role id "ae" is used twice/,
    );
  });
});
