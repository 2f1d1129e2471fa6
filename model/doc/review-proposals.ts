import * as Y from "yjs";
import {
  MoneyFormatError,
  parseMoney,
  toCents,
  centsToString,
} from "../money.ts";
import { REVIEW_PROPOSALS } from "./schema.ts";

/** Status of a bottom-up counter-proposal. */
export type ProposalStatus = "pending" | "approved" | "rejected";

/** An editor's decision on a proposal. */
export interface ProposalDecision {
  status: "approved" | "rejected";
  personId: string;
  name: string;
  /** Time of the decision as an ISO 8601 string. */
  at: string;
  /** Empty for an approval without a comment, never for a rejection. */
  comment: string;
  /**
   * Territory id -> annual quota just before the approval wrote the
   * proposal, a decimal with two decimals. Null for a rejection and for
   * approvals recorded before the review document kept these amounts.
   */
  before: Record<string, string> | null;
}

/**
 * A manager's counter-proposal of the quotas of one region's territories,
 * kept in the review document, which reviewers may write. An editor decides
 * it, and an approval writes the amounts as manual adjustments of the plan.
 */
export interface QuotaProposal {
  id: string;
  regionId: string;
  /** Territory id -> proposed annual quota, a decimal with two decimals. */
  amounts: Record<string, string>;
  note: string;
  /** Person who submitted the proposal. */
  personId: string;
  name: string;
  /** Time of submission as an ISO 8601 string. */
  at: string;
  status: ProposalStatus;
  decision: ProposalDecision | null;
}

/** A proposal as a reviewer submits it, without the id, status and decision. */
export type NewProposal = Omit<QuotaProposal, "id" | "status" | "decision">;

/** A proposal or decision that was rejected before anything was written. */
export class ProposalError extends Error {
  override name = "ProposalError";
}

/**
 * Reads and writes the counter-proposals of a plan's review document.
 * Each proposal is a Y.Map under its id. Its decision is one value, so two
 * editors deciding at once on different replicas end with one whole decision
 * (the same one on every replica), never the status of one and the comment of
 * the other.
 */
export class ReviewProposals {
  readonly proposals: Y.Map<unknown>;

  /**
   * `origin` is the transaction origin of every write, so a caller can tell
   * its own writes apart.
   */
  constructor(
    readonly doc: Y.Doc,
    readonly origin: unknown = null,
  ) {
    this.proposals = doc.getMap(REVIEW_PROPOSALS);
  }

  /** Returns every proposal, newest first, without entries of unknown shape. */
  read(): QuotaProposal[] {
    const list: QuotaProposal[] = [];
    this.proposals.forEach((entry, id) => {
      if (entry instanceof Y.Map) list.push(readProposal(id, entry));
    });
    return list.sort(
      (a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id),
    );
  }

  /** Returns one proposal, or null when the document has none with this id. */
  get(id: string): QuotaProposal | null {
    const entry = this.proposals.get(id);
    return entry instanceof Y.Map ? readProposal(id, entry) : null;
  }

  /**
   * Records a new pending proposal and returns its id. Amounts are stored
   * with two decimals. Raises a ProposalError, writing nothing, when the
   * region, the submitter or an amount is missing or invalid.
   */
  submit(proposal: NewProposal): string {
    if (proposal.regionId === "") {
      throw new ProposalError("The proposal names no region; pick a region.");
    }
    if (proposal.personId === "") {
      throw new ProposalError(
        "The proposal names no submitter; join the plan with an invite link first.",
      );
    }
    checkTime(proposal.at, "submission time");
    const amounts = normalAmounts(proposal.amounts);

    const id = globalThis.crypto.randomUUID();
    this.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      entry.set("regionId", proposal.regionId);
      entry.set("amounts", amounts);
      entry.set("note", proposal.note);
      entry.set("personId", proposal.personId);
      entry.set("name", proposal.name);
      entry.set("at", proposal.at);
      this.proposals.set(id, entry);
    }, this.origin);
    return id;
  }

  /**
   * Approves or rejects a pending proposal. Raises a ProposalError when the
   * proposal is missing or already decided, when a rejection has no
   * comment, or when an amount of `decision.before` is invalid. Stores
   * those amounts with two decimals.
   *
   * NOTE: Two editors deciding the same proposal on replicas that are apart
   * both succeed here, and the merge keeps one decision. When one approved
   * (and wrote the plan) and the other rejected, the plan may keep the
   * approved amounts under a proposal that reads as rejected.
   */
  decide(id: string, decision: ProposalDecision): void {
    const entry = this.proposals.get(id);
    if (!(entry instanceof Y.Map)) {
      throw new ProposalError(
        `Proposal ${id} is not in this plan's review document; reload the list of proposals.`,
      );
    }
    const current = readProposal(id, entry);
    if (current.status !== "pending") {
      throw new ProposalError(
        `Proposal ${id} is already ${current.status}; only a pending proposal can be decided.`,
      );
    }
    if (decision.status === "rejected" && decision.comment.trim() === "") {
      throw new ProposalError(
        "A rejection needs a comment; say why, so the reviewer can revise the proposal.",
      );
    }
    if (decision.personId === "") {
      throw new ProposalError(
        "The decision names no person; join the plan with an invite link first.",
      );
    }
    checkTime(decision.at, "decision time");
    const stored: Omit<ProposalDecision, "before"> & {
      before?: Record<string, string>;
    } = {
      status: decision.status,
      personId: decision.personId,
      name: decision.name,
      at: decision.at,
      comment: decision.comment.trim(),
    };
    if (decision.before !== null) {
      stored.before = beforeAmounts(decision.before);
    }
    this.doc.transact(() => entry.set("decision", stored), this.origin);
  }
}

// Parses each amount into cents and back, so "1e3" or "12.345" is rejected
// and "1200" is stored as "1200.00".
function normalAmounts(
  amounts: Readonly<Record<string, string>>,
): Record<string, string> {
  const entries = Object.entries(amounts);
  if (entries.length === 0) {
    throw new ProposalError(
      "The proposal has no amounts; enter a quota for each territory of the region.",
    );
  }
  const normal: Record<string, string> = {};
  for (const [territoryId, text] of entries) {
    const field = `proposed quota of territory ${territoryId}`;
    normal[territoryId] = centsToString(amountCents(field, text));
  }
  return normal;
}

function beforeAmounts(
  amounts: Readonly<Record<string, string>>,
): Record<string, string> {
  const normal: Record<string, string> = {};
  for (const [territoryId, text] of Object.entries(amounts)) {
    const field = `quota before approval of territory ${territoryId}`;
    normal[territoryId] = centsToString(amountCents(field, text));
  }
  return normal;
}

function amountCents(field: string, text: string): number {
  let cents: number;
  try {
    const amount = parseMoney(text, field);
    if (amount.decimalPlaces() > 2) {
      throw new ProposalError(
        `The ${field} is ${text}, which has more than two decimal places; round it to the cent.`,
      );
    }
    cents = toCents(amount);
  } catch (error) {
    if (error instanceof MoneyFormatError || error instanceof RangeError) {
      throw new ProposalError(error.message);
    }
    throw error;
  }
  if (cents < 0) {
    throw new ProposalError(
      `The ${field} is ${text}, which is negative; enter zero or more.`,
    );
  }
  return cents;
}

function checkTime(text: string, what: string): void {
  if (!Number.isFinite(Date.parse(text))) {
    throw new ProposalError(
      `Invalid ${what}: ${JSON.stringify(text)}. Give an ISO 8601 time such as "2026-03-04T10:00:00Z".`,
    );
  }
}

function readProposal(id: string, entry: Y.Map<unknown>): QuotaProposal {
  const decision = readDecision(entry.get("decision"));
  return {
    id,
    regionId: textOf(entry.get("regionId")),
    amounts: readAmounts(entry.get("amounts")),
    note: textOf(entry.get("note")),
    personId: textOf(entry.get("personId")),
    name: textOf(entry.get("name")),
    at: textOf(entry.get("at")),
    status: decision?.status ?? "pending",
    decision,
  };
}

function readAmounts(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object") return {};
  const amounts: Record<string, string> = {};
  for (const [territoryId, amount] of Object.entries(value)) {
    if (typeof amount === "string") amounts[territoryId] = amount;
  }
  return amounts;
}

function readDecision(value: unknown): ProposalDecision | null {
  if (value === null || typeof value !== "object") return null;
  const fields = value as Record<string, unknown>;
  const status = fields.status;
  if (status !== "approved" && status !== "rejected") return null;
  return {
    status,
    personId: textOf(fields.personId),
    name: textOf(fields.name),
    at: textOf(fields.at),
    comment: textOf(fields.comment),
    before:
      typeof fields.before === "object" && fields.before !== null
        ? readAmounts(fields.before)
        : null,
  };
}

function textOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}
