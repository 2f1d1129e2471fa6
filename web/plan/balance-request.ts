import type { Territory } from "../../model/doc/schema.ts";
import type { AdjacencyGraph, UnitShape } from "../../model/geo/adjacency.ts";
import {
  metricValue,
  type MetricIndex,
  type MetricName,
  type MetricTotals,
} from "../../model/metrics.ts";
import { BalanceInputError } from "../../model/optimize/errors.ts";
import {
  offsetPercent,
  parseTolerancePercent,
} from "../../model/optimize/tolerance.ts";
import type {
  BalanceMode,
  BalanceTerritory,
} from "../../model/optimize/types.ts";

/**
 * Optimizer input as plain data that a worker message can carry. It holds
 * only the units in scope, so a run sends one state's shapes, not the
 * whole country's.
 */
export interface BalanceRequest {
  /** Shapes of the units in scope, with neighbours cut down to the scope. */
  shapes: UnitShape[];
  unitIds: string[];
  /** Metric per unit in its base unit: people, accounts, cents or workload tenths. */
  weights: Map<string, number>;
  territories: BalanceTerritory[];
  /** Territory of each unit in scope that a taking-part territory owns. */
  current: Map<string, string>;
  fixedUnitIds: string[];
  tolerancePercent: string;
  mode: BalanceMode;
  seed: number;
}

/** Settings the person chose in the Balance tab. */
export interface BalanceSettings {
  stateFips: string;
  /** Territories that take part, in the order to list them. */
  territoryIds: readonly string[];
  metric: MetricName;
  tolerancePercent: string;
  mode: BalanceMode;
  seed: number;
}

/** The reference data a request is built from. */
export interface BalanceGeography {
  units: readonly { id: string; stateFips: string }[];
  graph: AdjacencyGraph;
  /** Per-unit figures, without the accounts that overrides pin elsewhere. */
  metricIndex: MetricIndex;
  /** Territory id -> figures of the accounts that overrides pin to it; absent without overrides. */
  base?: ReadonlyMap<string, MetricTotals>;
}

/** The plan as the request needs it: paintable territories and assignments. */
export interface BalancePlanState {
  territories: readonly Territory[];
  assignments: ReadonlyMap<string, string>;
}

/** Smallest number of territories a balance run takes. */
export const MIN_BALANCE_TERRITORIES = 2;

/** Largest seed: the optimizer keeps the low 32 bits. */
export const MAX_SEED = 0xffffffff;

/**
 * Lists the units a run may reassign: the units of the state that are
 * unassigned or owned by a territory that takes part. Units of other
 * territories stay where they are and are left out.
 */
export function unitsInScope(
  geography: Pick<BalanceGeography, "units">,
  plan: BalancePlanState,
  stateFips: string,
  territoryIds: readonly string[],
): string[] {
  const takingPart = new Set(territoryIds);
  const known = new Set(plan.territories.map((t) => t.id));
  return geography.units
    .filter((unit) => {
      if (unit.stateFips !== stateFips) return false;
      const owner = plan.assignments.get(unit.id);
      return owner === undefined || !known.has(owner) || takingPart.has(owner);
    })
    .map((unit) => unit.id);
}

/** Counts the counties each territory owns in a state, by territory id. */
export function countiesByTerritory(
  geography: Pick<BalanceGeography, "units">,
  assignments: ReadonlyMap<string, string>,
  stateFips: string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const unit of geography.units) {
    if (unit.stateFips !== stateFips) continue;
    const owner = assignments.get(unit.id);
    if (owner !== undefined) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  return counts;
}

/** Returns the territories that take part unless the person picks others: the paintable ones that own counties in the state. */
export function defaultTerritoryIds(
  geography: Pick<BalanceGeography, "units">,
  plan: BalancePlanState,
  stateFips: string,
): string[] {
  const counts = countiesByTerritory(geography, plan.assignments, stateFips);
  return plan.territories
    .filter((t) => t.kind === "territory" && counts.has(t.id))
    .map((t) => t.id);
}

/**
 * Builds the optimizer input for one state. Raises BalanceInputError with
 * the value and the fix when a setting is invalid.
 */
export function buildBalanceRequest(
  geography: BalanceGeography,
  plan: BalancePlanState,
  settings: BalanceSettings,
): BalanceRequest {
  checkSettings(settings);
  const territories = takingPart(plan, settings.territoryIds);
  const unitIds = unitsInScope(
    geography,
    plan,
    settings.stateFips,
    settings.territoryIds,
  );
  if (unitIds.length === 0) {
    throw new BalanceInputError(
      `State ${settings.stateFips} has no counties that these territories own or that are unassigned. Choose another state or other territories.`,
    );
  }

  const ids = new Set(territories.map((t) => t.id));
  const current = new Map<string, string>();
  for (const unitId of unitIds) {
    const owner = plan.assignments.get(unitId);
    if (owner !== undefined && ids.has(owner)) current.set(unitId, owner);
  }
  return {
    shapes: scopeShapes(geography.graph, unitIds),
    unitIds,
    weights: unitWeights(geography.metricIndex, settings.metric, unitIds),
    territories: territories.map((t) => ({
      id: t.id,
      locked: t.locked,
      baseWeight: baseWeight(geography.base, t.id, settings.metric),
    })),
    current,
    // An override pins an account, not its county, so no unit is fixed:
    // the account's figures already sit in its territory's base weight.
    fixedUnitIds: [],
    tolerancePercent: settings.tolerancePercent.trim(),
    mode: settings.mode,
    seed: settings.seed,
  };
}

function baseWeight(
  base: ReadonlyMap<string, MetricTotals> | undefined,
  territoryId: string,
  metric: MetricName,
): number {
  const totals = base?.get(territoryId);
  return totals ? metricValue(totals, metric) : 0;
}

function checkSettings(settings: BalanceSettings): void {
  parseTolerancePercent(settings.tolerancePercent);
  const seed = settings.seed;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new BalanceInputError(
      `Invalid seed ${seed}: give a whole number from 0 to ${MAX_SEED}, such as 1.`,
    );
  }
  if (settings.territoryIds.length < MIN_BALANCE_TERRITORIES) {
    throw new BalanceInputError(
      `Balancing needs at least ${MIN_BALANCE_TERRITORIES} territories; ${settings.territoryIds.length} ${settings.territoryIds.length === 1 ? "is" : "are"} chosen. Tick more territories.`,
    );
  }
}

function takingPart(
  plan: BalancePlanState,
  territoryIds: readonly string[],
): Territory[] {
  return territoryIds.map((id) => {
    const territory = plan.territories.find((t) => t.id === id);
    if (!territory || territory.kind !== "territory") {
      throw new BalanceInputError(
        `Territory "${id}" is not a territory of this plan; it may have been deleted. Choose the territories again.`,
      );
    }
    return territory;
  });
}

/** Copies the shapes of the units in scope, keeping only neighbours within it. */
function scopeShapes(
  graph: AdjacencyGraph,
  unitIds: readonly string[],
): UnitShape[] {
  const inScope = new Set(unitIds);
  return unitIds.map((id) => {
    const i = graph.index(id);
    const neighbours: [string, number][] = [];
    for (let k = graph.start[i]; k < graph.start[i + 1]; k++) {
      const neighbourId = graph.ids[graph.neighbour[k]];
      if (inScope.has(neighbourId)) {
        neighbours.push([neighbourId, graph.sharedKm[k]]);
      }
    }
    return {
      id,
      areaKm2: graph.areaKm2[i],
      perimeterKm: graph.perimeterKm[i],
      neighbours,
    };
  });
}

/** Reads each unit's metric from the metric index, in the metric's base unit. */
function unitWeights(
  index: MetricIndex,
  metric: MetricName,
  unitIds: readonly string[],
): Map<string, number> {
  const { coverage, workloadTenths } = index;
  const column = {
    population: coverage.population,
    accounts: coverage.accounts,
    potential: coverage.potentialCents,
    workload: workloadTenths,
  }[metric];
  return new Map(
    unitIds.map((id) => {
      const i = coverage.indexOf.get(id);
      if (i === undefined) {
        throw new BalanceInputError(
          `County "${id}" is missing from the units dataset. Reload the page to load the plan's datasets again.`,
        );
      }
      return [id, column[i]];
    }),
  );
}

/**
 * Returns the largest |deviation| from the mean, in percent with one
 * decimal, of the request's territories under an assignment, by the
 * optimizer's rule: with n territories and grand total S, a territory with
 * total T deviates by (n·T − S) / S. Units in scope that the assignment
 * leaves to no taking-part territory count in no total. Returns null when
 * S is 0.
 */
export function maxDeviationOf(
  request: Pick<BalanceRequest, "unitIds" | "weights" | "territories">,
  assignment: ReadonlyMap<string, string>,
): string | null {
  const totals = new Map(
    request.territories.map((t) => [t.id, t.baseWeight ?? 0]),
  );
  for (const unitId of request.unitIds) {
    const owner = assignment.get(unitId) ?? "";
    const total = totals.get(owner);
    if (total === undefined) continue;
    totals.set(owner, total + (request.weights.get(unitId) ?? 0));
  }

  const n = totals.size;
  let grand = 0;
  for (const total of totals.values()) grand += total;
  let maxOffset = 0;
  for (const total of totals.values()) {
    maxOffset = Math.max(maxOffset, Math.abs(n * total - grand));
  }
  return offsetPercent(maxOffset, grand);
}

/**
 * Lists the units whose territory differs between the plan as it is now
 * and the optimizer's design, with their new territory. Units that the
 * design leaves out keep their territory.
 */
export function balanceMoves(
  current: ReadonlyMap<string, string>,
  design: ReadonlyMap<string, string>,
): Map<string, string | null> {
  const moves = new Map<string, string | null>();
  for (const [unitId, territoryId] of design) {
    if (current.get(unitId) !== territoryId) moves.set(unitId, territoryId);
  }
  return moves;
}
