import { centsToString } from "../../model/money.ts";
import type { BalanceMetric } from "../../model/optimize/metric.ts";
import type { BalanceMode, BalanceResult } from "../../model/optimize/types.ts";
import { describeObstacle } from "../../model/optimize/obstacles.ts";
import type { State } from "./balance-data.ts";

const STOP_REASONS: Record<BalanceResult["stopReason"], string> = {
  "tolerance-met": "every territory is within the tolerance",
  "obstacles-only":
    "every territory is within the tolerance except where an obstacle keeps it out",
  "no-improving-move": "no move improves the balance further",
  "iteration-limit": "the move limit was reached",
  cancelled: "cancelled",
};

export interface SummaryInput {
  result: BalanceResult;
  state: State;
  metric: BalanceMetric;
  mode: BalanceMode;
  seed: number;
  tolerance: string;
  unitCount: number;
  hasStart: boolean;
  unitLabel: (unitId: string) => string;
  elapsedMs: number;
  out: string;
}

export function printSummary(summary: SummaryInput): void {
  const { result, metric } = summary;
  const formatTotal = (total: number) =>
    metric === "potential" ? centsToString(total) : String(total);
  console.log(
    `${summary.state.name} (${summary.state.code}): ${summary.unitCount} counties into ${result.territories.length} territories by ${metric}, ${summary.mode}, seed ${summary.seed}, tolerance ${summary.tolerance}%.\n`,
  );
  const rows = result.territories.map((t) => [
    t.id,
    String(t.units),
    formatTotal(t.total),
    t.deviationPercent === null ? "-" : `${t.deviationPercent}%`,
    String(t.pieces),
    t.polsbyPopper === null ? "-" : t.polsbyPopper.toFixed(2),
  ]);
  const header = [
    "territory",
    "units",
    metric,
    "deviation",
    "pieces",
    "polsby-popper",
  ];
  console.log(`${textTable(header, rows)}\n`);

  const met = result.toleranceMet ? "met" : "not met";
  const maxDeviation =
    result.maxDeviationPercent === null
      ? "-"
      : `${result.maxDeviationPercent}%`;
  const lines = [
    `Max deviation: ${maxDeviation}, tolerance ${summary.tolerance}% ${met}.`,
    ...result.obstacles.map(
      (o) =>
        `Tolerance not reachable: ${describeObstacle(o, summary.unitLabel)}.`,
    ),
    `Pieces per territory: ${result.territories.map((t) => t.pieces).join(", ")}.`,
    summary.hasStart
      ? `Units moved: ${result.unitsMoved} of ${summary.unitCount}.`
      : `Units moved: ${result.unitsMoved} of ${summary.unitCount} (no starting design).`,
    `Moves made by the search: ${result.iterations}; it stopped because ${STOP_REASONS[result.stopReason]}.`,
    `Time: ${summary.elapsedMs.toFixed(0)} ms.`,
    `Wrote ${summary.out}.`,
  ];
  console.log(lines.join("\n"));
}

/** Lays out rows as aligned columns: the first left-aligned, the rest right-aligned. */
function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0
          ? cell.padEnd(widths[column])
          : cell.padStart(widths[column]),
      )
      .join("  ");
  return [header, ...rows].map(line).join("\n");
}
