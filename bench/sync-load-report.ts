import type { LoadResult } from "./sync-load-edits.ts";
import type { PlansResult } from "./sync-load-plans.ts";

// Markdown summaries of bench/sync-load.ts, ready to paste into
// docs/BENCHMARKS.md.

/** The p99 goal: Meridian's p99 at most this many times the reference's. */
export const P99_RATIO_GOAL = 1.2;

/** Returns a Markdown table of every load run and the ratios per run. */
export function formatLoadSummary(results: LoadResult[]): string {
  const lines = [
    "| run | server | p50 | p99 | max | missing of expected | server CPU, mean and peak | CPU ms per edit | server RSS before → peak | client CPU | load average |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.run} | ${r.server} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${(r.deliveriesExpected - r.deliveries).toLocaleString("en-US")} of ${r.deliveriesExpected.toLocaleString("en-US")} | ${r.serverCpuPercent.toFixed(0)} %, ${r.serverPeakCpuPercent.toFixed(0)} % | ${r.serverCpuMsPerEdit.toFixed(2)} | ${r.serverRssStartMiB.toFixed(0)} → ${r.serverRssPeakMiB.toFixed(0)} MiB | ${r.clientCpuPercent.toFixed(0)} % | ${r.loadAverage.map((v) => v.toFixed(1)).join(" → ")} |`,
    );
  }

  const ratios = loadRatios(results);
  if (ratios.length === 0) return lines.join("\n");
  lines.push(
    "",
    "| run | p50 Meridian/reference | p99 Meridian/reference | CPU ms per edit Meridian/reference | every delivery arrived |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const ratio of ratios) {
    lines.push(
      `| ${ratio.run} | ${ratio.p50.toFixed(2)} | ${ratio.p99.toFixed(2)} | ${ratio.cpu.toFixed(2)} | ${ratio.complete ? "yes" : "no"} |`,
    );
  }
  // A run with missing deliveries times only those that arrived, so its
  // percentiles understate the tail and its ratio does not count.
  const p99s = ratios.filter((r) => r.complete).map((r) => r.p99);
  const skipped = ratios.length - p99s.length;
  const skippedNote =
    skipped > 0
      ? ` ${skipped} of ${ratios.length} runs had missing deliveries and are left out.`
      : "";
  if (p99s.length === 0) {
    lines.push(
      "",
      `p99 ratio Meridian/reference: no complete run.${skippedNote}`,
    );
    return lines.join("\n");
  }
  const met = p99s.filter((ratio) => ratio <= P99_RATIO_GOAL).length;
  lines.push(
    "",
    `p99 ratio Meridian/reference over complete runs: median ${median(p99s).toFixed(2)}, range ${Math.min(...p99s).toFixed(2)}–${Math.max(...p99s).toFixed(2)}; at most ${P99_RATIO_GOAL} in ${met} of ${p99s.length}.${skippedNote}`,
  );
  return lines.join("\n");
}

/** Returns a Markdown table of every open-plans run. */
export function formatPlansSummary(results: PlansResult[]): string {
  const lines = [
    "| run | server | RSS after start | RSS with the plans open | per plan | time to open all |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.run} | ${r.server} | ${r.rssStartedMiB} MiB | ${r.rssOpenMiB} MiB | ${r.perPlanKiB} KiB | ${r.openSeconds} s |`,
    );
  }
  return lines.join("\n");
}

function loadRatios(results: LoadResult[]) {
  const runs = [...new Set(results.map((r) => r.run))];
  return runs.flatMap((run) => {
    const meridian = results.find(
      (r) => r.run === run && r.server === "meridian",
    );
    const reference = results.find(
      (r) => r.run === run && r.server === "reference",
    );
    if (!meridian || !reference) return [];
    return [
      {
        run,
        p50: meridian.p50 / reference.p50,
        p99: meridian.p99 / reference.p99,
        cpu: meridian.serverCpuMsPerEdit / reference.serverCpuMsPerEdit,
        complete:
          meridian.deliveries === meridian.deliveriesExpected &&
          reference.deliveries === reference.deliveriesExpected,
      },
    ];
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function ms(value: number): string {
  return value < 10
    ? `${value.toFixed(1)} ms`
    : `${Math.round(value).toLocaleString("en-US")} ms`;
}
