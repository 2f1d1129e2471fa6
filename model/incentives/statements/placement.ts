import { centsToString, MoneyDecimal, toCents } from "../../money.ts";
import type { Credit } from "../crediting/types.ts";
import type { FiscalPeriod, UnplacedCredit, UnplacedReason } from "./types.ts";

/** The credits of each rep with statements by period index, and the credits placed nowhere. */
export interface Placement {
  byRep: Map<string, Credit[][]>;
  unplaced: UnplacedCredit[];
}

/** Status of a rep id: with statements, with quotas but no plan, or without quotas. */
export type RepStatus = "statements" | "no-plan" | "no-quota";

/** Returns the index of the period that contains the date, or -1 when none does. */
export function periodIndexOf(
  periods: readonly FiscalPeriod[],
  date: string,
): number {
  return periods.findIndex((p) => date >= p.start && date <= p.end);
}

/**
 * Puts each credit in its rep's period by the deal's close date. A credit
 * of a rep without statements, or of a deal closed outside every period,
 * goes to `unplaced` with the reason.
 */
export function placeCredits(
  credits: readonly Credit[],
  deals: ReadonlyMap<string, { closeDate: string }>,
  periodOfDeal: ReadonlyMap<string, number>,
  statusOf: (repId: string) => RepStatus,
  periodCount: number,
): Placement {
  const byRep = new Map<string, Credit[][]>();
  const unplaced: UnplacedCredit[] = [];

  for (const credit of credits) {
    const closeDate = deals.get(credit.dealId)?.closeDate ?? "";
    const repStatus = statusOf(credit.repId);
    if (repStatus !== "statements") {
      unplaced.push({ credit, closeDate, reason: repStatus });
      continue;
    }
    const index = periodOfDeal.get(credit.dealId) ?? -1;
    if (index < 0) {
      unplaced.push({ credit, closeDate, reason: "outside-periods" });
      continue;
    }

    let periods = byRep.get(credit.repId);
    if (periods === undefined) {
      periods = Array.from({ length: periodCount }, (): Credit[] => []);
      byRep.set(credit.repId, periods);
    }
    periods[index]!.push(credit);
  }
  return { byRep, unplaced };
}

/**
 * Describes the unplaced credits in one sentence per rep and reason, and
 * each rep with quotas but no plan, sorted by rep id.
 */
export function unplacedProblems(
  unplaced: readonly UnplacedCredit[],
  repsWithoutPlan: readonly string[],
  periods: readonly FiscalPeriod[],
): string[] {
  const groups = new Map<string, UnplacedCredit[]>();
  for (const repId of repsWithoutPlan) groups.set(key(repId, "no-plan"), []);
  for (const row of unplaced) {
    const group = key(row.credit.repId, row.reason);
    const rows = groups.get(group) ?? [];
    rows.push(row);
    groups.set(group, rows);
  }

  return [...groups.keys()].sort().map((group) => {
    const [repId, reason] = JSON.parse(group) as [string, UnplacedReason];
    return sentence(repId, reason, groups.get(group)!, periods);
  });
}

function key(repId: string, reason: UnplacedReason): string {
  return JSON.stringify([repId, reason]);
}

function sentence(
  repId: string,
  reason: UnplacedReason,
  rows: readonly UnplacedCredit[],
  periods: readonly FiscalPeriod[],
): string {
  const credits = creditCount(rows);
  switch (reason) {
    case "no-plan":
      return rows.length === 0
        ? `Rep "${repId}" has quotas but no comp plan, so no statement was built for the rep. Assign a comp plan to the rep.`
        : `Rep "${repId}" has quotas but no comp plan, so no statement shows its ${credits}. Assign a comp plan to the rep.`;
    case "no-quota":
      return `Rep "${repId}" has no quota, so no statement shows its ${credits}. Add quotas for the rep, or change the crediting rules that credit the rep.`;
    case "outside-periods":
      return `Rep "${repId}" has ${credits} for deals closed ${dateRange(rows)}, ${outside(periods)}, so no statement shows ${rows.length === 1 ? "it" : "them"}. Add periods that contain these dates, or correct the close dates.`;
  }
}

function creditCount(rows: readonly UnplacedCredit[]): string {
  const cents = rows.reduce(
    (sum, row) => sum + toCents(new MoneyDecimal(row.credit.amount)),
    0,
  );
  const noun = rows.length === 1 ? "credit" : "credits";
  return `${rows.length} ${noun} totalling ${centsToString(cents)}`;
}

function dateRange(rows: readonly UnplacedCredit[]): string {
  const dates = rows.map((row) => row.closeDate).sort();
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  return first === last ? `on ${first}` : `from ${first} to ${last}`;
}

function outside(periods: readonly FiscalPeriod[]): string {
  if (periods.length === 0) return "but the input has no periods";
  const last = periods[periods.length - 1]!;
  return `outside the periods from ${periods[0]!.start} to ${last.end}`;
}
