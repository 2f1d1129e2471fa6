import { describe, expect, test } from "vitest";
import { computeCapacity } from "../../../model/capacity/capacity.ts";
import { buildTargets } from "../../../model/plan/targets.ts";
import { describeTrace } from "../../../model/trace.ts";
import { aeRole, year } from "./fixtures.ts";

describe("computeCapacity", () => {
  test("ramped rep and new rep add up", () => {
    const result = computeCapacity({
      year,
      roles: [aeRole()],
      reps: [
        { id: "r1", roleId: "ae", startDate: "2025-06-10" },
        { id: "r2", roleId: "ae", startDate: "2027-02-01" },
      ],
      hires: [],
    });
    const amounts = result.months.slice(0, 3).map((m) => m.capacity.amount);
    expect(amounts).toEqual(["100000.00", "150000.00", "200000.00"]);
    expect(result.months[1].headcount).toBe("2.0000");
    expect(result.months[1].costOfSales.amount).toBe("40000.00");
    expect(result.months[0].target).toBeNull();
    expect(result.months[0].gap).toBeNull();
  });

  test("rep starting after the year is not counted", () => {
    const result = computeCapacity({
      year,
      roles: [aeRole()],
      reps: [{ id: "r1", roleId: "ae", startDate: "2028-01-01" }],
      hires: [],
    });
    expect(result.months[11].capacity.amount).toBe("0.00");
    expect(result.months[11].headcount).toBe("0.0000");
  });

  test("planned hires ramp from their start month", () => {
    const result = computeCapacity({
      year,
      roles: [aeRole({ rampPercents: ["0", "25", "100"] })],
      reps: [],
      hires: [{ roleId: "ae", monthId: "FY2027-M03", count: 2 }],
    });
    const amounts = result.months.slice(1, 6).map((m) => m.capacity.amount);
    expect(amounts).toEqual([
      "0.00",
      "0.00",
      "50000.00",
      "200000.00",
      "200000.00",
    ]);
    expect(result.months[2].costOfSales.amount).toBe("40000.00");
  });

  test("attrition removes a twelfth of the annual rate monthly", () => {
    const result = computeCapacity({
      year,
      roles: [aeRole({ rampPercents: ["100"], annualAttritionPercent: "12" })],
      reps: [{ id: "r1", roleId: "ae", startDate: "2020-01-01" }],
      hires: [],
    });
    // The fixture's 2 backfill months start the first backfill in M04.
    const [m1, m2, m3] = result.months;
    expect(m1.capacity.amount).toBe("100000.00");
    expect(m1.roles[0].expectedLeavers).toBe("0.0100");
    expect(m2.headcount).toBe("0.9900");
    expect(m2.capacity.amount).toBe("99000.00");
    expect(m3.headcount).toBe("0.9801");
    expect(m3.costOfSales.amount).toBe("19602.00");
  });

  test("backfill starts after the vacancy with tenure reset", () => {
    const result = computeCapacity({
      year,
      roles: [aeRole({ annualAttritionPercent: "12", backfillMonths: 1 })],
      reps: [{ id: "r1", roleId: "ae", startDate: "2020-01-01" }],
      hires: [],
    });
    const m3 = result.months[2];
    expect(m3.roles[0].backfillsStarting).toBe("0.0100");
    expect(m3.headcount).toBe("0.9901");
    // 0.9801 x 100,000 + 0.01 x 100,000 x 50% ramp
    expect(m3.capacity.amount).toBe("98510.00");
    expect(result.months[1].roles[0].backfillsStarting).toBe("0.0000");
  });

  test("zero backfill months refills the next month", () => {
    const result = computeCapacity({
      year,
      roles: [
        aeRole({
          rampPercents: ["100"],
          annualAttritionPercent: "12",
          backfillMonths: 0,
        }),
      ],
      reps: [{ id: "r1", roleId: "ae", startDate: "2020-01-01" }],
      hires: [],
    });
    for (const month of result.months) {
      expect(month.headcount).toBe("1.0000");
      expect(month.capacity.amount).toBe("100000.00");
    }
  });

  test("gap is target minus capacity", () => {
    const targets = buildTargets(year, [
      { segment: "All", period: "FY2027-M01", amount: "130000.00" },
      { segment: "All", period: "FY2027-M02", amount: "90000.00" },
    ]);
    const result = computeCapacity({
      year,
      roles: [aeRole()],
      reps: [{ id: "r1", roleId: "ae", startDate: "2020-01-01" }],
      hires: [],
      targets,
    });
    expect(result.months[0].gap!.amount).toBe("30000.00");
    expect(result.months[1].gap!.amount).toBe("-10000.00");
    expect(result.months[2].gap!.amount).toBe("-100000.00");
  });

  test("month totals sum the roles", () => {
    const result = computeCapacity({
      year,
      roles: [
        aeRole(),
        aeRole({
          id: "sdr",
          name: "SDR",
          annualProductivity: "240000.00",
          loadedCost: "90000.00",
          rampPercents: ["100"],
        }),
      ],
      reps: [
        { id: "r1", roleId: "ae", startDate: "2020-01-01" },
        { id: "s1", roleId: "sdr", startDate: "2020-01-01" },
      ],
      hires: [],
    });
    const m1 = result.months[0];
    expect(m1.roles.map((r) => r.capacity.amount)).toEqual([
      "100000.00",
      "20000.00",
    ]);
    expect(m1.capacity.amount).toBe("120000.00");
    expect(m1.costOfSales.amount).toBe("27500.00");
    expect(m1.headcount).toBe("2.0000");
  });

  test("role capacity rounds half-even to the cent", () => {
    const result = computeCapacity({
      year,
      roles: [aeRole({ annualProductivity: "0.30", rampPercents: ["100"] })],
      reps: [{ id: "r1", roleId: "ae", startDate: "2020-01-01" }],
      hires: [],
    });
    // 0.30 / 12 = 0.025, which rounds half-even to 0.02.
    expect(result.months[0].capacity.amount).toBe("0.02");
  });

  test("capacity trace shows each cohort", () => {
    const result = computeCapacity({
      year,
      roles: [aeRole()],
      reps: [{ id: "r2", roleId: "ae", startDate: "2027-03-31" }],
      hires: [],
    });
    const roleTrace = result.months[2].roles[0].capacity.trace;
    expect(roleTrace.figure).toBe("Capacity FY2027-M03 AE");
    expect(describeTrace(roleTrace.parts[0])).toBe(
      "Capacity FY2027-M03 AE, rep r2 = 50000.00: headcount x annual productivity / 12 x ramp percent / 100 (headcount 1.0000, annual productivity 1200000.00, tenure month 1, ramp percent 50)",
    );
    expect(result.months[2].capacity.trace.parts).toEqual([roleTrace]);
  });

  test("unknown role of a rep is rejected", () => {
    expect(() =>
      computeCapacity({
        year,
        roles: [aeRole()],
        reps: [{ id: "r1", roleId: "se", startDate: "2020-01-01" }],
        hires: [],
      }),
    ).toThrow('Role "se" of rep "r1" is not defined.');
  });

  test.each(["2027-02-30", "2027-13-01", "03/01/2027", ""])(
    "start date %j is rejected",
    (startDate) => {
      expect(() =>
        computeCapacity({
          year,
          roles: [aeRole()],
          reps: [{ id: "r1", roleId: "ae", startDate }],
          hires: [],
        }),
      ).toThrow(/Start date of rep "r1" is invalid/);
    },
  );

  test("hire in a month outside the year is rejected", () => {
    expect(() =>
      computeCapacity({
        year,
        roles: [aeRole()],
        reps: [],
        hires: [{ roleId: "ae", monthId: "FY2026-M12", count: 1 }],
      }),
    ).toThrow(/Month "FY2026-M12" of a hire of role "ae" .* is not in FY2027/);
  });

  test.each([0, -1, 1.5])("hire count %s is rejected", (count) => {
    expect(() =>
      computeCapacity({
        year,
        roles: [aeRole()],
        reps: [],
        hires: [{ roleId: "ae", monthId: "FY2027-M01", count }],
      }),
    ).toThrow(/Count of hire of role "ae" in FY2027-M01/);
  });
});
