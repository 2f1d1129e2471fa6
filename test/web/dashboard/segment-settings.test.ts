import { describe, expect, it } from "vitest";
import {
  MAX_SEED,
  parseWholeNumber,
  settingsProblem,
} from "../../../web/dashboard/segment-settings.ts";

const GROUPS = ["potential"] as const;

describe("settingsProblem k", () => {
  it("accepts 2 to 12", () => {
    expect(settingsProblem("2", "1", GROUPS)).toBeNull();
    expect(settingsProblem(" 12 ", "1", GROUPS)).toBeNull();
  });

  it("names text that is not a number", () => {
    expect(settingsProblem("abc", "1", GROUPS)).toBe(
      'The number of segments "abc" is not a whole number. Enter a whole number from 2 to 12, such as 6.',
    );
  });

  it("names a missing k", () => {
    expect(settingsProblem("", "1", GROUPS)).toBe(
      "The number of segments is missing. Enter a whole number from 2 to 12, such as 6.",
    );
  });

  it("names a k out of range", () => {
    expect(settingsProblem("13", "1", GROUPS)).toBe(
      "The number of segments 13 is out of range. Enter a whole number from 2 to 12, such as 6.",
    );
  });

  it("rejects a fraction", () => {
    expect(settingsProblem("2.5", "1", GROUPS)).toContain('"2.5"');
  });
});

describe("settingsProblem seed", () => {
  it("accepts 0 to 2^32 - 1", () => {
    expect(settingsProblem("6", "0", GROUPS)).toBeNull();
    expect(settingsProblem("6", String(MAX_SEED), GROUPS)).toBeNull();
  });

  it("shows a huge seed as typed", () => {
    expect(settingsProblem("6", "99999999999999999999", GROUPS)).toBe(
      "The seed 99999999999999999999 is out of range. Enter a whole number from 0 to 4294967295, such as 1.",
    );
  });

  it("rejects 2^32 and negatives", () => {
    expect(settingsProblem("6", "4294967296", GROUPS)).toContain(
      "out of range",
    );
    expect(settingsProblem("6", "-1", GROUPS)).toContain("out of range");
  });

  it("names a missing seed", () => {
    expect(settingsProblem("6", " ", GROUPS)).toBe(
      "The seed is missing. Enter a whole number from 0 to 4294967295, such as 1.",
    );
  });
});

describe("parseWholeNumber", () => {
  it("reads whole numbers only", () => {
    expect(parseWholeNumber("42")).toBe(42);
    expect(parseWholeNumber("-3")).toBe(-3);
    expect(parseWholeNumber("1e3")).toBeNull();
    expect(parseWholeNumber("")).toBeNull();
  });
});
