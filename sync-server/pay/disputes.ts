import type { IncomingMessage } from "node:http";
import { randomId } from "../../model/doc/plan-doc.ts";
import { adjustmentAmountProblem } from "../../model/incentives/ledger/index.ts";
import type { ApiContext } from "../api-auth.ts";
import { HttpError } from "../http-json.ts";
import type { Storage } from "../storage.ts";
import {
  payCaller,
  requirePayAdmin,
  visibleRepIds,
  type PayCaller,
} from "./access.ts";
import { readObject, requireText } from "./body.ts";
import { computePay } from "./compute.ts";
import type { DisputeRecord, DisputeStatus } from "./dispute-store.ts";
import { loadPayPlan, repNames } from "./plan-data.ts";
import { accountSources } from "./sources.ts";
import { findVisibleStatement } from "./visible.ts";

/** Maximum length of a dispute reason, message or resolution comment, in characters. */
export const MAX_DISPUTE_TEXT = 2000;

/** A dispute as the pay API returns it. Times are milliseconds since the epoch. */
export interface Dispute {
  id: string;
  repId: string;
  periodId: string;
  lineId: string;
  reason: string;
  status: DisputeStatus;
  raisedBy: string;
  raisedAt: number;
  resolvedAt: number | null;
  messages: { personId: string; name: string; text: string; at: number }[];
}

/** Adds the messages, with their writers' current names, to a stored dispute. */
export function describeDispute(
  storage: Storage,
  planId: string,
  record: DisputeRecord,
): Dispute {
  const messages = storage.pay.disputes
    .messages(planId, record.id)
    .map((message) => ({
      personId: message.personId,
      name: storage.people.get(planId, message.personId)?.name ?? "",
      text: message.text,
      at: message.at,
    }));
  return {
    id: record.id,
    repId: record.repId,
    periodId: record.periodId,
    lineId: record.lineId,
    reason: record.reason,
    status: record.status,
    raisedBy: record.raisedBy,
    raisedAt: record.raisedAt,
    resolvedAt: record.resolvedAt,
    messages,
  };
}

/**
 * POST .../pay/statements/<repId>/<periodId>/disputes `{ lineId, reason }`
 * (the rep themself): disputes one line of their statement.
 */
export async function raiseDispute(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  repId: string,
  periodId: string,
): Promise<Dispute> {
  const caller = await payCaller(context, request, planId);
  const pay = await computePay(
    context.storage,
    accountSources(context),
    planId,
  );
  const { statement } = findVisibleStatement(
    caller.access,
    pay,
    repId,
    periodId,
  );
  if (caller.access.repId !== repId) {
    throw new HttpError(
      403,
      "DISPUTE_REP_ONLY",
      `Only rep "${repId}" can dispute their own statement. Write on an existing dispute instead.`,
    );
  }
  const fields = await readObject(request);
  const lineIds = [
    ...statement.lines,
    ...statement.adjustments,
    statement.draw,
  ].map((line) => line.componentId);
  const lineId = fields.lineId;
  if (typeof lineId !== "string" || !lineIds.includes(lineId)) {
    throw new HttpError(
      400,
      "LINE_NOT_FOUND",
      `"lineId" ${JSON.stringify(lineId ?? null)} is not a line of this statement. Use one of ${lineIds.join(", ")}.`,
    );
  }
  const reason = requireText(fields.reason, "reason", MAX_DISPUTE_TEXT);

  const record = {
    id: randomId(),
    repId,
    periodId,
    lineId,
    reason,
    raisedBy: caller.claims.sub,
    raisedAt: Date.now(),
  };
  context.storage.pay.disputes.insert(planId, record);
  context.logger.info(
    { plan: planId, dispute: record.id, rep: repId, period: periodId },
    "dispute raised",
  );
  return describeDispute(context.storage, planId, {
    ...record,
    status: "open",
    resolvedAt: null,
    resolvedBy: null,
  });
}

/**
 * POST .../pay/disputes/<disputeId>/messages `{ text }`: anyone who may read the
 * rep's statements writes on an open dispute.
 */
export async function addDisputeMessage(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  disputeId: string,
): Promise<Dispute> {
  const caller = await payCaller(context, request, planId);
  const dispute = findVisibleDispute(context, caller, planId, disputeId);
  const text = requireText(
    (await readObject(request)).text,
    "text",
    MAX_DISPUTE_TEXT,
  );
  if (dispute.status !== "open") {
    throw new HttpError(
      409,
      "DISPUTE_CLOSED",
      `Dispute "${disputeId}" was ${dispute.status}, so it takes no more messages. Raise a new dispute to reopen the question.`,
    );
  }
  context.storage.pay.disputes.appendMessage(planId, {
    disputeId,
    personId: caller.claims.sub,
    text,
    at: Date.now(),
  });
  return describeDispute(context.storage, planId, dispute);
}

/**
 * POST .../pay/disputes/<disputeId>/resolve `{ outcome, comment,
 * adjustment? }` (administrators): closes an open dispute. An accepted
 * dispute with an adjustment appends it to the ledger for the disputed
 * period, in the same transaction.
 */
export async function resolveDispute(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  disputeId: string,
): Promise<Dispute> {
  const caller = await payCaller(context, request, planId);
  requirePayAdmin(caller, planId, "resolve disputes");
  const dispute = findVisibleDispute(context, caller, planId, disputeId);
  const fields = await readObject(request);
  const outcome = fields.outcome;
  if (outcome !== "accepted" && outcome !== "rejected") {
    throw new HttpError(
      400,
      "OUTCOME_INVALID",
      `"outcome" is ${JSON.stringify(outcome ?? null)}; send "accepted" or "rejected".`,
    );
  }
  const comment = requireText(fields.comment, "comment", MAX_DISPUTE_TEXT);
  const adjustment = readAdjustment(fields.adjustment, outcome);

  const at = Date.now();
  context.storage.transaction(() => {
    if (
      !context.storage.pay.disputes.resolve(
        planId,
        disputeId,
        outcome,
        caller.claims.sub,
        at,
      )
    ) {
      throw new HttpError(
        409,
        "DISPUTE_CLOSED",
        `Dispute "${disputeId}" was resolved already. Raise a new dispute to reopen the question.`,
      );
    }
    context.storage.pay.disputes.appendMessage(planId, {
      disputeId,
      personId: caller.claims.sub,
      text: comment,
      at,
    });
    if (adjustment === null) return;
    context.storage.pay.ledger.appendAdjustment(planId, {
      id: randomId(),
      repId: dispute.repId,
      periodId: dispute.periodId,
      amount: adjustment,
      reason: `Dispute of line ${dispute.lineId}: ${comment}`,
      disputeId,
      personId: caller.claims.sub,
      at,
    });
  });
  context.logger.info(
    {
      plan: planId,
      dispute: disputeId,
      outcome,
      adjusted: adjustment !== null,
      by: caller.claims.sub,
    },
    "dispute resolved",
  );
  const resolved = context.storage.pay.disputes.get(
    planId,
    disputeId,
  ) as DisputeRecord;
  return describeDispute(context.storage, planId, resolved);
}

// A dispute of a rep the person does not see is a 404, like a missing one.
function findVisibleDispute(
  context: ApiContext,
  caller: PayCaller,
  planId: string,
  disputeId: string,
): DisputeRecord {
  const dispute = context.storage.pay.disputes.get(planId, disputeId);
  if (dispute !== null && caller.access.admin) return dispute;
  if (dispute !== null) {
    const plan = loadPayPlan(context.storage, planId);
    const visible = visibleRepIds(
      caller.access,
      [...repNames(plan).keys()],
      plan.incentives.managers,
    );
    if (visible.includes(dispute.repId)) return dispute;
  }
  throw new HttpError(
    404,
    "DISPUTE_NOT_FOUND",
    `No dispute "${disputeId}" that you can see in plan "${planId}". Open the statement to see its disputes.`,
  );
}

function readAdjustment(value: unknown, outcome: string): string | null {
  if (value === undefined || value === null) return null;
  if (outcome !== "accepted") {
    throw new HttpError(
      400,
      "ADJUSTMENT_INVALID",
      'A rejected dispute takes no "adjustment". Send "outcome": "accepted" to pay one.',
    );
  }
  return readAmount(value, "adjustment");
}

/** Checks a signed, non-zero decimal amount to the cent, such as "-120.50". */
export function readAmount(value: unknown, field: string): string {
  const problem =
    typeof value === "string"
      ? adjustmentAmountProblem(value)
      : "It is not a string.";
  if (problem === null && !/^-?0+(\.0+)?$/.test(value as string))
    return value as string;
  throw new HttpError(
    400,
    "AMOUNT_INVALID",
    `"${field}" is ${JSON.stringify(value)}: send a non-zero decimal string with at most two digits after the point, such as "-120.50". ${problem ?? ""}`.trim(),
  );
}
