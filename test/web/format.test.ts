import { describe, expect, test } from "vitest";
import { countText, formatDeviation } from "../../web/format.ts";

describe("countText", () => {
  test.each([
    [0, "0 rows"],
    [1, "1 row"],
    [2, "2 rows"],
    [1204, "1,204 rows"],
  ])("%i rows", (count, expected) => {
    expect(countText(count, "row")).toBe(expected);
  });

  test("irregular plural", () => {
    expect(countText(1, "county", "counties")).toBe("1 county");
    expect(countText(3, "county", "counties")).toBe("3 counties");
  });
});

describe("formatDeviation", () => {
  test.each([
    ["12.5", "+12.5%"],
    ["-3.0", "−3.0%"],
    ["0.0", "0.0%"],
    [null, "–"],
  ])("%s", (percent, expected) => {
    expect(formatDeviation(percent)).toBe(expected);
  });
});
