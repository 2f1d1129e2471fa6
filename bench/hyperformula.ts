// Territory sums as a HyperFormula workbook against Meridian's own
// recalculation, on the generated plan of bench/coverage.ts.
//
// HyperFormula is GPL-3.0 (version 3.5.0, a devDependency). It is used by
// this benchmark only: no app, server or CLI code imports it, and nothing
// that ships includes it. One run takes minutes, so `npm run bench` leaves
// it out; run it with `npm run bench:hyperformula`. `-- --accounts N` takes
// the first N accounts of the generated plan for a quick check.
import { cpus, loadavg, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { HyperFormula, type Sheets } from "hyperformula";
import { computeCoverage, CoverageIndex } from "../model/coverage.ts";
import { LiveCoverage } from "../model/coverage-live.ts";
import { LiveMetrics } from "../model/metrics-live.ts";
import { sumByTerritory, type MetricIndex } from "../model/metrics.ts";
import { generatePlan } from "./generated-plan.ts";
import { formatMs, medianMs } from "./harness.ts";

/** Units repainted by the edit: units 1 to 50 move from t1..t50 into t0. */
const STROKE_SIZE = 50;
const STROKE_TERRITORY = "t0";

const plan = generatePlan();
const accounts = plan.accounts.slice(0, readAccountCount(process.argv));
const { units, territoryIds, assignments } = plan;
const strokeUnits = units.slice(1, 1 + STROKE_SIZE).map((u) => u.id);
const painted = new Map(assignments);
for (const unitId of strokeUnits) painted.set(unitId, STROKE_TERRITORY);

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`,
);
console.log(
  `Plan: ${units.length} units, ${accounts.length} accounts, ${territoryIds.length} territories; the edit repaints ${STROKE_SIZE} units into ${STROKE_TERRITORY}.`,
);

// Meridian: the per-unit index once, then the full and the incremental
// recalculation of the same edit.
const indexMs = medianMs(() => new CoverageIndex(units, accounts), 10, 2);
const coverageIndex = new CoverageIndex(units, accounts);
// Workload of 1.0 per account, in tenths, so every metric has a value.
const metricIndex: MetricIndex = {
  coverage: coverageIndex,
  workloadTenths: Float64Array.from(coverageIndex.accounts, (n) => n * 10),
};

const fullCoverageMs = medianMs(() =>
  computeCoverage(coverageIndex, territoryIds, painted),
);
const fullSumsMs = medianMs(() =>
  sumByTerritory(metricIndex, territoryIds, painted),
);

// The stroke is applied forward and back in turns, so every run moves units.
const liveMetrics = new LiveMetrics(metricIndex, territoryIds, assignments);
let forward = true;
const liveSumsMs = medianMs(
  () => {
    for (const unitId of strokeUnits) {
      liveMetrics.assign(
        unitId,
        forward ? STROKE_TERRITORY : assignments.get(unitId)!,
      );
    }
    forward = !forward;
    liveMetrics.sums();
  },
  200,
  20,
);
const liveCoverage = new LiveCoverage(coverageIndex, territoryIds, assignments);
forward = true;
const liveCoverageMs = medianMs(() => {
  for (const unitId of strokeUnits) {
    const home = assignments.get(unitId)!;
    if (forward) liveCoverage.move(unitId, home, STROKE_TERRITORY);
    else liveCoverage.move(unitId, STROKE_TERRITORY, home);
  }
  forward = !forward;
  liveCoverage.result();
});

// HyperFormula: Units (unit id, territory id), Accounts (unit id, potential
// in cents, VLOOKUP of the territory) and Territories (territory id, SUMIF
// of potential). Ids are text: a leading apostrophe keeps "00042" from
// being read as the number 42.
const sheets: Sheets = {
  Units: units.map((u) => [`'${u.id}`, assignments.get(u.id)!]),
  Accounts: accounts.map((a, row) => [
    `'${a.unitId}`,
    a.potentialCents,
    `=VLOOKUP(A${row + 1},Units!$A$1:$B$${units.length},2,FALSE())`,
  ]),
  Territories: territoryIds.map((id, row) => [
    id,
    `=SUMIF(Accounts!$C$1:$C$${accounts.length},A${row + 1},Accounts!$B$1:$B$${accounts.length})`,
  ]),
};

const buildStart = performance.now();
const workbook = HyperFormula.buildFromSheets(sheets, {
  licenseKey: "gpl-v3",
  // The default limit of 40,000 rows a sheet is below the account count.
  maxRows: Math.max(40_000, accounts.length),
});
const buildMs = performance.now() - buildStart;
console.log(`HyperFormula build: ${formatMs(buildMs)}`);
const unitSheet = sheetId("Units");
const territorySheet = sheetId("Territories");
checkSums("before the edit", assignments);

const recalcStart = performance.now();
workbook.batch(() => {
  for (const unitId of strokeUnits) {
    const row = coverageIndex.indexOf.get(unitId)!;
    workbook.setCellContents(
      { sheet: unitSheet, row, col: 1 },
      STROKE_TERRITORY,
    );
  }
});
const recalcMs = performance.now() - recalcStart;
console.log(`HyperFormula recalculation: ${formatMs(recalcMs)}`);
checkSums("after the edit", painted);
workbook.destroy();

const times = (ms: number, baseline: number) =>
  Math.round(ms / baseline).toLocaleString("en");
console.log("\nBuild");
console.table([
  {
    method: "Meridian: per-unit index from the accounts (baseline)",
    time: formatMs(indexMs),
    "ratio to baseline": 1,
  },
  {
    method: "HyperFormula: buildFromSheets, every formula evaluated",
    time: formatMs(buildMs),
    "ratio to baseline": times(buildMs, indexMs),
  },
]);
console.log(`\nRecalculation after repainting ${STROKE_SIZE} units`);
console.table([
  {
    method: "Meridian incremental: LiveMetrics, then every total (baseline)",
    time: formatMs(liveSumsMs),
    "ratio to baseline": 1,
  },
  {
    method: "Meridian incremental: LiveCoverage, then every deviation",
    time: formatMs(liveCoverageMs),
    "ratio to baseline": times(liveCoverageMs, liveSumsMs),
  },
  {
    method: "Meridian full: sumByTerritory, every metric",
    time: formatMs(fullSumsMs),
    "ratio to baseline": times(fullSumsMs, liveSumsMs),
  },
  {
    method: "Meridian full: computeCoverage, with deviation",
    time: formatMs(fullCoverageMs),
    "ratio to baseline": times(fullCoverageMs, liveSumsMs),
  },
  {
    method: "HyperFormula: 50 cells set in one batch",
    time: formatMs(recalcMs),
    "ratio to baseline": times(recalcMs, liveSumsMs),
  },
]);
console.log(
  `HyperFormula's recalculation takes ${times(recalcMs, fullSumsMs)} times Meridian's full sum and ${times(recalcMs, liveSumsMs)} times its incremental update.`,
);

// Compares every territory's SUMIF with Meridian's potential, so that a
// wrong formula cannot produce a fast but meaningless figure.
function checkSums(when: string, expected: ReadonlyMap<string, string>): void {
  const coverage = computeCoverage(coverageIndex, territoryIds, expected);
  coverage.territories.forEach((territory, row) => {
    const value = workbook.getCellValue({ sheet: territorySheet, row, col: 1 });
    if (value !== territory.potentialCents) {
      throw new Error(
        `HyperFormula's sum for territory ${territory.territoryId} ${when} is ${JSON.stringify(value)}, but Meridian's is ${territory.potentialCents} cents. Check the workbook's formulas.`,
      );
    }
  });
}

function sheetId(name: string): number {
  const id = workbook.getSheetId(name);
  if (id === undefined) throw new Error(`The workbook has no sheet ${name}.`);
  return id;
}

function readAccountCount(argv: readonly string[]): number {
  const at = argv.indexOf("--accounts");
  if (at === -1) return Infinity;
  const count = Number(argv[at + 1]);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new Error(
      `--accounts needs a positive whole number, got ${JSON.stringify(argv[at + 1])}.`,
    );
  }
  return count;
}
