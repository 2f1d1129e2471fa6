// Cell addresses, column indexes and formula helpers shared by the sheets
// of the planning workbook. Column indexes are 0-based, as in
// HyperFormula's cell addresses, and data rows start below a header row.
import { parseMoney, toCents } from "../model/money.ts";

/** Fixed cells of the Plan sheet. */
export const PLAN_CELLS = {
  firstMonthSerial: "Plan!$B$3",
  seasonalityTotal: "Plan!$B$6",
  companyQuota: "Plan!$B$7",
  regionOverAssignment: "Plan!$B$8",
  territoryOverAssignment: "Plan!$B$9",
  repOverAssignment: "Plan!$B$10",
  blendEven: "Plan!$B$11",
  blendPotential: "Plan!$B$12",
  blendPriorBookings: "Plan!$B$13",
  companyPool: "Plan!$B$16",
};

/**
 * Columns shared by the Regions, Territories and Reps sheets: the split of
 * the parent's pool by weight, then the manual adjustment, then the split
 * of what is left among the unadjusted siblings.
 */
export const SPLIT = {
  id: 0,
  name: 1,
  parentId: 2,
  parentPool: 3,
  weight: 4,
  exactShare: 5,
  floor: 6,
  remainder: 7,
  row: 8,
  leftover: 9,
  cascadeShare: 10,
  adjustmentKind: 11,
  adjustmentCents: 12,
  fixed: 13,
  freeWeight: 14,
  rest: 15,
  exactRestShare: 16,
  restFloor: 17,
  restRemainder: 18,
  restLeftover: 19,
  annual: 20,
  childPoolNumerator: 21,
  childPool: 22,
};

/** Columns of the Territories sheet after the split columns. */
export const TERRITORY = {
  potential: 23,
  priorBookings: 24,
  evenShare: 25,
  potentialShare: 26,
  priorBookingsShare: 27,
};
export const REGION = { potential: 23 };

/** Capacity columns of the Reps sheet, after the split columns. */
export const REP = {
  roleId: 21,
  startDate: 22,
  hireMonth: 23,
  startIndex: 24,
  roleRow: 25,
  monthlyRate: 26,
  monthlyProductivity: 27,
  rampLength: 28,
  firstWeight: 29,
  firstCapacity: 41,
};

export const ROLE = {
  id: 0,
  name: 1,
  onTargetEarnings: 2,
  loadedCost: 3,
  annualProductivity: 4,
  attritionPercent: 5,
  backfillMonths: 6,
  rampLength: 7,
  firstRamp: 8,
  monthlyRate: 13,
  monthlyProductivity: 14,
  monthlyLoadedCost: 15,
};
export const MAX_RAMP_MONTHS = 5;

export const BACKFILL = {
  roleId: 0,
  sourceMonth: 1,
  roleRow: 2,
  monthlyRate: 3,
  monthlyProductivity: 4,
  rampLength: 5,
  startMonth: 6,
  leavers: 7,
  firstWeight: 8,
  firstCapacity: 20,
};

export const ROLE_MONTH = {
  roleId: 0,
  firstHeadcount: 1,
  firstExactCapacity: 13,
  firstCapacity: 25,
  firstCost: 37,
};

/** Columns of the Capacity sheet, one row per fiscal month. */
export const CAPACITY = { capacity: 2, cost: 3, target: 4, gap: 5 };

/** Columns of the QuotaMonths sheet, one row per node. */
export const QUOTA_MONTH = {
  nodeId: 0,
  annual: 2,
  firstFloor: 3,
  firstKey: 15,
  leftover: 27,
  firstMonth: 28,
};

export const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Row (0-based) of the company's monthly targets in the Targets sheet. */
export const TARGET_COMPANY_ROW = 4;

/** Writes a lookup of a role's ramp percent in a tenure month, 100% after the curve ends. */
export function rampAt(
  roleRow: string,
  tenure: string,
  rampLength: string,
): string {
  const ramps = `Roles!$${column(ROLE.firstRamp)}$2:$${column(ROLE.firstRamp + MAX_RAMP_MONTHS - 1)}$${ROLE_ROWS_END}`;
  return `INDEX(${ramps},${roleRow},MAX(1,MIN(${tenure},${rampLength})))`;
}

/** Last sheet row of the Roles sheet that the formulas read. */
export const ROLE_ROWS_END = 5;

export function rolesRange(c: number): string {
  return `Roles!$${column(c)}$2:$${column(c)}$${ROLE_ROWS_END}`;
}

export function lookup(
  key: string,
  sheet: string,
  keyColumn: number,
  valueColumn: number,
  count: number,
): string {
  return `=INDEX(${sheet}!${range(valueColumn, count)},MATCH(${key},${sheet}!${range(keyColumn, count)},0))`;
}

/** Returns the absolute range of one column over `count` data rows below the header. */
export function range(c: number, count: number): string {
  return `$${column(c)}$2:$${column(c)}$${count + 1}`;
}

/** Returns the letters of a 0-based column index: 0 is A, 26 is AA. */
export function column(index: number): string {
  let letters = "";
  let rest = index + 1;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

export function cents(amount: string): number {
  return toCents(parseMoney(amount));
}
