import { csvCell } from "../io/csv-cell.ts";
import { describeTrace } from "../trace.ts";
import type { Kpi } from "./types.ts";

const HEADER = "kpi,label,level,id,name,value,unit,trace";

/**
 * Formats KPIs as CSV: one row per KPI with the level "plan", then one row
 * per breakdown row, each with its trace on one line.
 */
export function formatInsightsCsv(kpis: readonly Kpi[]): string {
  const lines = [HEADER];
  for (const kpi of kpis) {
    const head = [kpi.id, kpi.label];
    lines.push(
      [...head, "plan", "", "", kpi.value, kpi.unit, describeTrace(kpi.trace)]
        .map(csvCell)
        .join(","),
    );
    for (const row of kpi.breakdown) {
      const cells = [row.level, row.id, row.name, row.value, kpi.unit];
      lines.push(
        [...head, ...cells, describeTrace(row.trace)].map(csvCell).join(","),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
