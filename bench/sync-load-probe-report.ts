// Formats what bench/sync-load-probe.ts measured in one Meridian run as
// plain text: the event-loop delay, each phase's wall and CPU time, the
// garbage collections and the longest calls.

/** The JSON the probe writes, as far as this report reads it. */
export interface ProbeResult {
  windowMs: number;
  loopDelayMs: { p50: number; p99: number; p999: number; max: number };
  phases: Record<
    string,
    {
      calls: number;
      wallMs: number;
      cpuMs: number;
      waitMs: number;
      maxCpuMs: number;
      p50Ms: number;
      p99Ms: number;
      maxMs: number;
    }
  >;
  gc: {
    count: number;
    totalMs: number;
    maxMs: number;
    listed: { at: number; ms: number; kind: number }[];
  };
  lateTicks: { at: number; lateMs: number; cpuMs: number }[];
  listed: {
    phase: string;
    at: number;
    wallMs: number;
    cpuMs: number;
    waitMs: number;
    detail?: string;
  }[];
}

/** Names of the `kind` values of Node's 'gc' performance entries. */
const GC_KINDS: Record<number, string> = {
  1: "minor",
  2: "major",
  4: "incremental",
  8: "weak callbacks",
};
/** Calls listed one by one, those that used the most CPU first. */
const LISTED_CALLS = 12;

export function formatProbe(probe: ProbeResult): string {
  const ms = (value: number) => value.toFixed(1);
  const delay = probe.loopDelayMs;
  const late = probe.lateTicks;
  const cpuBlocks = (min: number) =>
    late.filter((tick) => tick.cpuMs >= min).length;
  const lines = [
    `Probe over ${(probe.windowMs / 1000).toFixed(1)} s of timed edits. Event-loop delay p50 ${ms(delay.p50)} ms, p99 ${ms(delay.p99)} ms, p99.9 ${ms(delay.p999)} ms, max ${ms(delay.max)} ms.`,
    `A 5 ms timer ran 20 ms or more late ${late.length} times. The main thread used 20 ms or more of CPU in ${cpuBlocks(20)} of those gaps, 50 ms or more in ${cpuBlocks(50)}, max ${ms(Math.max(0, ...late.map((tick) => tick.cpuMs)))} ms.`,
    "",
    "Wall-clock columns are per call. CPU and wait are the main thread's time on a CPU and waiting for one (Linux schedstat).",
    "",
    "| phase | calls | wall ms | CPU ms | wait ms | wall p50 ms | wall p99 ms | wall max ms | CPU max ms |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const [phase, stats] of Object.entries(probe.phases)) {
    lines.push(
      `| ${phase} | ${stats.calls} | ${stats.wallMs.toFixed(0)} | ${stats.cpuMs.toFixed(0)} | ${stats.waitMs.toFixed(0)} | ${stats.p50Ms.toFixed(2)} | ${stats.p99Ms.toFixed(2)} | ${ms(stats.maxMs)} | ${ms(stats.maxCpuMs)} |`,
    );
  }

  const byKind = new Map<string, number[]>();
  for (const gc of probe.gc.listed) {
    const kind = GC_KINDS[gc.kind] ?? `kind ${gc.kind}`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), gc.ms]);
  }
  const listedGcs = [...byKind]
    .map(
      ([kind, times]) =>
        `${times.length} ${kind} (max ${ms(Math.max(...times))} ms)`,
    )
    .join(", ");
  lines.push(
    "",
    `GC: ${probe.gc.count} pauses, ${probe.gc.totalMs.toFixed(0)} ms in all, max ${ms(probe.gc.maxMs)} ms. Pauses of 5 ms or more: ${listedGcs || "none"}.`,
    "",
    `Calls that used the most CPU (CPU ms / wall ms, at ms into the window):`,
  );
  const longest = [...probe.listed]
    .sort((a, b) => b.cpuMs - a.cpuMs)
    .slice(0, LISTED_CALLS);
  for (const call of longest) {
    const detail = call.detail ? `, ${call.detail}` : "";
    lines.push(
      `- ${call.phase}: ${ms(call.cpuMs)} / ${ms(call.wallMs)} at ${call.at.toFixed(0)}${detail}`,
    );
  }
  return lines.join("\n");
}
