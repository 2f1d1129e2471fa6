import { formatInsightsCsv } from "../../model/insights/csv.ts";
import type { Kpi } from "../../model/insights/types.ts";

/** Returns the CSV file name for a plan's KPIs, such as "west-plan-kpis.csv". */
export function kpiCsvFileName(planName: string): string {
  const slug = planName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "plan"}-kpis.csv`;
}

/** Starts a browser download of the KPIs and their breakdowns as CSV. */
export function downloadKpiCsv(kpis: readonly Kpi[], planName: string): void {
  const blob = new Blob([formatInsightsCsv(kpis)], {
    type: "text/csv;charset=utf-8",
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = kpiCsvFileName(planName);
  link.click();
  // The click starts the download at once, so the URL can be freed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
