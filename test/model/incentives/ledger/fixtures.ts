import type { Deal } from "../../../../model/incentives/deals/types.ts";
import { convertAll } from "../../../../model/incentives/deals/rates.ts";
import {
  canonicalStatement,
  type AdjustmentEntry,
  type LedgerRecord,
  type SettledStatement,
} from "../../../../model/incentives/ledger/index.ts";
import { buildStatements } from "../../../../model/incentives/statements/statements.ts";
import type {
  FiscalPeriod,
  Statement,
} from "../../../../model/incentives/statements/types.ts";

export const PERIODS: FiscalPeriod[] = [
  { id: "2027-01", start: "2027-01-01", end: "2027-01-31" },
  { id: "2027-02", start: "2027-02-01", end: "2027-02-28" },
  { id: "2027-03", start: "2027-03-01", end: "2027-03-31" },
];

/** Makes a deal credited 100% to one rep, "ana" unless named, in plan currency USD. */
export function deal(
  id: string,
  amount: string,
  closeDate: string,
  rep = "ana",
): Deal {
  return {
    id,
    account: "acc-1",
    amount,
    currency: "USD",
    closeDate,
    product: "core",
    owner: rep,
    splits: [{ rep, percent: "100" }],
    generated: false,
  };
}

/**
 * Base deals: January 10000.00, February 5000.00, March 2000.00. With the
 * 10% commission the base payables are 1000.00, 500.00 and 200.00.
 */
export const BASE_DEALS: Deal[] = [
  deal("d1", "10000.00", "2027-01-15"),
  deal("d2", "5000.00", "2027-02-15"),
  deal("d3", "2000.00", "2027-03-15"),
];

/** Statements of the reps, "ana" unless named, for the three periods, with a 10% commission. */
export function statementsOf(deals: Deal[], reps = ["ana"]): Statement[] {
  const quota = {
    "2027-01": "10000.00",
    "2027-02": "10000.00",
    "2027-03": "10000.00",
  };
  return buildStatements({
    deals,
    converted: convertAll(deals, [], "USD"),
    tables: {
      territoryHistory: [],
      territoryReps: [],
      rules: [
        { id: "split", kind: "split", effectiveFrom: null, effectiveTo: null },
      ],
    },
    plans: {
      all: {
        components: [
          { id: "comm", label: "Commission", type: "commission", rate: "0.10" },
        ],
      },
    },
    quotas: Object.fromEntries(reps.map((rep) => [rep, quota])),
    periods: PERIODS,
  });
}

/** Builds ledger records with increasing seq, as the server appends them. */
export class LedgerLog {
  readonly records: LedgerRecord[] = [];

  submit(settled: SettledStatement): void {
    this.append("submitted", settled, null);
  }

  approve(settled: SettledStatement): void {
    this.append("approved", settled, settled.statement);
  }

  private append(
    kind: LedgerRecord["kind"],
    settled: SettledStatement,
    statement: Statement | null,
  ): void {
    const seq = this.records.length + 1;
    this.records.push({
      seq,
      kind,
      repId: settled.statement.repId,
      periodId: settled.statement.periodId,
      digest: settled.digest,
      statement,
      personId: "admin-1",
      at: 1_800_000_000_000 + seq,
    });
  }
}

export function adjustment(
  id: string,
  periodId: string,
  amount: string,
  reason: string,
): AdjustmentEntry {
  return {
    id,
    repId: "ana",
    periodId,
    amount,
    reason,
    disputeId: null,
    personId: "admin-1",
    at: 1_800_000_100_000,
  };
}

/** Finds the settled statement of rep "ana" for a period. */
export function periodOf(
  settled: SettledStatement[],
  periodId: string,
): SettledStatement {
  const found = settled.find(
    (s) => s.statement.repId === "ana" && s.statement.periodId === periodId,
  );
  if (found === undefined) {
    throw new Error(`No settled statement for "ana" in "${periodId}".`);
  }
  return found;
}

export const digest = canonicalStatement;
