import type { LedgerRecord } from "./types.ts";

/** Key of one rep-period in the maps below. */
export function ledgerKey(repId: string, periodId: string): string {
  return JSON.stringify([repId, periodId]);
}

/** The records that decide each rep-period's status. */
export interface LedgerBook {
  /** First approved record of each rep-period. A later approval changes nothing. */
  approvals: Map<string, LedgerRecord>;
  /** Latest submitted record of each rep-period, before its approval if it has one. */
  submissions: Map<string, LedgerRecord>;
}

/** Reads the records in seq order into the approvals and submissions of each rep-period. */
export function readBook(records: readonly LedgerRecord[]): LedgerBook {
  const approvals = new Map<string, LedgerRecord>();
  const submissions = new Map<string, LedgerRecord>();
  const ordered = [...records].sort((a, b) => a.seq - b.seq);

  for (const record of ordered) {
    const key = ledgerKey(record.repId, record.periodId);
    if (approvals.has(key)) continue;
    if (record.kind === "approved") approvals.set(key, record);
    else submissions.set(key, record);
  }
  return { approvals, submissions };
}
