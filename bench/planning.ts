// Capacity and the quota cascade of a generated plan, recalculated by
// Meridian's model and by the same model as a HyperFormula workbook.
//
// HyperFormula is GPL-3.0 (version 3.5.0, a devDependency). It is used by
// benchmarks only: no app, server or CLI code imports it, and nothing that
// ships includes it. bench/planning-workbook.ts builds the workbook and
// lists where it simplifies the model.
//
// One run takes several minutes, so `npm run bench` leaves it out; run it
// with `npm run bench:planning`. `--runs N` sets how many
// times the workbook recalculates each edit (3 unless given).
import { cpus, loadavg, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { HyperFormula } from "hyperformula";
import {
  computeCapacity,
  type CapacityResult,
} from "../model/capacity/capacity.ts";
import { centsToString, parseMoney, toCents } from "../model/money.ts";
import { buildTargets, yearTarget } from "../model/plan/targets.ts";
import { cascadeQuotas } from "../model/quota/cascade.ts";
import type { QuotaCascadeResult } from "../model/quota/types.ts";
import { formatMs, medianMs, percentile, type BenchResult } from "./harness.ts";
import {
  capacityPeople,
  cascadeInput,
  generatePlanningInputs,
  targetInputs,
  type PlanningInputs,
} from "./planning-inputs.ts";
import { CAPACITY, QUOTA_MONTH, TERRITORY } from "./planning-layout.ts";
import { planningSheets } from "./planning-workbook.ts";

/** Territory whose annual quota both engines must agree on to the cent. */
const CHECKED_TERRITORY = 778;
/** Runs of each Meridian recalculation whose median is reported. */
const MERIDIAN_RUNS = 10;
/** Recalculations of each workbook edit, alternating the new and the old value. */
const DEFAULT_WORKBOOK_RUNS = 3;

interface PlanningResult {
  capacity: CapacityResult;
  quotas: QuotaCascadeResult;
}

/** One input edit, applied to the plain inputs and to the workbook. */
interface Edit {
  label: string;
  sheet: string;
  row: number;
  col: number;
  values: [number, number];
  apply(inputs: PlanningInputs, value: number): void;
}

/**
 * Builds capacity and the quota cascade with both engines, checks that they
 * agree, then changes one input at a time and recalculates. The company's
 * annual quota is the sum of the year's targets, so a target edit reaches
 * both the capacity gap and every quota.
 */
export function benchPlanning(
  workbookRuns = DEFAULT_WORKBOOK_RUNS,
): BenchResult {
  const inputs = generatePlanningInputs();
  const checked = inputs.territories[CHECKED_TERRITORY];
  const edits = planningEdits(inputs);
  console.log(
    `Plan: ${inputs.roles.length} roles, ${inputs.regions.length} regions, ${inputs.territories.length} territories, ${inputs.reps.length} rep seats (${inputs.reps.filter((r) => r.hireMonth !== null).length} planned hires), ${Object.keys(inputs.adjustments).length} manual adjustments, 12 months of ${inputs.year.id}.`,
  );

  // Meridian: the first calculation is cold, as the workbook's build is.
  const buildStart = performance.now();
  let meridian = recalculate(inputs);
  const meridianBuildMs = performance.now() - buildStart;
  const meridianEditMs = edits.map((edit) => {
    let turn = 0;
    return medianMs(
      () => {
        edit.apply(inputs, edit.values[turn++ % 2]);
        recalculate(inputs);
      },
      MERIDIAN_RUNS,
      2,
    );
  });

  // What the app recomputes after a stroke on the map: the cascade alone,
  // because targets and capacity do not depend on potential.
  const potentialEdit = edits[1];
  const companyCents = yearTarget(
    buildTargets(inputs.year, targetInputs(inputs)),
  ).cents;
  let cascadeTurn = 0;
  const cascadeOnlyMs = medianMs(
    () => {
      potentialEdit.apply(inputs, potentialEdit.values[cascadeTurn++ % 2]);
      cascadeQuotas(cascadeInput(inputs, companyCents), "preserve");
    },
    MERIDIAN_RUNS,
    2,
  );
  potentialEdit.apply(inputs, potentialEdit.values[1]);

  const sheets = planningSheets(inputs);
  const formulaCount = Object.values(sheets)
    .flat(2)
    .filter((v) => typeof v === "string" && v.startsWith("=")).length;
  console.log(
    `Workbook: ${Object.keys(sheets).length} sheets, ${formulaCount.toLocaleString("en")} formulas.`,
  );

  const workbookStart = performance.now();
  const workbook = HyperFormula.buildFromSheets(sheets, {
    licenseKey: "gpl-v3",
    dateFormats: ["YYYY-MM-DD"],
    // Read values keep 15 significant digits. The default of 11 drops the
    // cents of amounts from $1 billion up, such as the company quota.
    precisionRounding: 14,
  });
  const workbookBuildMs = performance.now() - workbookStart;
  console.log(`HyperFormula build: ${formatMs(workbookBuildMs)}`);
  compare(workbook, meridian, checked.id, "after the build");

  const workbookEditMs = edits.map((edit) => {
    const sheet = workbook.getSheetId(edit.sheet)!;
    const times: number[] = [];
    for (let run = 0; run < workbookRuns; run++) {
      const value = edit.values[run % 2];
      const start = performance.now();
      workbook.setCellContents({ sheet, row: edit.row, col: edit.col }, value);
      times.push(performance.now() - start);
      edit.apply(inputs, value);
      meridian = recalculate(inputs);
      compare(workbook, meridian, checked.id, `after ${edit.label}`);
    }
    // Back to the generated value, for the next edit.
    workbook.setCellContents(
      { sheet, row: edit.row, col: edit.col },
      edit.values[1],
    );
    edit.apply(inputs, edit.values[1]);
    console.log(
      `HyperFormula, ${edit.label}: ${times.map(formatMs).join(", ")}`,
    );
    return percentile(times, 50);
  });
  workbook.destroy();

  const ratio = (ms: number, baseline: number) =>
    Math.round(ms / baseline).toLocaleString("en");
  const rows = [
    {
      step: "build: first full calculation",
      Meridian: formatMs(meridianBuildMs),
      HyperFormula: formatMs(workbookBuildMs),
      ratio: ratio(workbookBuildMs, meridianBuildMs),
    },
    ...edits.map((edit, i) => ({
      step: `recalculation after ${edit.label}`,
      Meridian: formatMs(meridianEditMs[i]),
      HyperFormula: formatMs(workbookEditMs[i]),
      ratio: ratio(workbookEditMs[i], meridianEditMs[i]),
    })),
    {
      step: `cascade alone after ${potentialEdit.label} (the app after a stroke)`,
      Meridian: formatMs(cascadeOnlyMs),
      HyperFormula: formatMs(workbookEditMs[1]),
      ratio: ratio(workbookEditMs[1], cascadeOnlyMs),
    },
  ];
  return { name: "Planning recalculation against HyperFormula", rows };
}

/** Meridian's full recalculation: targets, capacity, then the cascade. */
function recalculate(inputs: PlanningInputs): PlanningResult {
  const targets = buildTargets(inputs.year, targetInputs(inputs));
  const { reps, hires } = capacityPeople(inputs);
  const capacity = computeCapacity({
    year: inputs.year,
    roles: inputs.roles,
    reps,
    hires,
    targets,
  });
  const companyCents = yearTarget(targets).cents;
  const quotas = cascadeQuotas(cascadeInput(inputs, companyCents), "preserve");
  return { capacity, quotas };
}

function planningEdits(inputs: PlanningInputs): Edit[] {
  const enterprise = inputs.targets.monthly.get("Enterprise")!;
  const territory = inputs.territories[0];
  const potential = inputs.potentialCents[territory.id];
  return [
    {
      label: `the Enterprise target of ${inputs.year.months[0].id}`,
      sheet: "Targets",
      row: 1 + [...inputs.targets.monthly.keys()].indexOf("Enterprise"),
      col: 1,
      // Plus $1,000,000.01, so that the company quota changes by an odd cent.
      values: [enterprise[0] + 100_000_001, enterprise[0]],
      apply: (plan, value) => {
        plan.targets.monthly.get("Enterprise")![0] = value;
      },
    },
    {
      label: `the potential of ${territory.name}`,
      sheet: "Territories",
      row: 1,
      col: TERRITORY.potential,
      values: [potential * 2, potential],
      apply: (plan, value) => {
        plan.potentialCents[territory.id] = value;
      },
    },
  ];
}

/**
 * Compares the workbook with Meridian: every month's capacity, cost of sales
 * and gap, and every node's annual and monthly quota. Raises when the
 * company capacity of month 1 or the checked territory's annual quota
 * differ, and prints how many of the other figures agree.
 */
function compare(
  workbook: HyperFormula,
  meridian: PlanningResult,
  territoryId: string,
  when: string,
): void {
  const capacityRows = workbook.getSheetValues(
    workbook.getSheetId("Capacity")!,
  );
  const quotaRows = workbook.getSheetValues(
    workbook.getSheetId("QuotaMonths")!,
  );
  const workbookQuota = new Map(
    quotaRows.slice(1).map((row) => [String(row[QUOTA_MONTH.nodeId]), row]),
  );
  const mismatches: string[] = [];
  let figureCount = 0;
  const check = (figure: string, expected: number, actual: unknown) => {
    figureCount += 1;
    if (actual !== expected) {
      mismatches.push(
        `${figure}: Meridian ${expected}, HyperFormula ${JSON.stringify(actual)}`,
      );
    }
  };

  meridian.capacity.months.forEach((month, i) => {
    const row = capacityRows[i + 1];
    check(
      `capacity ${month.monthId}`,
      month.capacity.cents,
      row[CAPACITY.capacity],
    );
    check(
      `cost of sales ${month.monthId}`,
      month.costOfSales.cents,
      row[CAPACITY.cost],
    );
    check(`gap ${month.monthId}`, month.gap!.cents, row[CAPACITY.gap]);
  });
  for (const quota of meridian.quotas.quotas) {
    const row = workbookQuota.get(quota.nodeId);
    check(
      `annual quota of ${quota.nodeId}`,
      moneyCents(quota.annual),
      row?.[QUOTA_MONTH.annual],
    );
    quota.months.forEach((month, i) =>
      check(
        `quota of ${quota.nodeId} in month ${month.month}`,
        moneyCents(month.amount),
        row?.[QUOTA_MONTH.firstMonth + i],
      ),
    );
  }

  const firstMonth = meridian.capacity.months[0];
  const workbookCapacity = capacityRows[1][CAPACITY.capacity];
  const territoryQuota = meridian.quotas.quotas.find(
    (q) => q.nodeId === territoryId,
  )!;
  const workbookTerritory =
    workbookQuota.get(territoryId)?.[QUOTA_MONTH.annual];
  console.log(
    `Check ${when}: company capacity ${firstMonth.monthId} Meridian ${firstMonth.capacity.amount}, HyperFormula ${money(workbookCapacity)}; ` +
      `annual quota of ${territoryQuota.name} Meridian ${territoryQuota.annual}, HyperFormula ${money(workbookTerritory)}; ` +
      `${figureCount - mismatches.length} of ${figureCount} figures agree to the cent.`,
  );
  for (const mismatch of mismatches.slice(0, 5))
    console.log(`  differs: ${mismatch}`);

  if (
    workbookCapacity !== firstMonth.capacity.cents ||
    workbookTerritory !== moneyCents(territoryQuota.annual)
  ) {
    throw new Error(
      `HyperFormula and Meridian disagree ${when} on the company capacity of ${firstMonth.monthId} or the annual quota of ${territoryQuota.name}. Check the workbook's formulas in bench/planning-*-sheets.ts.`,
    );
  }
}

function moneyCents(amount: string): number {
  return toCents(parseMoney(amount));
}

function money(value: unknown): string {
  return typeof value === "number" && Number.isSafeInteger(value)
    ? centsToString(value)
    : JSON.stringify(value);
}

function readRuns(argv: readonly string[]): number {
  const at = argv.indexOf("--runs");
  if (at === -1) return DEFAULT_WORKBOOK_RUNS;
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
  const result = benchPlanning(readRuns(process.argv));
  console.log(`\n## ${result.name}\n`);
  console.table(result.rows);
  console.log(`Load average at the end: ${loadavg()[0].toFixed(1)}`);
}
