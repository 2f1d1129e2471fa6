import { describe, expect, test } from "vitest";
import {
  computeCapacity,
  type CapacityInput,
} from "../../../model/capacity/capacity.ts";
import { recommendHires } from "../../../model/capacity/hires.ts";
import { formatTableCsv } from "../../../model/io/planning-table-csv.ts";
import {
  capacityTable,
  hirePlanTable,
  quotaTable,
  type PlanningTable,
} from "../../../model/io/planning-tables.ts";
import { fiscalYear } from "../../../model/plan/periods.ts";
import { buildTargets } from "../../../model/plan/targets.ts";
import { cascadeQuotas } from "../../../model/quota/cascade.ts";
import type { QuotaCascadeInput } from "../../../model/quota/types.ts";
import { aeRole, year } from "../capacity/fixtures.ts";

/** Returns Acme with two regions, two territories and three reps, where Ana has a fixed amount. */
function quotaInput(): QuotaCascadeInput {
  return {
    nodes: [
      { id: "acme", name: "Acme", level: "company", parentId: null },
      { id: "east", name: "East", level: "region", parentId: "acme" },
      { id: "west", name: "West", level: "region", parentId: "acme" },
      { id: "bos", name: "Boston, MA", level: "territory", parentId: "east" },
      { id: "sea", name: "Seattle", level: "territory", parentId: "west" },
      { id: "ana", name: "Ana", level: "rep", parentId: "bos" },
      { id: "ben", name: "Ben", level: "rep", parentId: "bos" },
      { id: "gus", name: "Gus", level: "rep", parentId: "sea" },
    ],
    companyQuota: "1200000.00",
    levels: {
      region: { method: "potential", overAssignmentPercent: "10" },
      territory: { method: "even", overAssignmentPercent: "0" },
      rep: { method: "even", overAssignmentPercent: "0" },
    },
    potentialCents: { bos: 30_000_000, sea: 10_000_000 },
    seasonality: [
      ...["10", "10", "10", "10"],
      ...["7.5", "7.5", "7.5", "7.5", "7.5", "7.5", "7.5", "7.5"],
    ],
    adjustments: { ana: { amount: "500000.00" } },
  };
}

/** Joins the leading fields with twelve months: `high` four times, then `low` eight times. */
function quotaLine(fields: string, high: string, low: string): string {
  return [fields, ...Array(4).fill(high), ...Array(8).fill(low)].join(",");
}

/** Returns one AE since 2020 with 12% yearly attrition, and a target in M03. */
function capacityInput(): CapacityInput {
  return {
    year,
    roles: [aeRole({ annualAttritionPercent: "12", backfillMonths: 1 })],
    reps: [{ id: "r-1", roleId: "ae", startDate: "2020-03-01" }],
    hires: [],
    targets: buildTargets(year, [
      { segment: "Enterprise", period: "FY2027-M03", amount: "130000.00" },
    ]),
  };
}

const sdrRole = aeRole({
  id: "sdr",
  name: "SDR",
  annualProductivity: "240000.00",
  loadedCost: "120000.00",
  rampPercents: ["0", "100"],
});

describe("quotaTable", () => {
  test("CSV has one line per node", () => {
    const table = quotaTable(cascadeQuotas(quotaInput(), "preserve"));

    expect(table.name).toBe("Quotas");
    expect(formatTableCsv(table)).toBe(
      [
        "node_id,level,name,parent_id,annual_quota,source,month_1,month_2,month_3,month_4,month_5,month_6,month_7,month_8,month_9,month_10,month_11,month_12",
        quotaLine(
          "acme,company,Acme,,1200000.00,company",
          "120000.00",
          "90000.00",
        ),
        quotaLine(
          "east,region,East,acme,990000.00,cascade",
          "99000.00",
          "74250.00",
        ),
        quotaLine(
          'bos,territory,"Boston, MA",east,990000.00,cascade',
          "99000.00",
          "74250.00",
        ),
        quotaLine(
          "ana,rep,Ana,bos,500000.00,adjusted amount",
          "50000.00",
          "37500.00",
        ),
        quotaLine("ben,rep,Ben,bos,490000.00,cascade", "49000.00", "36750.00"),
        quotaLine(
          "west,region,West,acme,330000.00,cascade",
          "33000.00",
          "24750.00",
        ),
        quotaLine(
          "sea,territory,Seattle,west,330000.00,cascade",
          "33000.00",
          "24750.00",
        ),
        quotaLine("gus,rep,Gus,sea,330000.00,cascade", "33000.00", "24750.00"),
        "",
      ].join("\n"),
    );
  });

  test("columns have kinds and headers", () => {
    const table = quotaTable(cascadeQuotas(quotaInput(), "preserve"));

    expect(table.columns.slice(0, 7)).toEqual([
      { key: "node_id", header: "Node id", kind: "text" },
      { key: "level", header: "Level", kind: "text" },
      { key: "name", header: "Name", kind: "text" },
      { key: "parent_id", header: "Parent id", kind: "text" },
      { key: "annual_quota", header: "Annual quota", kind: "money" },
      { key: "source", header: "Source", kind: "text" },
      { key: "month_1", header: "Month 1", kind: "money" },
    ]);
    expect(table.columns[17]).toEqual({
      key: "month_12",
      header: "Month 12",
      kind: "money",
    });
    expect(table.rows[0].parent_id).toBeNull();
  });

  test("fiscal year labels the months", () => {
    const february = fiscalYear({ startMonth: 2, firstFiscalYear: 2027 }, 2027);

    const table = quotaTable(cascadeQuotas(quotaInput(), "preserve"), february);

    const headers = table.columns.slice(6).map((column) => column.header);
    expect(headers[0]).toBe("Feb 2026");
    expect(headers[10]).toBe("Dec 2026");
    expect(headers[11]).toBe("Jan 2027");
    expect(table.columns[6].key).toBe("month_1");
  });

  test("overwrite mode shows cascade source", () => {
    const table = quotaTable(cascadeQuotas(quotaInput(), "overwrite"));

    const ana = table.rows.find((row) => row.node_id === "ana");
    expect(ana?.source).toBe("cascade");
    expect(ana?.annual_quota).toBe("495000.00");
    expect(ana?.month_5).toBe("37125.00");
  });
});

describe("capacityTable", () => {
  test("CSV has one line per month", () => {
    const table = capacityTable(computeCapacity(capacityInput()), [
      { id: "ae", name: "AE" },
    ]);

    expect(table.name).toBe("Capacity");
    const lines = formatTableCsv(table).split("\n");
    expect(lines).toHaveLength(14);
    expect(lines[0]).toBe(
      "period,month,headcount_ae,capacity_ae,cost_of_sales_ae,total_headcount,total_capacity,total_cost_of_sales,target,gap",
    );
    expect(lines[1]).toBe(
      "FY2027-M01,Jan 2027,1.0000,100000.00,20000.00,1.0000,100000.00,20000.00,0.00,-100000.00",
    );
    expect(lines[2]).toBe(
      "FY2027-M02,Feb 2027,0.9900,99000.00,19800.00,0.9900,99000.00,19800.00,0.00,-99000.00",
    );
    expect(lines[3]).toBe(
      "FY2027-M03,Mar 2027,0.9901,98510.00,19802.00,0.9901,98510.00,19802.00,130000.00,31490.00",
    );
    expect(lines[12]).toBe(
      "FY2027-M12,Dec 2027,0.9901,98514.85,19801.98,0.9901,98514.85,19801.98,0.00,-98514.85",
    );
    expect(lines[13]).toBe("");
  });

  test("headers use role names", () => {
    const input = capacityInput();
    input.roles = [input.roles[0], sdrRole];

    const table = capacityTable(computeCapacity(input), [
      { id: "ae", name: "Account executive" },
    ]);

    expect(table.columns.map((column) => column.header)).toEqual([
      "Period",
      "Month",
      "Account executive headcount",
      "Account executive capacity",
      "Account executive cost of sales",
      "sdr headcount",
      "sdr capacity",
      "sdr cost of sales",
      "Total headcount",
      "Total capacity",
      "Cost of sales",
      "Target",
      "Gap",
    ]);
    expect(table.columns.map((column) => column.kind)).toEqual([
      "text",
      "text",
      ...["number", "money", "money"],
      ...["number", "money", "money"],
      "number",
      "money",
      "money",
      "money",
      "money",
    ]);
  });

  test("without targets, target and gap are empty", () => {
    const input = capacityInput();
    delete input.targets;

    const table = capacityTable(computeCapacity(input));

    expect(table.rows[0].target).toBeNull();
    expect(table.rows[0].gap).toBeNull();
    expect(formatTableCsv(table).split("\n")[1]).toBe(
      "FY2027-M01,Jan 2027,1.0000,100000.00,20000.00,1.0000,100000.00,20000.00,,",
    );
  });
});

describe("hirePlanTable", () => {
  test("CSV lists hires and unclosable months", () => {
    const input = capacityInput();
    input.roles = [input.roles[0], sdrRole];
    input.hires = [{ roleId: "sdr", monthId: "FY2027-M02", count: 2 }];
    input.targets = buildTargets(year, [
      { segment: "Enterprise", period: "FY2027-M01", amount: "150000.00" },
      { segment: "Enterprise", period: "FY2027-M03", amount: "160000.00" },
    ]);

    const table = hirePlanTable(recommendHires(input, "sdr"), "sdr");

    expect(table.name).toBe("Hires needed");
    expect(formatTableCsv(table)).toBe(
      [
        "gap_period,role,hires,start_period,capacity_per_hire,note",
        'FY2027-M01,sdr,,,,"unclosable shortfall of 50000.00: Role ""SDR"" ramps at 0% in tenure month 1, so no hire starting in this fiscal year adds capacity in FY2027-M01. Plan earlier hires as existing reps or choose another role."',
        "FY2027-M03,sdr,2,FY2027-M02,20000.00,",
        "",
      ].join("\n"),
    );
  });

  test("no shortfall gives no rows", () => {
    const input = capacityInput();
    input.targets = buildTargets(year, [
      { segment: "Enterprise", period: "FY2027-M03", amount: "1000.00" },
    ]);

    const table = hirePlanTable(recommendHires(input, "ae"), "ae");

    expect(table.rows).toEqual([]);
    expect(formatTableCsv(table)).toBe(
      "gap_period,role,hires,start_period,capacity_per_hire,note\n",
    );
  });
});

describe("formatTableCsv", () => {
  const table: PlanningTable = {
    name: "Quoting",
    columns: [
      { key: "name", header: "Name, full", kind: "text" },
      { key: "amount", header: "Amount", kind: "money" },
    ],
    rows: [
      { name: 'Say "hi"', amount: "-1.50" },
      { name: "two\nlines", amount: null },
      { name: "plain" },
    ],
  };

  test("quotes fields per RFC 4180", () => {
    expect(formatTableCsv(table)).toBe(
      'name,amount\n"Say ""hi""",-1.50\n"two\nlines",\nplain,\n',
    );
  });

  test("escapes formula text, keeps negative numbers", () => {
    const formulas: PlanningTable = {
      ...table,
      rows: [{ name: "=1+1", amount: "-1.50" }],
    };
    expect(formatTableCsv(formulas).split("\n")[1]).toBe("'=1+1,-1.50");
  });

  test("header option writes headers for people", () => {
    expect(formatTableCsv(table, "header").split("\n")[0]).toBe(
      '"Name, full",Amount',
    );
  });
});
