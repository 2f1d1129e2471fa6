// The planning benchmark's model as a HyperFormula workbook: capacity with
// ramp and attrition per rep, and the quota cascade with largest-remainder
// splits, in formulas a planner could write. Money is in integer cents, so
// that sums of inputs stay exact in floating point.
//
// Where the workbook simplifies the model:
// - The formulas fix each level's method: regions split by potential,
//   territories by a blend and reps evenly. The blend weights and the
//   over-assignment percents are cells.
// - Shares of a pool and their remainders are floating point, not
//   40-digit decimals. Two siblings whose remainders differ by less than
//   the rounding error (an estimated 1e-5 cent on a $100 million share)
//   may therefore take the leftover cent in the other order.
// - A role's capacity and cost are rounded half to even, as the model
//   rounds, but a value within 1e-4 cent of a half cent counts as a tie.
//   Exact ties do occur: 12% attrition leaves 0.99^n of a seat, and such a
//   headcount times a monthly cost can end in exactly half a cent.
// - Input checks and the model's errors (an adjustment above the pool,
//   every child adjusted, a ramp that does not end at 100%) are absent, and
//   an all-zero weight among unadjusted siblings is not split evenly.
// - Over-assignment and seasonality percents may have at most two
//   decimals, so that pools and month splits stay in whole numbers.
import type { Sheet, Sheets } from "hyperformula";
import {
  backfillsSheet,
  capacitySheet,
  roleMonthsSheet,
  rolesSheet,
  targetsSheet,
} from "./planning-capacity-sheets.ts";
import type { PlanningInputs } from "./planning-inputs.ts";
import {
  column,
  lookup,
  MONTHS,
  PLAN_CELLS,
  range,
  rampAt,
  REP,
  ROLE,
  rolesRange,
  SPLIT,
  TARGET_COMPANY_ROW,
} from "./planning-layout.ts";
import {
  halfEvenQuotient,
  quotaMonthsSheet,
  regionsSheet,
  splitHeader,
  splitRow,
  territoriesSheet,
} from "./planning-quota-sheets.ts";

/** Builds every sheet of the workbook from the benchmark's inputs. */
export function planningSheets(inputs: PlanningInputs): Sheets {
  return {
    Plan: planSheet(inputs),
    Targets: targetsSheet(inputs),
    Roles: rolesSheet(inputs),
    Reps: repsSheet(inputs),
    Backfills: backfillsSheet(inputs),
    RoleMonths: roleMonthsSheet(inputs),
    Capacity: capacitySheet(inputs),
    Regions: regionsSheet(inputs),
    Territories: territoriesSheet(inputs),
    QuotaMonths: quotaMonthsSheet(inputs),
  };
}

function planSheet(inputs: PlanningInputs): Sheet {
  const { calendar, year, levels, seasonality, company } = inputs;
  const blend = levels.territory.blendWeights ?? {};
  const monthCells = MONTHS.map((m) => column(m));
  return [
    ["Fiscal year start month", calendar.startMonth],
    ["Fiscal year", year.year],
    ["Month serial of fiscal month 1", "=(B2-IF(B1=1,0,1))*12+B1-1"],
    ["Seasonality percent", ...seasonality.map(Number)],
    [
      "Seasonality, hundredths of a percent",
      ...monthCells.map((c) => `=ROUND(${c}4*100,0)`),
    ],
    ["Seasonality total", "=SUM(B5:M5)"],
    ["Company quota, cents", `=Targets!N${TARGET_COMPANY_ROW + 1}`],
    [
      "Region over-assignment percent",
      Number(levels.region.overAssignmentPercent),
    ],
    [
      "Territory over-assignment percent",
      Number(levels.territory.overAssignmentPercent),
    ],
    ["Rep over-assignment percent", Number(levels.rep.overAssignmentPercent)],
    ["Territory blend weight: even", Number(blend.even ?? 0)],
    ["Territory blend weight: potential", Number(blend.potential ?? 0)],
    [
      "Territory blend weight: prior bookings",
      Number(blend.priorBookings ?? 0),
    ],
    ["Company id", company.id],
    ["Company pool numerator", "=B7*ROUND((100+B8)*100,0)"],
    ["Company pool, cents", halfEvenQuotient("B15", 10_000)],
  ];
}

function repsSheet(inputs: PlanningInputs): Sheet {
  const count = inputs.reps.length;
  const rows: Sheet = [
    [
      ...splitHeader(false),
      "Role id",
      "Start date",
      "Hire month",
      "Start month index",
      "Role row",
      "Monthly attrition rate",
      "Monthly productivity, cents",
      "Ramp length",
      ...MONTHS.map((m) => `Weight M${m}`),
      ...MONTHS.map((m) => `Capacity M${m}, cents`),
    ],
  ];
  const roleRange = rolesRange(ROLE.id);
  inputs.reps.forEach((rep, i) => {
    const r = i + 2;
    const split = splitRow(r, count, {
      id: rep.id,
      name: rep.name,
      parentId: rep.territoryId,
      parentPool: lookup(
        `C${r}`,
        "Territories",
        SPLIT.id,
        SPLIT.childPool,
        inputs.territories.length,
      ),
      weight: `=1/COUNTIF(${range(SPLIT.parentId, count)},C${r})`,
      adjustment: inputs.adjustments[rep.id],
      childPoolPercent: null,
    });
    const cell = (c: number) => `$${column(c)}${r}`;
    const weights = MONTHS.map(
      (m) =>
        `=IF(${cell(REP.startIndex)}>${m},0,POWER(1-${cell(REP.monthlyRate)},${m}-MAX(${cell(REP.startIndex)},1)))`,
    );
    const capacity = MONTHS.map(
      (m) =>
        `=IF(${cell(REP.startIndex)}>${m},0,${column(REP.firstWeight + m - 1)}${r}*${cell(REP.monthlyProductivity)}*${rampAt(cell(REP.roleRow), `${m}-${cell(REP.startIndex)}+1`, cell(REP.rampLength))}/100)`,
    );
    rows.push([
      ...split,
      rep.roleId,
      rep.startDate,
      rep.hireMonth,
      `=IF(ISBLANK(${cell(REP.hireMonth)}),YEAR(${cell(REP.startDate)})*12+MONTH(${cell(REP.startDate)})-1-${PLAN_CELLS.firstMonthSerial}+1,${cell(REP.hireMonth)})`,
      `=MATCH(${cell(REP.roleId)},${roleRange},0)`,
      `=INDEX(${rolesRange(ROLE.monthlyRate)},${cell(REP.roleRow)})`,
      `=INDEX(${rolesRange(ROLE.monthlyProductivity)},${cell(REP.roleRow)})`,
      `=INDEX(${rolesRange(ROLE.rampLength)},${cell(REP.roleRow)})`,
      ...weights,
      ...capacity,
    ]);
  });
  return rows;
}
