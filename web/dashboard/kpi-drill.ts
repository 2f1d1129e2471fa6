import { ACCOUNT_LEVEL_KPIS } from "../../model/insights/territory-accounts.ts";
import type { Kpi, KpiLevel } from "../../model/insights/types.ts";
import type { Trace } from "../../model/trace.ts";

/** Id of the group of territories that belong to no region. */
export const NO_REGION = "";

/** Regions, territories and reps of the plan, the levels a drill-down walks. */
export interface PlanStructure {
  regions: readonly { id: string; name: string }[];
  territories: readonly { id: string; name: string; regionId: string | null }[];
  reps: readonly { id: string; name: string; territoryId: string | null }[];
}

/** One level the user opened, shown in the breadcrumb. */
export interface DrillStep {
  level: "region" | "territory" | "rep";
  id: string;
  name: string;
}

/** One row of a drill-down level with the KPI's value for it, when it has one. */
export interface DrillRow {
  level: KpiLevel;
  id: string;
  name: string;
  /** The breakdown's value, or null when the KPI has no value at this node. */
  value: string | null;
  trace: Trace | null;
  /** The step that opens this row, or null when nothing lies below it. */
  opens: DrillStep | null;
}

/** Rows and account list of one drill-down level. */
export interface DrillLevel {
  rows: DrillRow[];
  /** Territory whose account list shows at this level, or null. */
  accountsOf: string | null;
}

/** True when the KPI's breakdown can be walked from regions down, or it has rows at all. */
export function canDrill(kpi: Kpi): boolean {
  return kpi.breakdown.length > 0 || ACCOUNT_LEVEL_KPIS.has(kpi.id);
}

/**
 * Returns the rows of the level below `path`: the regions at the top, then
 * a region's territories, a territory's reps and a rep's accounts. A
 * territory without reps shows its accounts at once. Each row takes the
 * value of the breakdown row with the same level and id. A breakdown
 * without region and territory rows, such as one row per rep from pay
 * data, shows as one flat list.
 */
export function drillLevel(
  kpi: Kpi,
  structure: PlanStructure,
  path: readonly DrillStep[],
): DrillLevel {
  const accountLevel = ACCOUNT_LEVEL_KPIS.has(kpi.id);
  const rowOf = new Map(kpi.breakdown.map((r) => [`${r.level}:${r.id}`, r]));
  const row = (
    level: KpiLevel,
    id: string,
    name: string,
    opens: DrillStep | null,
  ): DrillRow => {
    const found = rowOf.get(`${level}:${id}`);
    return {
      level,
      id,
      name,
      value: found?.value ?? null,
      trace: found?.trace ?? null,
      opens,
    };
  };
  const last = path.at(-1);

  if (last === undefined) {
    const planLevels = kpi.breakdown.some(
      (r) => r.level === "region" || r.level === "territory",
    );
    if (!planLevels && !accountLevel) {
      return {
        rows: kpi.breakdown.map((r) => ({ ...r, opens: null })),
        accountsOf: null,
      };
    }
    const companies = kpi.breakdown
      .filter((r) => r.level === "company")
      .map((r) => row("company", r.id, r.name, null));
    return {
      rows: [...companies, ...regionRows(structure, row)],
      accountsOf: null,
    };
  }

  if (last.level === "region") {
    const rows = structure.territories
      .filter((t) => (t.regionId ?? NO_REGION) === last.id)
      .map((t) => {
        const opens = hasReps(structure, t.id) || accountLevel;
        const step = { level: "territory" as const, id: t.id, name: t.name };
        return row("territory", t.id, t.name, opens ? step : null);
      });
    return { rows, accountsOf: null };
  }

  if (last.level === "territory") {
    const rows = structure.reps
      .filter((r) => r.territoryId === last.id)
      .map((r) => {
        const step = { level: "rep" as const, id: r.id, name: r.name };
        return row("rep", r.id, r.name, accountLevel ? step : null);
      });
    const accountsOf = accountLevel && rows.length === 0 ? last.id : null;
    return { rows, accountsOf };
  }

  const rep = structure.reps.find((r) => r.id === last.id);
  return {
    rows: [],
    accountsOf: accountLevel ? (rep?.territoryId ?? null) : null,
  };
}

function regionRows(
  structure: PlanStructure,
  row: (
    level: KpiLevel,
    id: string,
    name: string,
    opens: DrillStep | null,
  ) => DrillRow,
): DrillRow[] {
  const used = new Set(
    structure.territories.map((t) => t.regionId ?? NO_REGION),
  );
  const rows = structure.regions
    .filter((r) => used.has(r.id))
    .map((r) =>
      row("region", r.id, r.name, { level: "region", id: r.id, name: r.name }),
    );
  if (used.has(NO_REGION)) {
    const name = "No region";
    rows.push(
      row("region", NO_REGION, name, { level: "region", id: NO_REGION, name }),
    );
  }
  return rows;
}

function hasReps(structure: PlanStructure, territoryId: string): boolean {
  return structure.reps.some((r) => r.territoryId === territoryId);
}

/**
 * Returns the part of a path that is still valid after the plan changed.
 * The path is cut at the first step whose region, territory or rep no
 * longer exists or no longer sits under the step before it. Names are
 * refreshed, so a rename shows in the breadcrumb.
 */
export function validPath(
  structure: PlanStructure,
  path: readonly DrillStep[],
): DrillStep[] {
  const kept: DrillStep[] = [];
  for (const step of path) {
    const name = nameUnder(structure, step, kept.at(-1));
    if (name === null) break;
    kept.push({ ...step, name });
  }
  return kept;
}

// The step's current name, or null when it is gone or moved from `parent`.
function nameUnder(
  structure: PlanStructure,
  step: DrillStep,
  parent: DrillStep | undefined,
): string | null {
  if (step.level === "region") {
    if (parent !== undefined) return null;
    if (step.id === NO_REGION) return "No region";
    return structure.regions.find((r) => r.id === step.id)?.name ?? null;
  }
  if (step.level === "territory") {
    const territory = structure.territories.find((t) => t.id === step.id);
    if (territory === undefined) return null;
    const regionId = territory.regionId ?? NO_REGION;
    if (parent !== undefined && parent.id !== regionId) return null;
    return territory.name;
  }
  const rep = structure.reps.find((r) => r.id === step.id);
  if (rep === undefined) return null;
  if (parent !== undefined && parent.id !== rep.territoryId) return null;
  return rep.name;
}

const LEVEL_HEADINGS: Record<KpiLevel, string> = {
  company: "Company",
  region: "Region",
  territory: "Territory",
  rep: "Rep",
  account: "Account",
};

/** Returns the column heading of a level's rows: their level when they share one, else "Name". */
export function levelHeading(rows: readonly DrillRow[]): string {
  const levels = new Set(rows.map((r) => r.level));
  if (levels.size === 1) return LEVEL_HEADINGS[rows[0].level];
  // The top level mixes the company row with the regions.
  if (levels.size === 2 && levels.has("company") && levels.has("region"))
    return "Company and regions";
  return "Name";
}
