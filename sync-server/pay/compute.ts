// The one module that turns stored plan data into statements, so that the
// model functions it calls can change in one place.
import { createHash } from "node:crypto";
import { CreditingInputError } from "../../model/incentives/crediting/errors.ts";
import type { Deal } from "../../model/incentives/deals/types.ts";
import {
  canonicalStatement,
  isLedgerLine,
  LedgerInputError,
  settleLedger,
  withLedgerLines,
  type LedgerSettlement,
  type SettledStatement,
} from "../../model/incentives/ledger/index.ts";
import { PayoutInputError } from "../../model/incentives/payout/errors.ts";
import {
  planStatementInput,
  withQuotaTraces,
} from "../../model/incentives/plan-statements.ts";
import { StatementInputError } from "../../model/incentives/statements/errors.ts";
import { buildStatementReport } from "../../model/incentives/statements/statements.ts";
import type {
  FiscalPeriod,
  Statement,
  StatementInput,
} from "../../model/incentives/statements/types.ts";
import {
  whatIfStatement,
  type WhatIfDeal,
} from "../../model/incentives/statements/what-if.ts";
import { derivePlanning } from "../../model/planning/derive.ts";
import type { Storage } from "../storage.ts";
import { readPayAccounts, type AccountSources } from "./accounts.ts";
import { PayCache, payInputsVersion } from "./pay-cache.ts";
import { loadPayPlan, payTimeZone, type PayPlan } from "./plan-data.ts";
import { potentialByTerritory } from "./potential.ts";
import { territoryHistory } from "./territory-history.ts";

/** Every statement of a plan as of now, settled against its ledger. */
export interface PayComputation {
  plan: PayPlan;
  periods: FiscalPeriod[];
  /** One per rep with a comp plan and quota, and per period, by rep then period. */
  settled: SettledStatement[];
  /** Sentences on what kept reps, deals or ledger lines out of the statements. */
  problems: string[];
  /** The plan's stored deals. */
  deals: Deal[];
  /** The input the statements were built from, which a what-if reuses. */
  input: StatementInput;
}

const cache = new PayCache<PayComputation>();

/**
 * Computes a plan's statements from its stored document, its accounts
 * dataset and its stored deals, and settles them against the ledger. Input
 * the model rejects turns into `problems` and no statements.
 * The result is cached per plan until one of its inputs changes (see
 * payInputsVersion), so callers share it and must not change it.
 */
export function computePay(
  storage: Storage,
  sources: AccountSources,
  planId: string,
): Promise<PayComputation> {
  const day = today();
  // The version is read before computing, so a write made during the
  // computation gives the next request a new version and a new result.
  const version = payInputsVersion(storage, planId, day);
  return cache.get(storage, planId, version, () =>
    computeFresh(storage, sources, planId, day),
  );
}

async function computeFresh(
  storage: Storage,
  sources: AccountSources,
  planId: string,
  day: string,
): Promise<PayComputation> {
  const plan = loadPayPlan(storage, planId);
  const accounts = await readPayAccounts(sources, plan.meta.datasets.accounts);
  const deals = storage.pay.deals.list(planId);
  const zone = payTimeZone(plan);
  const history = territoryHistory(storage, planId, zone.timeZone);
  const model = derivePlanning(plan.planning, {
    planName: plan.meta.name || "Company",
    units: plan.territories,
    potentialCents: potentialByTerritory(plan, accounts, day),
  });
  const { input, problems, quotaTraces } = planStatementInput({
    planCurrency: plan.meta.currency,
    planning: plan.planning,
    model,
    incentives: plan.incentives,
    assignments: plan.assignments,
    accounts,
    overrides: plan.overrides,
    deals,
    territoryHistory: history.lookup(accounts),
  });
  if (zone.problem !== null) problems.push(zone.problem);

  let current: Statement[] = [];
  try {
    const report = buildStatementReport(input);
    current = withQuotaTraces(report.statements, quotaTraces);
    problems.push(...report.problems);
  } catch (error) {
    reportInputError(error, problems);
  }

  let settlement: LedgerSettlement | null = null;
  try {
    settlement = settleLedger({
      current,
      periods: [...input.periods],
      records: storage.pay.ledger.records(planId),
      adjustments: storage.pay.ledger.adjustments(planId),
      digest: statementDigest,
    });
  } catch (error) {
    reportInputError(error, problems);
  }
  problems.push(...(settlement?.problems ?? []));
  for (const pending of settlement?.pendingCorrections ?? []) {
    problems.push(
      `A ${pending.kind} of ${pending.line.amount} for rep "${pending.repId}" (${pending.periodId}) has no open period: ${pending.reason}`,
    );
  }
  return {
    plan,
    periods: [...input.periods],
    settled: settlement?.statements ?? [],
    problems,
    deals,
    input,
  };
}

/**
 * Returns the rep's statement for the period as computed now, without
 * ledger lines, with one hypothetical deal credited 100% to the rep.
 * Raises WhatIfInputError naming each invalid field.
 */
export function computeWhatIf(
  pay: PayComputation,
  repId: string,
  periodId: string,
  deal: WhatIfDeal,
): Statement {
  const statement = whatIfStatement(pay.input, repId, periodId, deal);

  // The statement shown now carries the ledger's corrections and
  // adjustments, so the what-if carries the same lines and differs from it
  // by the hypothetical deal alone.
  const settled = pay.settled.find(
    (entry) =>
      entry.statement.repId === repId && entry.statement.periodId === periodId,
  );
  if (settled === undefined || settled.status === "approved") return statement;
  const ledger = settled.statement.adjustments.filter(isLedgerLine);
  return withLedgerLines(statement, ledger);
}

/** Returns the sha256 of a statement's canonical text, the digest the ledger records. */
export function statementDigest(statement: Statement): string {
  return createHash("sha256")
    .update(canonicalStatement(statement))
    .digest("hex");
}

const INPUT_ERRORS = [
  StatementInputError,
  CreditingInputError,
  PayoutInputError,
  LedgerInputError,
];

// A model step that rejects its input leaves a problem sentence and an
// empty result, so the API still replies and gives the reason. Other errors are
// bugs and propagate.
function reportInputError(error: unknown, problems: string[]): void {
  if (!INPUT_ERRORS.some((type) => error instanceof type)) throw error;
  problems.push((error as Error).message);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
