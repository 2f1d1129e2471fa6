import { csvCell } from "../io/csv-cell.ts";
import type {
  DiffTerritory,
  FigureChange,
  PlanDiff,
  TerritoryChange,
} from "./diff-types.ts";

/** Header of the difference CSV. */
export const DIFF_CSV_HEADER = "kind,id,name,from,to,difference";

/**
 * Formats a plan difference as CSV, one row per difference, with the
 * columns kind,id,name,from,to,difference and LF line ends. Kinds, in row
 * order:
 * - `county`: id is the unit id, from and to are territory names (empty
 *   when unassigned).
 * - `account`: id and name of the account, from and to as for a county.
 * - `territory-added`, `territory-removed`, `territory-renamed`: from and
 *   to are the names in each plan (empty where the plan has none).
 * - `territory-quota`, `rep-quota`, `rep-capacity`: annual figures, with
 *   difference = to - from as an exact decimal (empty when a side has none).
 * - `missing-figures`: id is `quota` or `capacity`, and from or to carries
 *   the reason that plan has no such figures.
 */
export function planDiffCsv(diff: PlanDiff): string {
  const rows: string[][] = [];
  for (const county of diff.counties) {
    const { from, to } = county;
    rows.push(["county", county.unitId, county.name, nameOf(from), nameOf(to)]);
  }
  for (const account of diff.accounts) {
    const { from, to } = account;
    rows.push([
      "account",
      account.accountId,
      account.name,
      nameOf(from),
      nameOf(to),
    ]);
  }
  for (const change of diff.territories) rows.push(territoryRow(change));
  for (const [kind, changes] of [
    ["territory-quota", diff.territoryQuotas],
    ["rep-quota", diff.repQuotas],
    ["rep-capacity", diff.repCapacity],
  ] as const) {
    for (const change of changes) rows.push(figureRow(kind, change));
  }
  for (const missing of diff.missing) {
    const reason = missing.message;
    const [from, to] = missing.side === "a" ? [reason, ""] : ["", reason];
    rows.push(["missing-figures", missing.section, "", from, to]);
  }

  const lines = rows.map((row) => {
    const cells = [...row, ...new Array(6 - row.length).fill("")];
    return cells.map(csvCell).join(",");
  });
  return [DIFF_CSV_HEADER, ...lines].join("\n") + "\n";
}

function nameOf(territory: DiffTerritory | null): string {
  return territory?.name ?? "";
}

function territoryRow(change: TerritoryChange): string[] {
  const name = change.to ?? change.from ?? "";
  return [
    `territory-${change.kind}`,
    change.id,
    name,
    change.from ?? "",
    change.to ?? "",
  ];
}

function figureRow(kind: string, change: FigureChange): string[] {
  return [
    kind,
    change.id,
    change.name,
    change.a ?? "",
    change.b ?? "",
    change.difference ?? "",
  ];
}
