import { describe, expect, test } from "vitest";
import { computeCapacity } from "../../../model/capacity/capacity.ts";
import { recommendHires } from "../../../model/capacity/hires.ts";
import { fiscalYear } from "../../../model/plan/periods.ts";
import { buildTargets } from "../../../model/plan/targets.ts";
import {
  derivePlanning,
  type PlanningContext,
} from "../../../model/planning/derive.ts";
import {
  DEFAULT_LEVEL_RULES,
  type PlanningInputs,
} from "../../../model/planning/inputs.ts";
import { capacityFileName } from "../../../web/planning/capacity-export.ts";
import {
  capacityRows,
  cellText,
  chartMonths,
  gridCount,
  gridMoney,
  hiringInput,
  traceValueText,
} from "../../../web/planning/capacity-months.ts";

const year = fiscalYear({ startMonth: 1, firstFiscalYear: 2027 }, 2027);

const role = {
  id: "ae",
  name: "AE",
  kind: "account executive" as const,
  onTargetEarnings: "120000.00",
  loadedCost: "150000.00",
  annualProductivity: "1200000.00",
  rampPercents: ["50", "100"],
  annualAttritionPercent: "0",
  backfillMonths: 0,
};

const inputs: PlanningInputs = {
  fiscalStartMonth: 1,
  fiscalYear: 2027,
  targets: [{ segment: "All", period: "FY2027-Q1", amount: "900000.00" }],
  roles: [role],
  reps: [
    {
      id: "r1",
      name: "Ana",
      roleId: "ae",
      startDate: "2020-01-01",
      territoryId: null,
    },
  ],
  hires: [
    {
      id: "h1",
      roleId: "ae",
      monthId: "FY2027-M01",
      count: 1,
      territoryId: null,
    },
  ],
  quota: { companyQuota: null, levels: DEFAULT_LEVEL_RULES, seasonality: null },
  adjustments: {},
  priorBookings: {},
};

const context: PlanningContext = {
  planName: "Acme",
  units: [],
  potentialCents: {},
};

function result() {
  return computeCapacity({
    year,
    roles: inputs.roles,
    reps: inputs.reps.map((rep) => ({ ...rep, id: rep.name })),
    hires: inputs.hires,
    targets: buildTargets(year, inputs.targets),
  });
}

describe("capacityRows", () => {
  const rows = capacityRows(result(), new Map([["ae", "Account executive"]]));

  test("totals then three rows per role", () => {
    expect(rows.map((r) => r.key)).toEqual([
      "headcount",
      "capacity",
      "target",
      "gap",
      "cost",
      "headcount:ae",
      "capacity:ae",
      "cost:ae",
    ]);
    expect(rows[5].label).toBe("Account executive: headcount");
  });

  test("month 1 capacity counts the hire at half ramp", () => {
    // One ramped rep (100,000 a month) plus one hire at 50%.
    const cell = rows[1].cells[0];
    expect(cell?.value).toBe("150000.00");
    expect(cell?.trace.figure).toBe("Capacity FY2027-M01");
  });

  test("gap is target minus capacity", () => {
    expect(rows[3].cells[0]?.value).toBe("150000.00");
    expect(rows[3].cells[1]?.value).toBe("100000.00");
  });

  test("headcount has a trace per role", () => {
    const cell = rows[0].cells[0];
    expect(cell?.kind).toBe("count");
    expect(cell?.trace.inputs).toEqual([
      { name: "Account executive", value: "2.0000" },
    ]);
  });

  test("months without targets have no target cells", () => {
    const bare = computeCapacity({
      year,
      roles: inputs.roles,
      reps: [],
      hires: [],
    });
    const target = capacityRows(bare, new Map())[2];
    expect(target.cells.every((cell) => cell === null)).toBe(true);
  });
});

describe("formatting", () => {
  test.each([
    ["2090000.00", "$2,090,000"],
    ["0.50", "$0"],
    ["1.50", "$2"],
    ["-1234.49", "-$1,234"],
    ["-0.40", "$0"],
  ])("gridMoney %s", (amount, expected) => {
    expect(gridMoney(amount, "USD")).toBe(expected);
  });

  test("gridMoney in another currency", () => {
    expect(gridMoney("1234.00", "EUR")).toBe("1,234 EUR");
  });

  test("gridCount keeps two decimals", () => {
    expect(gridCount("4.9550")).toBe("4.96");
    expect(gridCount("1200.0000")).toBe("1,200.00");
  });

  test("cellText picks the format by kind", () => {
    const trace = { figure: "", value: "", formula: "", inputs: [], parts: [] };
    expect(cellText({ value: "12.0000", kind: "count", trace }, "USD")).toBe(
      "12.00",
    );
    expect(cellText({ value: "12.00", kind: "money", trace }, "USD")).toBe(
      "$12",
    );
  });

  test("traceValueText groups decimals only", () => {
    expect(traceValueText("2090000.00")).toBe("2,090,000.00");
    expect(traceValueText("FY2027-M01")).toBe("FY2027-M01");
  });

  test("capacityFileName slugs the plan name", () => {
    expect(capacityFileName("Demo: US Census divisions", "FY2027")).toBe(
      "demo-us-census-divisions-capacity-fy2027",
    );
    expect(capacityFileName("***", "FY2027")).toBe("plan-capacity-fy2027");
  });
});

describe("chartMonths", () => {
  test("passes amounts as decimal strings", () => {
    const months = chartMonths(result());
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({
      label: "Jan 2027",
      capacity: "150000.00",
      target: "300000.00",
      gap: "150000.00",
    });
  });
});

describe("hiringInput", () => {
  test("matches the model's capacity", () => {
    const model = derivePlanning(inputs, context);
    const input = hiringInput(inputs, model);
    expect(input).not.toBeNull();
    const plan = recommendHires(input!, "ae");
    expect(plan.recommendations[0]).toMatchObject({
      gapMonthId: "FY2027-M01",
      startMonthId: "FY2027-M01",
      count: 3,
    });
  });

  test("is null while the targets have an issue", () => {
    const broken = {
      ...inputs,
      targets: [{ segment: "All", period: "FY2027-Q1", amount: "-1" }],
    };
    const model = derivePlanning(broken, context);
    expect(model.targets).toBeNull();
    expect(hiringInput(broken, model)).toBeNull();
  });
});
