// Account segmentation (k-means++ and Lloyd iterations on standardised
// features) of 100,000 generated accounts into k = 8 segments, with and
// without a deal history. Run it with `npm run bench:clustering`. `--runs N`
// sets the timed runs of each case (5 unless given).
import { cpus, loadavg, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { centsToString } from "../model/money.ts";
import {
  segmentAccounts,
  type SegmentationAccount,
  type SegmentationDeal,
  type SegmentationResult,
} from "../model/segmentation/index.ts";
import { generatePlan } from "./generated-plan.ts";
import {
  formatMs,
  percentile,
  seededRandom,
  type BenchResult,
} from "./harness.ts";

const K = 8;
const SEED = 1;
const DEFAULT_RUNS = 5;
/** Deals in the generated history: three per account on average. */
const DEAL_COUNT = 300_000;

/**
 * Builds the generated plan's 100,000 accounts, each with its unit's population
 * and a location within 0.25 degrees of its unit. Unit locations are spread
 * at random over the contiguous United States' box, from seed 42.
 */
export function generateSegmentationAccounts(): SegmentationAccount[] {
  const plan = generatePlan();
  const random = seededRandom(42);
  const units = new Map(
    plan.units.map((unit) => [
      unit.id,
      {
        population: unit.population,
        lon: -124 + 57 * random(),
        lat: 25 + 24 * random(),
      },
    ]),
  );
  return plan.accounts.map((account, i) => {
    const unit = units.get(account.unitId)!;
    return {
      id: `a${i}`,
      potentialCents: account.potentialCents,
      population: unit.population,
      lon: unit.lon + (random() - 0.5) / 2,
      lat: unit.lat + (random() - 0.5) / 2,
    };
  });
}

/** Generates DEAL_COUNT deals from seed 43, each under $50,000, on accounts picked at random. */
function generateDeals(
  accounts: readonly SegmentationAccount[],
): SegmentationDeal[] {
  const random = seededRandom(43);
  return Array.from({ length: DEAL_COUNT }, () => ({
    account: accounts[Math.floor(random() * accounts.length)].id,
    amount: centsToString(Math.floor(random() * 5_000_000)),
  }));
}

export function benchClustering(runs = DEFAULT_RUNS): BenchResult {
  const accounts = generateSegmentationAccounts();
  const deals = generateDeals(accounts);
  return {
    name: `Segmentation of ${accounts.length.toLocaleString("en-US")} accounts, k = ${K}, seed ${SEED}`,
    rows: [
      measure("potential, population, location", runs, () =>
        segmentAccounts(accounts, { k: K, seed: SEED }),
      ),
      measure(`with ${DEAL_COUNT.toLocaleString("en-US")} deals`, runs, () =>
        segmentAccounts(accounts, { k: K, seed: SEED, deals }),
      ),
    ],
  };
}

/** Runs `segment` once to warm up, then `runs` times, and reports the median and the figures of the last run. */
function measure(
  features: string,
  runs: number,
  segment: () => SegmentationResult,
) {
  let result = segment();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = segment();
    times.push(performance.now() - start);
  }
  return {
    features,
    runs,
    "median time": formatMs(percentile(times, 50)),
    "max time": formatMs(Math.max(...times)),
    iterations: result.iterations,
    converged: String(result.converged),
    silhouette: result.silhouette.toFixed(3),
    "smallest segment": Math.min(...result.segments.map((s) => s.accountCount)),
    "largest segment": Math.max(...result.segments.map((s) => s.accountCount)),
  };
}

function readRuns(argv: readonly string[]): number {
  const at = argv.indexOf("--runs");
  if (at === -1) return DEFAULT_RUNS;
  const runs = Number(argv[at + 1]);
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(
      `--runs needs a positive whole number, got ${JSON.stringify(argv[at + 1])}.`,
    );
  }
  return runs;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`,
  );
  const result = benchClustering(readRuns(process.argv));
  console.log(`\n## ${result.name}\n`);
  console.table(result.rows);
  console.log(`Load average at the end: ${loadavg()[0].toFixed(1)}`);
}
