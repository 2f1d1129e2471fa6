import { describe, expect, it } from "vitest";
import { compareValues } from "../../../model/planning/compare.ts";
import {
  describeDifference,
  formatFigure,
  scenarioNameFor,
  visibleRows,
} from "../../../web/planning/scenario-rows.ts";

describe("formatFigure", () => {
  it("shows money in whole dollars", () => {
    expect(formatFigure("1234567.50", "money")).toBe("$1,234,568");
    expect(formatFigure("-135328.40", "money")).toBe("-$135,328");
  });

  it("shows headcount with two digits", () => {
    expect(formatFigure("26.2450", "headcount")).toBe("26.24");
  });

  it("shows a dash for no figure", () => {
    expect(formatFigure(null, "money")).toBe("–");
  });
});

describe("describeDifference", () => {
  it("signs and labels a higher figure", () => {
    const cell = describeDifference(
      compareValues("6000000.00", "7000000.00"),
      "money",
      "Copy",
    );
    expect(cell).toEqual({
      text: "+$1,000,000",
      tone: "higher",
      label: "Copy is $1,000,000.00 higher",
      exact: "6000000.00 → 7000000.00 (1000000.00)",
    });
  });

  it("signs and labels a lower figure", () => {
    const cell = describeDifference(
      compareValues("3.0000", "2.5000"),
      "headcount",
      "Copy",
    );
    expect(cell.text).toBe("\u22120.50");
    expect(cell.tone).toBe("lower");
    expect(cell.label).toBe("Copy is 0.5 lower");
  });

  it("keeps cents of a difference below a dollar", () => {
    const cell = describeDifference(
      compareValues("10.00", "10.40"),
      "money",
      "Copy",
    );
    expect(cell.text).toBe("+$0.40");
  });

  it("marks equal figures as no change", () => {
    const cell = describeDifference(
      compareValues("5.00", "5.00"),
      "money",
      "Copy",
    );
    expect(cell.tone).toBe("same");
    expect(cell.label).toBe("No change");
  });

  it("marks a figure of one plan only", () => {
    const cell = describeDifference(
      compareValues(null, "5.00"),
      "money",
      "Copy",
    );
    expect(cell.text).toBe("added");
    expect(cell.tone).toBe("missing");
    expect(cell.label).toBe("Figure only in Copy");
    const removed = describeDifference(
      compareValues("5.00", null),
      "money",
      "Copy",
    );
    expect(removed.text).toBe("removed");
    expect(removed.label).toBe("Figure not in Copy");
  });
});

describe("visibleRows", () => {
  it("keeps changed rows when filtering", () => {
    const rows = [
      { id: 1, changed: false },
      { id: 2, changed: true },
    ];
    expect(visibleRows(rows, true).map((r) => r.id)).toEqual([2]);
    expect(visibleRows(rows, false).map((r) => r.id)).toEqual([1, 2]);
  });
});

describe("scenarioNameFor", () => {
  it("appends scenario within 100 characters", () => {
    expect(scenarioNameFor("FY27")).toBe("FY27 (scenario)");
    expect([...scenarioNameFor("x".repeat(100))]).toHaveLength(100);
  });
});
