// The capacity sheets of the planning workbook: targets, roles, backfills,
// and capacity, cost of sales and gap per role and month.
import type { Sheet } from "hyperformula";
import {
  BACKFILL,
  column,
  MONTHS,
  REP,
  ROLE,
  ROLE_MONTH,
  ROLE_ROWS_END,
  MAX_RAMP_MONTHS,
  TARGET_COMPANY_ROW,
  cents,
  rampAt,
  range,
  rolesRange,
} from "./planning-layout.ts";
import type { PlanningInputs } from "./planning-inputs.ts";

export function targetsSheet(inputs: PlanningInputs): Sheet {
  const header = [
    "Segment",
    ...inputs.year.months.map((m) => m.id),
    "Year",
    "Q1 entered",
    "Q2 entered",
    "Q3 entered",
    "Q4 entered",
  ];
  const rows: Sheet = [header];
  for (const [segment, months] of inputs.targets.monthly) {
    const row = rows.length + 1;
    rows.push([segment, ...months, `=SUM(B${row}:M${row})`]);
  }
  for (const [segment, quarters] of inputs.targets.quarterly) {
    const row = rows.length + 1;
    // A quarter is split into three months by the largest-remainder rule:
    // a third each, and the leftover cents to the earliest months.
    const months = MONTHS.map((m) => {
      const quarterCell = `$${column(13 + Math.ceil(m / 3))}${row}`;
      const position = ((m - 1) % 3) + 1;
      return `=QUOTIENT(${quarterCell},3)+IF(${position}<=MOD(${quarterCell},3),1,0)`;
    });
    rows.push([segment, ...months, `=SUM(B${row}:M${row})`, ...quarters]);
  }
  if (rows.length !== TARGET_COMPANY_ROW) {
    throw new Error(
      `The Targets sheet has ${rows.length - 1} segments, but its company row is fixed at row ${TARGET_COMPANY_ROW + 1}. Update TARGET_COMPANY_ROW.`,
    );
  }
  const sums = MONTHS.map((m) => `=SUM(${column(m)}2:${column(m)}4)`);
  rows.push(["Company", ...sums, "=SUM(B5:M5)"]);
  return rows;
}

export function rolesSheet(inputs: PlanningInputs): Sheet {
  const rows: Sheet = [
    [
      "Role id",
      "Name",
      "On-target earnings, cents",
      "Loaded cost, cents",
      "Annual productivity, cents",
      "Annual attrition percent",
      "Backfill months",
      "Ramp length",
      ...Array.from({ length: MAX_RAMP_MONTHS }, (_, i) => `Ramp ${i + 1}`),
      "Monthly attrition rate",
      "Monthly productivity, cents",
      "Monthly loaded cost, cents",
    ],
  ];
  if (inputs.roles.length !== ROLE_ROWS_END - 1) {
    throw new Error(
      `The plan has ${inputs.roles.length} roles, but the formulas read ${ROLE_ROWS_END - 1} rows of the Roles sheet. Update ROLE_ROWS_END.`,
    );
  }
  for (const role of inputs.roles) {
    const row = rows.length + 1;
    if (role.rampPercents.length > MAX_RAMP_MONTHS) {
      throw new Error(
        `Role ${role.id} ramps over ${role.rampPercents.length} months, but the Roles sheet has ${MAX_RAMP_MONTHS} ramp columns. Raise MAX_RAMP_MONTHS.`,
      );
    }
    const ramp = Array.from({ length: MAX_RAMP_MONTHS }, (_, i) =>
      i < role.rampPercents.length ? Number(role.rampPercents[i]) : null,
    );
    rows.push([
      role.id,
      role.name,
      cents(role.onTargetEarnings),
      cents(role.loadedCost),
      cents(role.annualProductivity),
      Number(role.annualAttritionPercent),
      role.backfillMonths,
      `=COUNT(I${row}:M${row})`,
      ...ramp,
      `=F${row}/100/12`,
      `=E${row}/12`,
      `=D${row}/12`,
    ]);
  }
  return rows;
}

export function backfillsSheet(inputs: PlanningInputs): Sheet {
  const rows: Sheet = [
    [
      "Role id",
      "Leavers of month",
      "Role row",
      "Monthly attrition rate",
      "Monthly productivity, cents",
      "Ramp length",
      "Backfill start month",
      "Leavers (expected seats)",
      ...MONTHS.map((m) => `Weight M${m}`),
      ...MONTHS.map((m) => `Capacity M${m}, cents`),
    ],
  ];
  // One row per role and month whose leavers are backfilled. Weights of the
  // months up to the leavers' month are constant zeros, so that no month's
  // headcount depends on itself through the backfills.
  inputs.roles.forEach((role, roleIndex) => {
    for (let source = 1; source < 12; source++) {
      const r = rows.length + 1;
      const cell = (c: number) => `$${column(c)}${r}`;
      const headcount = `RoleMonths!${column(ROLE_MONTH.firstHeadcount + source - 1)}${roleIndex + 2}`;
      const weights = MONTHS.map((m) =>
        m <= source
          ? 0
          : `=IF(${m}<${cell(BACKFILL.startMonth)},0,${cell(BACKFILL.leavers)}*POWER(1-${cell(BACKFILL.monthlyRate)},${m}-${cell(BACKFILL.startMonth)}))`,
      );
      const capacity = MONTHS.map((m) =>
        m <= source
          ? 0
          : `=IF(${m}<${cell(BACKFILL.startMonth)},0,${column(BACKFILL.firstWeight + m - 1)}${r}*${cell(BACKFILL.monthlyProductivity)}*${rampAt(cell(BACKFILL.roleRow), `${m}-${cell(BACKFILL.startMonth)}+1`, cell(BACKFILL.rampLength))}/100)`,
      );
      rows.push([
        role.id,
        source,
        `=MATCH(${cell(BACKFILL.roleId)},${rolesRange(ROLE.id)},0)`,
        `=INDEX(${rolesRange(ROLE.monthlyRate)},${cell(BACKFILL.roleRow)})`,
        `=INDEX(${rolesRange(ROLE.monthlyProductivity)},${cell(BACKFILL.roleRow)})`,
        `=INDEX(${rolesRange(ROLE.rampLength)},${cell(BACKFILL.roleRow)})`,
        `=${cell(BACKFILL.sourceMonth)}+1+INDEX(${rolesRange(ROLE.backfillMonths)},${cell(BACKFILL.roleRow)})`,
        `=${cell(BACKFILL.monthlyRate)}*${headcount}`,
        ...weights,
        ...capacity,
      ]);
    }
  });
  return rows;
}

export function roleMonthsSheet(inputs: PlanningInputs): Sheet {
  const repCount = inputs.reps.length;
  const backfillCount = inputs.roles.length * 11;
  const sumOf = (r: number, repColumn: number, backfillColumn: number) =>
    `SUMIF(Reps!${range(REP.roleId, repCount)},$A${r},Reps!${range(repColumn, repCount)})` +
    `+SUMIF(Backfills!${range(BACKFILL.roleId, backfillCount)},$A${r},Backfills!${range(backfillColumn, backfillCount)})`;

  const rows: Sheet = [
    [
      "Role id",
      ...MONTHS.map((m) => `Headcount M${m}`),
      ...MONTHS.map((m) => `Exact capacity M${m}, cents`),
      ...MONTHS.map((m) => `Capacity M${m}, cents`),
      ...MONTHS.map((m) => `Cost of sales M${m}, cents`),
    ],
  ];
  inputs.roles.forEach((role, roleIndex) => {
    const r = roleIndex + 2;
    const monthlyCost = `INDEX(${rolesRange(ROLE.monthlyLoadedCost)},MATCH($A${r},${rolesRange(ROLE.id)},0))`;
    rows.push([
      role.id,
      ...MONTHS.map(
        (m) =>
          `=${sumOf(r, REP.firstWeight + m - 1, BACKFILL.firstWeight + m - 1)}`,
      ),
      ...MONTHS.map(
        (m) =>
          `=${sumOf(r, REP.firstCapacity + m - 1, BACKFILL.firstCapacity + m - 1)}`,
      ),
      ...MONTHS.map(
        (m) =>
          `=${roundHalfEven(`${column(ROLE_MONTH.firstExactCapacity + m - 1)}${r}`)}`,
      ),
      ...MONTHS.map(
        (m) =>
          `=${roundHalfEven(`${column(ROLE_MONTH.firstHeadcount + m - 1)}${r}*${monthlyCost}`)}`,
      ),
    ]);
  });
  return rows;
}

export function capacitySheet(inputs: PlanningInputs): Sheet {
  const last = inputs.roles.length + 1;
  const rows: Sheet = [
    [
      "Month",
      "Month id",
      "Capacity, cents",
      "Cost of sales, cents",
      "Target, cents",
      "Gap, cents",
    ],
  ];
  for (const m of MONTHS) {
    const r = m + 1;
    const capacity = column(ROLE_MONTH.firstCapacity + m - 1);
    const cost = column(ROLE_MONTH.firstCost + m - 1);
    rows.push([
      m,
      inputs.year.months[m - 1].id,
      `=SUM(RoleMonths!${capacity}2:${capacity}${last})`,
      `=SUM(RoleMonths!${cost}2:${cost}${last})`,
      `=Targets!${column(m)}${TARGET_COMPANY_ROW + 1}`,
      `=E${r}-C${r}`,
    ]);
  }
  return rows;
}

/**
 * Writes a formula that rounds a non-negative amount to whole cents half
 * to even. A fraction within 1e-4 of one half counts as a tie, because the
 * amount carries the error of floating-point sums: a headcount summed over
 * about 300 seats was 1.5e-12 seats off, 5e-6 cent at $35,000 a month.
 */
export function roundHalfEven(amount: string): string {
  return `IF(ABS(MOD(${amount},1)-0.5)<0.0001,2*ROUND((${amount})/2,0),ROUND(${amount},0))`;
}
