import type { QuotaProposal } from "../../model/doc/review-proposals.ts";
import type Decimal from "decimal.js";
import {
  centsToString,
  MoneyFormatError,
  parseMoney,
  toCents,
} from "../../model/money.ts";
import type { NodeQuota, QuotaCascadeResult } from "../../model/quota/types.ts";
import { formatMoney } from "../format.ts";

/** A region a reviewer can propose quotas for. */
export interface RegionOption {
  id: string;
  name: string;
  /** True when the person owns the region. */
  owned: boolean;
}

/**
 * Returns the regions that hand quota down to territories, the person's
 * own regions first, then the others in the cascade's order (by name).
 */
export function regionOptions(
  quota: QuotaCascadeResult,
  ownerOf: (regionId: string) => string | null,
  personId: string,
): RegionOption[] {
  const options = quota.quotas
    .filter((q) => q.level === "region" && q.childPool !== null)
    .filter((q) => regionTerritories(quota, q.nodeId).length > 0)
    .map((q) => ({
      id: q.nodeId,
      name: q.name,
      owned: ownerOf(q.nodeId) === personId,
    }));
  return [
    ...options.filter((o) => o.owned),
    ...options.filter((o) => !o.owned),
  ];
}

/** Returns the quota of a region, or null when the cascade has none. */
export function regionQuota(
  quota: QuotaCascadeResult,
  regionId: string,
): NodeQuota | null {
  return (
    quota.quotas.find((q) => q.nodeId === regionId && q.level === "region") ??
    null
  );
}

/** Returns the territories of a region, in the cascade's order. */
export function regionTerritories(
  quota: QuotaCascadeResult,
  regionId: string,
): NodeQuota[] {
  return quota.quotas.filter(
    (q) => q.level === "territory" && q.parentId === regionId,
  );
}

/**
 * Parses an amount as a person types it, allowing "$" and thousands
 * separators: "1,200,000.50" is 120000050 cents. Returns null for anything
 * that is not zero or more with at most two decimals, and for amounts too
 * large to count in integer cents.
 */
export function parseEnteredCents(text: string): number | null {
  const amount = parseEnteredAmount(text);
  if (amount === null) return null;
  try {
    return toCents(amount);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

// Parses typed text into an exact amount of zero or more with at most two
// decimals, or returns null. Any size passes, so callers check the limit.
function parseEnteredAmount(text: string): Decimal | null {
  const plain = text.replace(/[$,\s]/g, "");
  if (plain === "") return null;
  try {
    const amount = parseMoney(plain);
    if (amount.decimalPlaces() > 2 || amount.isNegative()) return null;
    return amount;
  } catch (error) {
    if (error instanceof MoneyFormatError) return null;
    throw error;
  }
}

/** Entered amounts compared with the pool they must add up to. */
export interface ProposalBalance {
  poolCents: number;
  totalCents: number;
  /** Total minus pool, above zero when too much is proposed. */
  differenceCents: number;
  /** Territory ids whose entry is not a valid amount. */
  invalid: string[];
  /**
   * Territory ids whose entry is larger than the pool, which no territory
   * can get because the amounts are zero or more and sum to the pool.
   */
  tooLarge: string[];
}

/** Sums entered amounts (territory id -> text) against a region's pool. */
export function proposalBalance(
  pool: string,
  entered: Readonly<Record<string, string>>,
): ProposalBalance {
  const poolAmount = parseMoney(pool);
  const poolCents = toCents(poolAmount);
  let totalCents = 0;
  const invalid: string[] = [];
  const tooLarge: string[] = [];
  // Entries above the pool stay out of the total, so it stays a safe integer
  // even for a 20-digit entry.
  for (const [territoryId, text] of Object.entries(entered)) {
    const amount = parseEnteredAmount(text);
    if (amount === null) invalid.push(territoryId);
    else if (amount.greaterThan(poolAmount)) tooLarge.push(territoryId);
    else totalCents += toCents(amount);
  }
  return {
    poolCents,
    totalCents,
    differenceCents: totalCents - poolCents,
    invalid,
    tooLarge,
  };
}

/** Returns why entered amounts cannot be submitted, or null when they can. */
export function balanceProblem(
  balance: ProposalBalance,
  names: ReadonlyMap<string, string>,
  currency: string,
): string | null {
  const pool = money(balance.poolCents, currency);
  const problems: string[] = [];
  if (balance.invalid.length > 0) {
    const listed = balance.invalid.map((id) => names.get(id) ?? id);
    problems.push(
      `Enter an amount of zero or more, with at most two decimals, for ${listed.join(", ")}.`,
    );
  }
  if (balance.tooLarge.length > 0) {
    const listed = balance.tooLarge.map((id) => names.get(id) ?? id);
    const subject =
      listed.length === 1
        ? `The amount for ${listed[0]} is`
        : `The amounts for ${listed.join(", ")} are`;
    problems.push(
      `${subject} too large. A territory can get at most the region's pool of ${pool}.`,
    );
  }
  if (problems.length > 0) return problems.join(" ");

  const difference = balance.differenceCents;
  if (difference === 0) return null;
  const gap = money(Math.abs(difference), currency);
  return difference > 0
    ? `The amounts are ${gap} above the region's pool of ${pool}; lower some territories.`
    : `The amounts are ${gap} below the region's pool of ${pool}; raise some territories.`;
}

/**
 * One territory of a proposal: its quota now, its quota just before the
 * approval, the proposed one, and the change.
 */
export interface ComparisonRow {
  id: string;
  name: string;
  /** Null when the territory is no longer in the region. */
  current: string | null;
  /**
   * Quota just before the approval, or null when the proposal is not
   * approved or its approval did not record it.
   */
  before: string | null;
  /** Null when the territory joined the region after the proposal. */
  proposed: string | null;
  /**
   * Proposed minus the quota before the approval when that is recorded,
   * else proposed minus current. Null when either side is missing.
   */
  difference: string | null;
}

/**
 * Compares a proposal with the region's territories in the plan now and,
 * for an approval that recorded them, with the quotas just before it.
 */
export function compareProposal(
  quota: QuotaCascadeResult | null,
  proposal: QuotaProposal,
  nameOf: (territoryId: string) => string,
): ComparisonRow[] {
  const recorded = proposal.decision?.before ?? null;
  const row = (id: string, name: string, current: string | null) => {
    const proposed = proposal.amounts[id] ?? null;
    const before = recorded === null ? null : (recorded[id] ?? null);
    const base = recorded === null ? current : before;
    return {
      id,
      name,
      current,
      before,
      proposed,
      difference:
        proposed === null || base === null ? null : subtract(proposed, base),
    };
  };

  const territories =
    quota === null ? [] : regionTerritories(quota, proposal.regionId);
  const rows: ComparisonRow[] = territories.map((t) =>
    row(t.nodeId, t.name, t.annual),
  );
  const listed = new Set(rows.map((r) => r.id));
  for (const id of Object.keys(proposal.amounts)) {
    if (!listed.has(id)) rows.push(row(id, nameOf(id), null));
  }
  return rows;
}

/**
 * Returns whether the plan's territory quotas still equal an approved
 * proposal's amounts. Returns false once an undo or a later edit changed
 * any of them or a territory left the plan, and null when the quotas
 * cannot be computed or the proposal is not approved.
 */
export function approvalMatchesPlan(
  quota: QuotaCascadeResult | null,
  proposal: QuotaProposal,
): boolean | null {
  if (quota === null || proposal.status !== "approved") return null;
  const annual = new Map(
    quota.quotas
      .filter((q) => q.level === "territory")
      .map((q) => [q.nodeId, q.annual]),
  );
  return Object.entries(proposal.amounts).every(([id, amount]) => {
    const now = annual.get(id);
    return now !== undefined && sameAmount(now, amount);
  });
}

/**
 * Returns why approving a proposal now would not leave quotas that add up,
 * or null when it can be approved: the quotas cannot be computed, the
 * region is gone, its territories changed, or its pool moved since.
 */
export function staleReason(
  quota: QuotaCascadeResult | null,
  proposal: QuotaProposal,
  currency: string,
): string | null {
  if (quota === null) {
    return "The plan's quotas cannot be computed now; fix the quota issue shown above, then approve.";
  }
  const region = regionQuota(quota, proposal.regionId);
  if (region === null || region.childPool === null) {
    return "The region of this proposal is no longer in the plan; reject the proposal.";
  }

  const now = regionTerritories(quota, region.nodeId).map((t) => t.nodeId);
  const proposed = Object.keys(proposal.amounts);
  const same =
    now.length === proposed.length &&
    now.every((id) => proposal.amounts[id] !== undefined);
  if (!same) {
    return `The territories of ${region.name} changed since this proposal was made; reject it and ask for a new one.`;
  }

  const balance = proposalBalance(region.childPool, proposal.amounts);
  const unusable = balance.invalid.length + balance.tooLarge.length;
  if (unusable > 0 || balance.differenceCents !== 0) {
    const total = money(balance.totalCents, currency);
    const pool = money(balance.poolCents, currency);
    return `The proposal sums to ${total}, but ${region.name} now hands down ${pool}, because the plan changed since it was made; reject it and ask for a new one.`;
  }
  return null;
}

/** Formats a difference with a sign: "+$1,000.00", "−$50.00" or "$0.00". */
export function formatDifference(difference: string, currency: string): string {
  if (difference.startsWith("-")) {
    return `−${formatMoney(difference.slice(1), currency)}`;
  }
  const text = formatMoney(difference, currency);
  return /^[0.]*$/.test(difference) ? text : `+${text}`;
}

/** Formats integer cents as money, such as "$1,234.50". */
export function money(cents: number, currency: string): string {
  return formatMoney(centsToString(cents), currency);
}

function sameAmount(a: string, b: string): boolean {
  return parseMoney(a).equals(parseMoney(b));
}

function subtract(proposed: string, current: string): string {
  return centsToString(
    toCents(parseMoney(proposed)) - toCents(parseMoney(current)),
  );
}
