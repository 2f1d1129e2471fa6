import { describe, expect, test } from "vitest";
import { FiscalPeriodError } from "../../../model/plan/errors.ts";
import { fiscalYear } from "../../../model/plan/periods.ts";

describe("fiscalYear", () => {
  test("calendar-year plan starts in January", () => {
    const year = fiscalYear({ startMonth: 1, firstFiscalYear: 2027 }, 2027);
    expect(year.id).toBe("FY2027");
    expect(year.months[0]).toEqual({
      id: "FY2027-M01",
      fiscalYear: 2027,
      index: 1,
      quarterId: "FY2027-Q1",
      calendarYear: 2027,
      calendarMonth: 1,
      label: "Jan 2027",
    });
    expect(year.months[11].label).toBe("Dec 2027");
  });

  test("February start names the year it ends in", () => {
    const year = fiscalYear({ startMonth: 2, firstFiscalYear: 2027 }, 2027);
    expect(year.months[0].label).toBe("Feb 2026");
    expect(year.months[10].label).toBe("Dec 2026");
    expect(year.months[11].id).toBe("FY2027-M12");
    expect(year.months[11].label).toBe("Jan 2027");
  });

  test("quarters contain three months each", () => {
    const year = fiscalYear({ startMonth: 10, firstFiscalYear: 2027 }, 2028);
    expect(year.quarters.map((q) => q.id)).toEqual([
      "FY2028-Q1",
      "FY2028-Q2",
      "FY2028-Q3",
      "FY2028-Q4",
    ]);
    expect(year.quarters[1].monthIds).toEqual([
      "FY2028-M04",
      "FY2028-M05",
      "FY2028-M06",
    ]);
    expect(year.months[3].quarterId).toBe("FY2028-Q2");
    expect(year.months[3].label).toBe("Jan 2028");
  });

  test.each([0, 13, 1.5, Number.NaN])("start month %s is rejected", (month) => {
    expect(() =>
      fiscalYear({ startMonth: month, firstFiscalYear: 2027 }, 2027),
    ).toThrow(FiscalPeriodError);
  });

  test("start month error names the value", () => {
    expect(() =>
      fiscalYear({ startMonth: 13, firstFiscalYear: 2027 }, 2027),
    ).toThrow(/start month 13 is invalid. Use a whole number from 1/);
  });

  test("two-digit year is rejected", () => {
    expect(() =>
      fiscalYear({ startMonth: 1, firstFiscalYear: 27 }, 27),
    ).toThrow(/First fiscal year 27 is invalid/);
  });

  test("year before the first fiscal year is rejected", () => {
    expect(() =>
      fiscalYear({ startMonth: 1, firstFiscalYear: 2027 }, 2026),
    ).toThrow(/Fiscal year 2026 is before the plan's first fiscal year 2027/);
  });
});
