import type { Override } from "../overrides.ts";
import type { FiscalMonth } from "../plan/periods.ts";
import type { PlanningInputs, PlannedRep } from "../planning/inputs.ts";
import type { PlanningModel } from "../planning/derive.ts";
import { CreditingInputError } from "./crediting/errors.ts";
import { creditDeals } from "./crediting/credit-deals.ts";
import type {
  AccountTerritoryPeriod,
  CreditingRule,
  ManagerLink,
  TerritoryRepAssignment,
} from "./crediting/types.ts";
import { MissingRateError } from "./deals/errors.ts";
import { convertAll, type ConvertedDeal } from "./deals/rates.ts";
import type { Deal } from "./deals/types.ts";
import type { CompPlan } from "./payout/plan.ts";
import { compPlanFor, teamQuota } from "./plan-assignment.ts";
import type { IncentiveInputs } from "./plan-inputs.ts";
import type {
  CreditingTables,
  FiscalPeriod,
  Statement,
  StatementInput,
} from "./statements/types.ts";
import type { Trace } from "../trace.ts";

/** Everything a plan stores that its statements are computed from. */
export interface PlanPayData {
  /** The plan's currency from its meta, such as "USD". */
  planCurrency: string;
  planning: PlanningInputs;
  /** derivePlanning(...) of the plan, with the quotas of each rep node. */
  model: PlanningModel;
  incentives: IncentiveInputs;
  /** Unit id -> territory id, as the plan assigns them now. */
  assignments: ReadonlyMap<string, string>;
  accounts: readonly { id: string; unitId: string }[];
  overrides: readonly Override[];
  deals: readonly Deal[];
  /**
   * Effective-dated territory of each account, as rows or a lookup. Absent:
   * each account is in the current territory of its unit on every date.
   */
  territoryHistory?: CreditingTables["territoryHistory"];
}

/**
 * Crediting rules of a plan that has entered none: a split rule, so a deal
 * with splits credits its split reps, then a territory rule, so any other
 * deal credits the reps of its account's territory.
 */
export const DEFAULT_CREDITING_RULES: readonly CreditingRule[] = [
  {
    id: "default-split",
    kind: "split",
    effectiveFrom: null,
    effectiveTo: null,
  },
  {
    id: "default-territory",
    kind: "territory",
    effectiveFrom: null,
    effectiveTo: null,
  },
];

/** The StatementInput of a plan, the problems met building it, and the traces of team quotas. */
export interface PlanStatementInput {
  input: StatementInput;
  problems: string[];
  /**
   * Trace of each quota that is a team's sum, by rep id then period id.
   * Pass it to withQuotaTraces, because StatementInput carries no quota traces.
   */
  quotaTraces: Record<string, Record<string, Trace>>;
}

/**
 * Builds the StatementInput of a whole plan for its fiscal year:
 * - periods: the 12 fiscal months, with the planning month ids.
 * - quotas: each rep's monthly quota from the quota cascade. A rep who has
 *   none but manages a team gets the sum of the team's monthly quotas
 *   (teamQuota), with its trace in `quotaTraces`.
 * - territory reps: each planning rep in their territory from their start date.
 * - territory history: data.territoryHistory, or else each account in the
 *   current territory of its unit, open-ended; named-account overrides pass
 *   through.
 * - crediting rules: the plan's, or DEFAULT_CREDITING_RULES when it has none.
 * - plans: the comp plan of each rep by role (compPlanFor).
 * Reps without a quota or a team, deals without a currency rate, and
 * deals that no rule can credit are left out, with one sentence each in
 * `problems`, so the rest of the plan still gets statements.
 */
export function planStatementInput(data: PlanPayData): PlanStatementInput {
  const problems: string[] = [];
  const periods = fiscalPeriods(data.model, problems);
  const { quotas, plans, quotaTraces } = repQuotasAndPlans(
    data,
    periods,
    problems,
  );
  const tables = creditingTables(data);
  const converted = convertDeals(data, problems);
  const creditable = creditableDeals(converted, tables, problems);

  return {
    input: {
      deals: creditable.map((c) => c.deal),
      converted: creditable.map((c) => c.converted),
      tables,
      plans: { byRep: plans },
      quotas,
      periods,
    },
    problems,
    quotaTraces,
  };
}

/**
 * Adds the trace of each team quota to the statements of its rep and
 * period: as a part of every line whose rule reads the quota or the
 * attainment, and of the payable trace through those lines. Figures and
 * other statements are returned unchanged.
 */
export function withQuotaTraces(
  statements: readonly Statement[],
  quotaTraces: Record<string, Record<string, Trace>>,
): Statement[] {
  return statements.map((statement) => {
    const quotaTrace = quotaTraces[statement.repId]?.[statement.periodId];
    if (quotaTrace === undefined) return statement;

    const replaced = new Map<Trace, Trace>();
    const lines = statement.lines.map((line) => {
      if (!readsQuota(line.trace)) return line;
      const trace = { ...line.trace, parts: [...line.trace.parts, quotaTrace] };
      replaced.set(line.trace, trace);
      return { ...line, trace };
    });
    const payableTrace = {
      ...statement.payableTrace,
      parts: statement.payableTrace.parts.map(
        (part) => replaced.get(part) ?? part,
      ),
    };
    return { ...statement, lines, payableTrace };
  });
}

/** Input names of the payout rules that read the quota, directly or as attainment. */
const QUOTA_INPUTS = new Set(["quota", "attainment", "year-to-date quota"]);

function readsQuota(trace: Trace): boolean {
  return (
    trace.inputs.some((input) => QUOTA_INPUTS.has(input.name)) ||
    trace.parts.some(readsQuota)
  );
}

function fiscalPeriods(
  model: PlanningModel,
  problems: string[],
): FiscalPeriod[] {
  if (model.year === null) {
    problems.push(
      "The plan's fiscal year is invalid, so there are no periods to build statements for. Fix the fiscal settings in planning.",
    );
    return [];
  }
  const yearId = model.year.id;
  return model.year.months.map((month) => monthPeriod(month, yearId));
}

function monthPeriod(month: FiscalMonth, yearId: string): FiscalPeriod {
  const { calendarYear: year, calendarMonth: m } = month;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const prefix = `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
  return {
    id: month.id,
    year: yearId,
    start: `${prefix}-01`,
    end: `${prefix}-${String(lastDay).padStart(2, "0")}`,
  };
}

function repQuotasAndPlans(
  data: PlanPayData,
  periods: readonly FiscalPeriod[],
  problems: string[],
): {
  quotas: Record<string, Record<string, string>>;
  plans: Record<string, CompPlan>;
  quotaTraces: Record<string, Record<string, Trace>>;
} {
  const monthly = monthlyRepQuotas(data, periods, problems);
  const periodIds = periods.map((period) => period.id);
  const quotas: Record<string, Record<string, string>> = {};
  const plans: Record<string, CompPlan> = {};
  const quotaTraces: Record<string, Record<string, Trace>> = {};

  for (const rep of data.planning.reps) {
    const record = compPlanFor(data.incentives, rep);
    let quota = monthly.get(rep.id);
    if (quota === undefined) {
      const team = teamQuota(
        data.incentives.managers,
        rep.id,
        monthly,
        periodIds,
      );
      if (team !== null) {
        quota = team.months;
        quotaTraces[rep.id] = team.traces;
      }
    }
    if (quota === undefined) {
      problems.push(
        `${repLabel(rep)} has no statement because the quota cascade gives the rep no quota and no rep they manage has one. Give the rep a territory in planning, or make the rep the manager of reps with quotas.`,
      );
      continue;
    }
    // A rep with a quota but no comp plan stays in the quotas, so that the
    // statement report lists the rep's credits as unpaid for lack of a plan.
    quotas[rep.id] = quota;
    if (record !== null) plans[rep.id] = record.plan;
  }
  return { quotas, plans, quotaTraces };
}

function repLabel(rep: PlannedRep): string {
  return `Rep "${rep.name}" (${rep.id})`;
}

/** Monthly quota of each rep node of the cascade, by fiscal month id. */
function monthlyRepQuotas(
  data: PlanPayData,
  periods: readonly FiscalPeriod[],
  problems: string[],
): Map<string, Record<string, string>> {
  const byRep = new Map<string, Record<string, string>>();
  const quota = data.model.quota;
  if (quota === null) {
    if (data.model.year !== null) {
      const reasons = data.model.issues
        .filter((issue) => issue.section === "quota")
        .map((issue) => issue.message);
      problems.push(
        `The quota cascade has no result, so no rep has a quota. ${reasons.join(" ") || "Check the quota settings in planning."}`,
      );
    }
    return byRep;
  }

  for (const node of quota.quotas) {
    if (node.level !== "rep") continue;
    const months: Record<string, string> = {};
    for (const month of node.months) {
      const period = periods[month.month - 1];
      if (period !== undefined) months[period.id] = month.amount;
    }
    byRep.set(node.nodeId, months);
  }
  return byRep;
}

// NOTE: without data.territoryHistory, the history is the current map,
// open at both ends, so repainting a county mid-year moves the credit of
// its accounts' earlier deals too. The document keeps no history of
// assignments: the server rebuilds one from the room's stored updates.
function creditingTables(data: PlanPayData): CreditingTables {
  const territoryHistory: AccountTerritoryPeriod[] = [];
  for (const account of data.accounts) {
    const territoryId = data.assignments.get(account.unitId);
    if (territoryId === undefined) continue;
    territoryHistory.push({
      accountId: account.id,
      territoryId,
      effectiveFrom: null,
      effectiveTo: null,
    });
  }

  const territoryReps: TerritoryRepAssignment[] = [];
  for (const rep of data.planning.reps) {
    if (rep.territoryId === null) continue;
    territoryReps.push({
      territoryId: rep.territoryId,
      repId: rep.id,
      effectiveFrom: rep.startDate,
      effectiveTo: null,
    });
  }

  const managers: ManagerLink[] = Object.entries(data.incentives.managers).map(
    ([repId, managerId]) => ({
      repId,
      managerId,
      effectiveFrom: null,
      effectiveTo: null,
    }),
  );
  const rules = data.incentives.creditingRules;

  return {
    territoryHistory: data.territoryHistory ?? territoryHistory,
    overrides: data.overrides,
    territoryReps,
    managers,
    rules: rules.length > 0 ? rules : DEFAULT_CREDITING_RULES,
  };
}

interface ConvertedPair {
  deal: Deal;
  converted: ConvertedDeal;
}

/** Converts the deals to the plan currency, leaving out each deal without a rate. */
function convertDeals(data: PlanPayData, problems: string[]): ConvertedPair[] {
  let deals = data.deals;
  let converted: ConvertedDeal[];
  try {
    converted = convertAll(deals, data.incentives.rates, data.planCurrency);
  } catch (error) {
    if (!(error instanceof MissingRateError)) throw error;
    const missing = new Set(error.missing.map((m) => m.dealId));
    for (const m of error.missing) {
      problems.push(
        `Deal "${m.dealId}" is left out because no ${m.currency} rate to ${data.planCurrency} is in effect on ${m.closeDate}. Add a ${m.currency} rate from that date or earlier.`,
      );
    }
    deals = deals.filter((deal) => !missing.has(deal.id));
    converted = convertAll(deals, data.incentives.rates, data.planCurrency);
  }
  return deals.map((deal, index) => ({ deal, converted: converted[index] }));
}

/**
 * Credits the deals once and leaves out each deal that the crediting
 * rejects (such as an account without a territory on the close date),
 * with the reason. Problems of the tables themselves stay in the input,
 * so buildStatements reports them.
 * NOTE: buildStatements credits the same deals again, so a statement
 * computation runs crediting twice.
 */
function creditableDeals(
  pairs: ConvertedPair[],
  tables: CreditingTables,
  problems: string[],
): ConvertedPair[] {
  const deals = pairs.map(({ deal, converted }) => ({
    id: deal.id,
    accountId: deal.account,
    amount: converted.amount.amount,
    closeDate: deal.closeDate,
    product: deal.product,
    ownerRepId: deal.owner,
    splits: deal.splits.map((s) => ({ repId: s.rep, percent: s.percent })),
  }));
  try {
    creditDeals({ ...tables, deals });
    return pairs;
  } catch (error) {
    if (!(error instanceof CreditingInputError)) throw error;
    const rejected = new Set<number>();
    for (const problem of error.problems) {
      if (problem.list === "deals" && problem.line > 0) {
        rejected.add(problem.line - 1);
        problems.push(
          `Deal "${pairs[problem.line - 1]?.deal.id ?? problem.value}" is left out: ${problem.field} is ${JSON.stringify(problem.value)}: ${problem.reason}`,
        );
      } else {
        problems.push(
          `Crediting ${problem.list} line ${problem.line}: ${problem.field} is ${JSON.stringify(problem.value)}: ${problem.reason}`,
        );
      }
    }
    return pairs.filter((_, index) => !rejected.has(index));
  }
}
