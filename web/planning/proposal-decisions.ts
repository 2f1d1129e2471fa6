import { adjustmentChange } from "../../model/doc/planning-edits.ts";
import {
  ProposalError,
  type ReviewProposals,
} from "../../model/doc/review-proposals.ts";
import type { Person } from "../session/types.ts";
import type { Planning } from "./planning.svelte.ts";
import {
  balanceProblem,
  parseEnteredCents,
  proposalBalance,
  regionQuota,
  regionTerritories,
  staleReason,
} from "./proposal-figures.ts";
import { centsToString } from "../../model/money.ts";
import type { QuotaCascadeResult } from "../../model/quota/types.ts";

/**
 * Submits a reviewer's amounts for a region's territories. Raises a
 * ProposalError, writing nothing, when the quotas cannot be computed, an
 * entry is not an amount, or the amounts do not sum to the region's pool.
 */
export function submitProposal(
  planning: Planning,
  review: ReviewProposals,
  regionId: string,
  entered: Readonly<Record<string, string>>,
  note: string,
  person: Person,
  currency: string,
): string {
  const quota = planning.model?.quota ?? null;
  const region = quota === null ? null : regionQuota(quota, regionId);
  if (quota === null || region === null || region.childPool === null) {
    throw new ProposalError(
      "The region's quotas cannot be computed now; fix the quota issue shown above first.",
    );
  }

  const territories = regionTerritories(quota, regionId);
  const names = new Map(territories.map((t) => [t.nodeId, t.name]));
  const complete: Record<string, string> = {};
  for (const t of territories) complete[t.nodeId] = entered[t.nodeId] ?? "";
  const problem = balanceProblem(
    proposalBalance(region.childPool, complete),
    names,
    currency,
  );
  if (problem !== null) throw new ProposalError(problem);

  const amounts: Record<string, string> = {};
  for (const [id, text] of Object.entries(complete)) {
    amounts[id] = centsToString(parseEnteredCents(text)!);
  }
  return review.submit({
    regionId,
    amounts,
    note: note.trim(),
    personId: person.id,
    name: person.name,
    at: new Date().toISOString(),
  });
}

/**
 * Approves a pending proposal. Its amounts become amount adjustments of
 * the region's territories in one checked planning edit, which is one undo
 * step. The approval is then recorded in the review document with the
 * territories' quotas just before the edit. Raises a ProposalError or a
 * PlanningEditError, approving nothing, when the plan moved since the
 * proposal and its amounts no longer add up.
 */
export function approveProposal(
  planning: Planning,
  review: ReviewProposals,
  proposalId: string,
  comment: string,
  person: Person,
  currency: string,
): void {
  const proposal = pending(review, proposalId);
  const quota = planning.model?.quota ?? null;
  const reason = staleReason(quota, proposal, currency);
  if (reason !== null) throw new ProposalError(reason);
  const before = quotasBefore(quota!, proposal.amounts);

  planning.edit((doc) =>
    Object.entries(proposal.amounts).map(([territoryId, amount]) =>
      adjustmentChange(doc, territoryId, { amount }),
    ),
  );
  review.decide(proposalId, {
    status: "approved",
    personId: person.id,
    name: person.name,
    at: new Date().toISOString(),
    comment,
    before,
  });
}

/** Rejects a pending proposal, which needs a comment. */
export function rejectProposal(
  review: ReviewProposals,
  proposalId: string,
  comment: string,
  person: Person,
): void {
  review.decide(proposalId, {
    status: "rejected",
    personId: person.id,
    name: person.name,
    at: new Date().toISOString(),
    comment,
    before: null,
  });
}

// Returns the annual quota of each proposed territory. staleReason has
// already checked that each of them is in the cascade.
function quotasBefore(
  quota: QuotaCascadeResult,
  amounts: Readonly<Record<string, string>>,
): Record<string, string> {
  const before: Record<string, string> = {};
  for (const q of quota.quotas) {
    if (q.level === "territory" && amounts[q.nodeId] !== undefined) {
      before[q.nodeId] = q.annual;
    }
  }
  return before;
}

function pending(review: ReviewProposals, proposalId: string) {
  const proposal = review.get(proposalId);
  if (proposal === null) {
    throw new ProposalError(
      `Proposal ${proposalId} is not in this plan's review document; reload the page.`,
    );
  }
  if (proposal.status !== "pending") {
    throw new ProposalError(
      `This proposal is already ${proposal.status}; only a pending proposal can be decided.`,
    );
  }
  return proposal;
}
