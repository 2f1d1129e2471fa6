import { cpus, totalmem } from "node:os";
import { benchBalance } from "./balance.ts";
import { benchBrowserOpen } from "./browser-open.ts";
import { benchCoverage } from "./coverage.ts";
import { benchDocSize } from "./doc-size.ts";
import { benchPaintLatency } from "./paint-latency.ts";
import { benchServerMemory } from "./server-memory.ts";
import { benchStrokeLatency } from "./stroke-latency.ts";
import type { BenchResult } from "./harness.ts";

// Runs every benchmark, or those named on the command line, and prints one
// table each. Results are also written as JSON to bench/results/.
const benches: Record<string, () => BenchResult | Promise<BenchResult>> = {
  coverage: benchCoverage,
  balance: benchBalance,
  "doc-size": () => benchDocSize(),
  "server-memory": () => benchServerMemory(),
  "browser-open": () => benchBrowserOpen(),
  "stroke-latency": () => benchStrokeLatency(),
  "paint-latency": () => benchPaintLatency(),
};

const selected = process.argv.slice(2);
const unknown = selected.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(", ")}. Known: ${Object.keys(benches).join(", ")}.`,
  );
  process.exit(2);
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
for (const name of selected.length > 0 ? selected : Object.keys(benches)) {
  const result = await benches[name]();
  console.log(`\n## ${result.name}\n`);
  console.table(result.rows);
}
