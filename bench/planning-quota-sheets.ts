// The quota sheets of the planning workbook: regions and territories with
// their largest-remainder splits, and every node's months by seasonality.
import type { RawCellContent, Sheet } from "hyperformula";
import {
  cents,
  column,
  lookup,
  MONTHS,
  PLAN_CELLS,
  QUOTA_MONTH,
  range,
  REGION,
  SPLIT,
  TERRITORY,
} from "./planning-layout.ts";
import type { PlanningInputs } from "./planning-inputs.ts";

export function regionsSheet(inputs: PlanningInputs): Sheet {
  const count = inputs.regions.length;
  const territoryCount = inputs.territories.length;
  const rows: Sheet = [[...splitHeader(true), "Potential, cents"]];
  inputs.regions.forEach((region, i) => {
    const r = i + 2;
    const potentials = range(REGION.potential, count);
    rows.push([
      ...splitRow(r, count, {
        id: region.id,
        name: region.name,
        parentId: inputs.company.id,
        parentPool: `=${PLAN_CELLS.companyPool}`,
        weight: `=IF(SUM(${potentials})=0,1/${count},${column(REGION.potential)}${r}/SUM(${potentials}))`,
        adjustment: inputs.adjustments[region.id],
        childPoolPercent: PLAN_CELLS.territoryOverAssignment,
      }),
      `=SUMIF(Territories!${range(SPLIT.parentId, territoryCount)},A${r},Territories!${range(TERRITORY.potential, territoryCount)})`,
    ]);
  });
  return rows;
}

export function territoriesSheet(inputs: PlanningInputs): Sheet {
  const count = inputs.territories.length;
  const rows: Sheet = [
    [
      ...splitHeader(true),
      "Potential, cents",
      "Prior bookings, cents",
      "Even share",
      "Potential share",
      "Prior bookings share",
    ],
  ];
  const parents = range(SPLIT.parentId, count);
  inputs.territories.forEach((territory, i) => {
    const r = i + 2;
    const cell = (c: number) => `${column(c)}${r}`;
    const share = (c: number) =>
      `=IF(SUMIF(${parents},C${r},${range(c, count)})=0,${cell(TERRITORY.evenShare)},${cell(c)}/SUMIF(${parents},C${r},${range(c, count)}))`;
    rows.push([
      ...splitRow(r, count, {
        id: territory.id,
        name: territory.name,
        parentId: territory.regionId,
        parentPool: lookup(
          `C${r}`,
          "Regions",
          SPLIT.id,
          SPLIT.childPool,
          inputs.regions.length,
        ),
        weight: `=${PLAN_CELLS.blendEven}*${cell(TERRITORY.evenShare)}+${PLAN_CELLS.blendPotential}*${cell(TERRITORY.potentialShare)}+${PLAN_CELLS.blendPriorBookings}*${cell(TERRITORY.priorBookingsShare)}`,
        adjustment: inputs.adjustments[territory.id],
        childPoolPercent: PLAN_CELLS.repOverAssignment,
      }),
      inputs.potentialCents[territory.id],
      inputs.priorBookingsCents[territory.id],
      `=1/COUNTIF(${parents},C${r})`,
      share(TERRITORY.potential),
      share(TERRITORY.priorBookings),
    ]);
  });
  return rows;
}

export function quotaMonthsSheet(inputs: PlanningInputs): Sheet {
  const rows: Sheet = [
    [
      "Node id",
      "Level",
      "Annual quota, cents",
      ...MONTHS.map((m) => `Floor M${m}`),
      ...MONTHS.map((m) => `Remainder key M${m}`),
      "Leftover cents",
      ...MONTHS.map((m) => `Quota M${m}, cents`),
    ],
  ];
  const annualCell = (sheet: string, index: number) =>
    `=${sheet}!${column(SPLIT.annual)}${index + 2}`;
  const nodes = [
    {
      id: inputs.company.id,
      level: "company",
      annual: `=${PLAN_CELLS.companyQuota}`,
    },
    ...inputs.regions.map((n, i) => ({
      id: n.id,
      level: "region",
      annual: annualCell("Regions", i),
    })),
    ...inputs.territories.map((n, i) => ({
      id: n.id,
      level: "territory",
      annual: annualCell("Territories", i),
    })),
    ...inputs.reps.map((n, i) => ({
      id: n.id,
      level: "rep",
      annual: annualCell("Reps", i),
    })),
  ];

  for (const node of nodes) {
    const r = rows.length + 1;
    const numerator = (m: number) => `$C${r}*Plan!${column(m)}$5`;
    const keys = `$${column(QUOTA_MONTH.firstKey)}${r}:$${column(QUOTA_MONTH.firstKey + 11)}${r}`;
    // The remainder key orders months by remainder, then earlier months
    // first, as the largest-remainder rule breaks ties. Remainders are
    // whole numbers below the seasonality total, so the key stays exact.
    rows.push([
      node.id,
      node.level,
      node.annual,
      ...MONTHS.map(
        (m) => `=QUOTIENT(${numerator(m)},${PLAN_CELLS.seasonalityTotal})`,
      ),
      ...MONTHS.map(
        (m) =>
          `=MOD(${numerator(m)},${PLAN_CELLS.seasonalityTotal})*16+${12 - m}`,
      ),
      `=C${r}-SUM(${column(QUOTA_MONTH.firstFloor)}${r}:${column(QUOTA_MONTH.firstFloor + 11)}${r})`,
      ...MONTHS.map((m) => {
        const key = `${column(QUOTA_MONTH.firstKey + m - 1)}${r}`;
        const floor = `${column(QUOTA_MONTH.firstFloor + m - 1)}${r}`;
        return `=${floor}+IF(COUNTIF(${keys},">"&${key})<$${column(QUOTA_MONTH.leftover)}${r},1,0)`;
      }),
    ]);
  }
  return rows;
}

export function splitHeader(withChildPool: boolean): string[] {
  const header = [
    "Id",
    "Name",
    "Parent id",
    "Parent pool, cents",
    "Weight",
    "Exact share, cents",
    "Floor",
    "Remainder",
    "Row",
    "Leftover cents",
    "Cascade share, cents",
    "Adjustment",
    "Adjustment, cents",
    "Adjusted quota, cents",
    "Weight if unadjusted",
    "Pool left for unadjusted, cents",
    "Exact share of the rest, cents",
    "Floor of the rest",
    "Remainder of the rest",
    "Leftover cents of the rest",
    "Annual quota, cents",
  ];
  if (withChildPool) {
    header.push("Child pool numerator", "Child pool, cents");
  }
  return header;
}

export interface SplitRowInput {
  id: string;
  name: string;
  parentId: string;
  parentPool: string;
  weight: string;
  adjustment: PlanningInputs["adjustments"][string] | undefined;
  /** Cell of the over-assignment percent of the level below, or null for reps. */
  childPoolPercent: string | null;
}

/**
 * Writes the split columns of one node at sheet row `r`, where `count` is
 * the number of data rows of the sheet. Both splits use the largest-remainder rule: each node takes the
 * floor of its exact share, and the siblings with the largest remainders
 * (ties to the earlier row) take one leftover cent each.
 */
export function splitRow(
  r: number,
  count: number,
  node: SplitRowInput,
): RawCellContent[] {
  const cell = (c: number) => `${column(c)}${r}`;
  const parents = range(SPLIT.parentId, count);
  const sumOver = (c: number) =>
    `SUMIF(${parents},${cell(SPLIT.parentId)},${range(c, count)})`;
  const rankOf = (remainder: number) =>
    `COUNTIFS(${parents},${cell(SPLIT.parentId)},${range(remainder, count)},">"&${cell(remainder)})` +
    `+COUNTIFS(${parents},${cell(SPLIT.parentId)},${range(remainder, count)},${cell(remainder)},${range(SPLIT.row, count)},"<"&${cell(SPLIT.row)})`;
  const { kind, cents: adjustmentCents } = adjustmentCells(node.adjustment);

  const row: RawCellContent[] = [
    node.id,
    node.name,
    node.parentId,
    node.parentPool,
    node.weight,
    `=${cell(SPLIT.parentPool)}*${cell(SPLIT.weight)}/${sumOver(SPLIT.weight)}`,
    `=INT(${cell(SPLIT.exactShare)})`,
    `=${cell(SPLIT.exactShare)}-${cell(SPLIT.floor)}`,
    "=ROW()",
    `=${cell(SPLIT.parentPool)}-${sumOver(SPLIT.floor)}`,
    `=${cell(SPLIT.floor)}+IF(${rankOf(SPLIT.remainder)}<${cell(SPLIT.leftover)},1,0)`,
    kind,
    adjustmentCents,
    `=IF(${cell(SPLIT.adjustmentKind)}="amount",${cell(SPLIT.adjustmentCents)},IF(${cell(SPLIT.adjustmentKind)}="delta",${cell(SPLIT.cascadeShare)}+${cell(SPLIT.adjustmentCents)},0))`,
    `=IF(ISBLANK(${cell(SPLIT.adjustmentKind)}),${cell(SPLIT.weight)},0)`,
    `=${cell(SPLIT.parentPool)}-${sumOver(SPLIT.fixed)}`,
    `=IF(${sumOver(SPLIT.freeWeight)}=0,0,${cell(SPLIT.rest)}*${cell(SPLIT.freeWeight)}/${sumOver(SPLIT.freeWeight)})`,
    `=INT(${cell(SPLIT.exactRestShare)})`,
    `=${cell(SPLIT.exactRestShare)}-${cell(SPLIT.restFloor)}`,
    `=${cell(SPLIT.rest)}-${sumOver(SPLIT.restFloor)}`,
    `=IF(ISBLANK(${cell(SPLIT.adjustmentKind)}),${cell(SPLIT.restFloor)}+IF(${rankOf(SPLIT.restRemainder)}<${cell(SPLIT.restLeftover)},1,0),${cell(SPLIT.fixed)})`,
  ];
  if (node.childPoolPercent !== null) {
    row.push(
      `=${cell(SPLIT.annual)}*ROUND((100+${node.childPoolPercent})*100,0)`,
      halfEvenQuotient(cell(SPLIT.childPoolNumerator), 10_000),
    );
  }
  return row;
}

export function adjustmentCells(adjustment: SplitRowInput["adjustment"]): {
  kind: string | null;
  cents: number | null;
} {
  if (adjustment === undefined) return { kind: null, cents: null };
  if ("amount" in adjustment) {
    return { kind: "amount", cents: cents(adjustment.amount) };
  }
  return { kind: "delta", cents: cents(adjustment.delta) };
}

/**
 * Writes a formula for numerator / divisor rounded half to even, as the
 * model rounds money to the cent. The numerator must be a whole number of
 * zero or more.
 */
export function halfEvenQuotient(numerator: string, divisor: number): string {
  const quotient = `QUOTIENT(${numerator},${divisor})`;
  const twice = `2*MOD(${numerator},${divisor})`;
  return `=${quotient}+IF(OR(${twice}>${divisor},AND(${twice}=${divisor},ISODD(${quotient}))),1,0)`;
}
