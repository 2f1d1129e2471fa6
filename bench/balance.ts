import { performance } from "node:perf_hooks";
import path from "node:path";
import { readBalanceData } from "../cli/commands/balance-data.ts";
import { AdjacencyGraph } from "../model/geo/adjacency.ts";
import { balanceTerritories } from "../model/optimize/balance.ts";
import { perturbDesign } from "../model/optimize/perturb.ts";
import type { BalanceInput, BalanceResult } from "../model/optimize/types.ts";
import { percentile, type BenchResult } from "./harness.ts";

const CASES: [state: string, territories: number][] = [
  ["TX", 8],
  ["CA", 10],
  ["GA", 6],
  ["OH", 5],
  ["IA", 4],
];
const SEED = 1;
const PERTURB_SHARE = 0.1;
const RUNS = 5;

/**
 * Territory auto-balance on real states by population, tolerance 5%: a
 * design from scratch, then a repair with minimize-disruption after 10% of
 * the scratch design's boundary units were moved to a neighbouring territory
 * (seed 1). Time is the median of 5 runs after one warm-up run.
 */
export function benchBalance(): BenchResult {
  const data = readBalanceData(path.resolve("public/data"));
  const graph = new AdjacencyGraph(data.shapes);

  const rows: Record<string, string | number>[] = [];
  for (const [state, count] of CASES) {
    const units = data.units.filter(
      (u) => data.states.find((s) => s.fips === u.stateFips)?.code === state,
    );
    const input: BalanceInput = {
      graph,
      unitIds: units.map((u) => u.id),
      weights: new Map(units.map((u) => [u.id, u.population])),
      territories: Array.from({ length: count }, (_, i) => ({
        id: `T${i + 1}`,
      })),
      tolerancePercent: 5,
      mode: "scratch",
      seed: SEED,
    };

    const scratch = timed(input);
    rows.push(row(state, units.length, "scratch", scratch, "-"));

    const perturbed = perturbDesign(
      graph,
      scratch.result.assignment,
      PERTURB_SHARE,
      SEED,
    );
    const changed = [...perturbed].filter(
      ([unitId, t]) => scratch.result.assignment.get(unitId) !== t,
    ).length;
    const repair = timed({
      ...input,
      mode: "minimize-disruption",
      current: perturbed,
    });
    rows.push(
      row(state, units.length, "minimize-disruption", repair, String(changed)),
    );
  }
  return { name: "balance, counties by population, tolerance 5%", rows };
}

function timed(input: BalanceInput): { result: BalanceResult; ms: number } {
  const result = balanceTerritories(input);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    balanceTerritories(input);
    times.push(performance.now() - start);
  }
  return { result, ms: percentile(times, 50) };
}

function row(
  state: string,
  unitCount: number,
  mode: string,
  { result, ms }: { result: BalanceResult; ms: number },
  perturbed: string,
): Record<string, string | number> {
  return {
    state: `${state} ${unitCount} → ${result.territories.length}`,
    mode,
    "max dev": `${result.maxDeviationPercent}%`,
    met: result.toleranceMet ? "yes" : "no",
    "max dev, others": `${othersMaxDeviation(result)}%`,
    pieces: result.territories.map((t) => t.pieces).join(""),
    "min PP": Math.min(
      ...result.territories.map((t) => t.polsbyPopper ?? 0),
    ).toFixed(2),
    perturbed,
    moved: mode === "scratch" ? "-" : result.unitsMoved,
    moves: result.iterations,
    stop: result.stopReason,
    "median ms": ms.toFixed(1),
  };
}

/** Largest |deviation| among the territories that hold no heavy unit (the ones a design can still balance). */
function othersMaxDeviation(result: BalanceResult): string {
  const heavy = new Set(
    result.obstacles.flatMap((o) =>
      o.kind === "heavy-unit" ? [result.assignment.get(o.unitId)] : [],
    ),
  );
  const tenths = result.territories
    .filter((t) => !heavy.has(t.id))
    .map((t) => Math.abs(Math.round(Number(t.deviationPercent) * 10)));
  return (Math.max(...tenths) / 10).toFixed(1);
}
