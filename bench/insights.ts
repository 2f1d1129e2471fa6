// KPI recalculation of the generated 100,000-account plan after a stroke:
// 50 units repainted, then the plan-side KPIs recomputed from the unit
// index, with and without a new quota cascade over the changed potential.
// Run it with `npm run bench:insights`.
import { cpus, loadavg, totalmem } from "node:os";
import { pathToFileURL } from "node:url";
import { CoverageIndex } from "../model/coverage.ts";
import { computeInsights } from "../model/insights/insights.ts";
import {
  buildPlanKpiInput,
  type PlanKpiSources,
  type PlanUnitFigure,
} from "../model/insights/plan-input.ts";
import type { Kpi, PlanKpiInput } from "../model/insights/types.ts";
import { DEFAULT_LEVEL_RULES } from "../model/planning/inputs.ts";
import { cascadeQuotas } from "../model/quota/cascade.ts";
import type { QuotaNode } from "../model/quota/types.ts";
import { workloadByUnit } from "../model/workload.ts";
import { generatePlan } from "./generated-plan.ts";
import { formatMs, medianMs, type BenchResult } from "./harness.ts";

const REGIONS = 50;
const REPS_PER_TERRITORY = 2;
const STROKE_UNITS = 50;
const RUNS = 30;
/** Twelve monthly percents that add up to exactly 100. */
const SEASONALITY = [
  "8",
  "8",
  "8",
  "8",
  "8",
  "8",
  "8",
  "8",
  "9",
  "9",
  "9",
  "9",
];

/**
 * Builds regions, reps and open seats over the generated plan's 1,000
 * territories, then times a 50-unit stroke followed by the KPIs.
 */
export function benchInsights(): BenchResult {
  const plan = generatePlan();
  const index = new CoverageIndex(plan.units, plan.accounts);
  const workloadTenths = workloadByUnit(
    index.indexOf,
    plan.accounts.map((a) => ({ unitId: a.unitId, segment: "county" })),
  );

  const units: PlanUnitFigure[] = [
    ...Array.from({ length: REGIONS }, (_, i) => ({
      id: `r${i}`,
      name: `Region ${i}`,
      kind: "region" as const,
      parentId: null,
    })),
    ...plan.territoryIds.map((id, i) => ({
      id,
      name: `Territory ${i}`,
      kind: "territory" as const,
      parentId: `r${i % REGIONS}`,
    })),
  ];
  const nodes = quotaNodes(units);
  const assignments = new Map(plan.assignments);
  const sources: PlanKpiSources = {
    units,
    assignments,
    index: { coverage: index, workloadTenths },
    pinned: new Map(),
    reps: nodes
      .filter((n) => n.level === "rep")
      .map((n) => ({ territoryId: n.parentId })),
    hires: plan.territoryIds
      .filter((_, i) => i % 10 === 0)
      .map((territoryId) => ({ territoryId, count: 1 })),
    quotas: [],
    companyTargetCents: 100_000_000_000,
    quotaAdjustments: 0,
    accountOverrides: 0,
  };

  // The stroke moves 50 units into t0 and back on alternate runs, so every
  // run changes the figures.
  const strokeUnits = plan.units.slice(1, STROKE_UNITS + 1).map((u) => u.id);
  let forward = true;
  const stroke = () => {
    for (const unitId of strokeUnits) {
      assignments.set(unitId, forward ? "t0" : plan.assignments.get(unitId)!);
    }
    forward = !forward;
  };

  const quotas = cascade(nodes, buildPlanKpiInput(sources));
  let kpis: Kpi[] = [];
  const keptQuotasMs = medianMs(() => {
    stroke();
    kpis = computeInsights({ ...buildPlanKpiInput(sources), quotas });
  }, RUNS);
  const cascadeMs = medianMs(() => {
    stroke();
    const input = buildPlanKpiInput(sources);
    kpis = computeInsights({ ...input, quotas: cascade(nodes, input) });
  }, RUNS);

  const value = (id: string) => kpis.find((k) => k.id === id)?.value ?? "";
  const shared = {
    accounts: plan.accounts.length,
    units: plan.units.length,
    territories: plan.territoryIds.length,
    "quota nodes": nodes.length,
    KPIs: kpis.length,
    runs: RUNS,
  };
  console.log(
    `After the last run: max potential deviation ${value("potential-deviation-max")} %, standard deviation ${value("potential-deviation-sd")} %, quota over-assignment ${value("quota-over-assignment")} %.`,
  );
  return {
    name: "KPI recalculation after a 50-unit stroke",
    rows: [
      {
        step: "stroke + KPIs, quotas kept",
        ...shared,
        median: formatMs(keptQuotasMs),
      },
      {
        step: "stroke + quota cascade + KPIs",
        ...shared,
        median: formatMs(cascadeMs),
      },
    ],
  };
}

/** Builds the quota tree: company, regions, territories and their reps. */
function quotaNodes(units: readonly PlanUnitFigure[]): QuotaNode[] {
  const nodes: QuotaNode[] = [
    { id: "company", name: "Company", level: "company", parentId: null },
  ];
  for (const unit of units) {
    const level = unit.kind === "region" ? "region" : "territory";
    nodes.push({
      id: unit.id,
      name: unit.name,
      level,
      parentId: unit.parentId ?? "company",
    });
    if (unit.kind === "region") continue;
    for (let r = 0; r < REPS_PER_TERRITORY; r++) {
      nodes.push({
        id: `${unit.id}-rep${r}`,
        name: `${unit.name} rep ${r}`,
        level: "rep",
        parentId: unit.id,
      });
    }
  }
  return nodes;
}

/** Cascades the company quota by the potential the current design gives each territory. */
function cascade(nodes: readonly QuotaNode[], input: PlanKpiInput) {
  const potentialCents = Object.fromEntries(
    input.territories.map((t) => [t.id, t.potentialCents]),
  );
  return cascadeQuotas({
    nodes,
    companyQuota: "1000000000.00",
    levels: DEFAULT_LEVEL_RULES,
    potentialCents,
    seasonality: SEASONALITY,
  }).quotas;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`,
  );
  const result = benchInsights();
  console.log(`\n## ${result.name}\n`);
  console.table(result.rows);
  console.log(`Load average at the end: ${loadavg()[0].toFixed(1)}`);
}
