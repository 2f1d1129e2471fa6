import type { QuotaProposal } from "../../model/doc/review-proposals.ts";
import { centsToString, parseMoney, toCents } from "../../model/money.ts";
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
 * that is not zero or more with at most two decimals.
 */
export function parseEnteredCents(text: string): number | null {
  const plain = text.replace(/[$,\s]/g, "");
  if (plain === "") return null;
  try {
    const amount = parseMoney(plain);
    if (amount.decimalPlaces() > 2 || amount.isNegative()) return null;
    return toCents(amount);
  } catch {
    return null;
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
}

/** Sums entered amounts (territory id -> text) against a region's pool. */
export function proposalBalance(
  pool: string,
  entered: Readonly<Record<string, string>>,
): ProposalBalance {
  const poolCents = toCents(parseMoney(pool));
  let totalCents = 0;
  const invalid: string[] = [];
  for (const [territoryId, text] of Object.entries(entered)) {
    const cents = parseEnteredCents(text);
    if (cents === null) invalid.push(territoryId);
    else totalCents += cents;
  }
  return {
    poolCents,
    totalCents,
    differenceCents: totalCents - poolCents,
    invalid,
  };
}

/** Returns why entered amounts cannot be submitted, or null when they can. */
export function balanceProblem(
  balance: ProposalBalance,
  names: ReadonlyMap<string, string>,
  currency: string,
): string | null {
  if (balance.invalid.length > 0) {
    const listed = balance.invalid.map((id) => names.get(id) ?? id);
    return `Enter an amount of zero or more, with at most two decimals, for ${listed.join(", ")}.`;
  }
  const difference = balance.differenceCents;
  if (difference === 0) return null;
  const pool = money(balance.poolCents, currency);
  const gap = money(Math.abs(difference), currency);
  return difference > 0
    ? `The amounts are ${gap} above the region's pool of ${pool}; lower some territories.`
    : `The amounts are ${gap} below the region's pool of ${pool}; raise some territories.`;
}

/** One territory of a proposal: its quota now, the proposed one, the change. */
export interface ComparisonRow {
  id: string;
  name: string;
  /** Null when the territory is no longer in the region. */
  current: string | null;
  /** Null when the territory joined the region after the proposal. */
  proposed: string | null;
  /** Proposed minus current, or null when either is missing. */
  difference: string | null;
}

/** Compares a proposal with the region's territories in the plan now. */
export function compareProposal(
  quota: QuotaCascadeResult | null,
  proposal: QuotaProposal,
  nameOf: (territoryId: string) => string,
): ComparisonRow[] {
  const territories =
    quota === null ? [] : regionTerritories(quota, proposal.regionId);
  const rows: ComparisonRow[] = territories.map((t) => {
    const proposed = proposal.amounts[t.nodeId] ?? null;
    return {
      id: t.nodeId,
      name: t.name,
      current: t.annual,
      proposed,
      difference: proposed === null ? null : subtract(proposed, t.annual),
    };
  });
  const listed = new Set(rows.map((r) => r.id));
  for (const [id, proposed] of Object.entries(proposal.amounts)) {
    if (listed.has(id)) continue;
    rows.push({
      id,
      name: nameOf(id),
      current: null,
      proposed,
      difference: null,
    });
  }
  return rows;
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
  if (balance.invalid.length > 0 || balance.differenceCents !== 0) {
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

function subtract(proposed: string, current: string): string {
  return centsToString(
    toCents(parseMoney(proposed)) - toCents(parseMoney(current)),
  );
}
