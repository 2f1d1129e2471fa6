import type { IncomingMessage } from "node:http";
import { teamOf } from "../../model/incentives/plan-assignment.ts";
import type { StatementStatus } from "../../model/incentives/ledger/index.ts";
import type { ApiContext } from "../api-auth.ts";
import { HttpError } from "../http-json.ts";
import { payCaller, requirePayAdmin, type PayCaller } from "./access.ts";
import { computePay, type PayComputation } from "./compute.ts";
import { accountSources } from "./sources.ts";
import { findVisibleStatement } from "./visible.ts";

/** The reply of submit and approve: the statement's status after the record. */
export interface ApprovalReply {
  repId: string;
  periodId: string;
  status: StatementStatus;
  digest: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/**
 * POST .../pay/statements/<repId>/<periodId>/submit (administrators):
 * appends a "submitted" record with the digest of the statement as it is
 * now. Submitting again replaces the pending digest. Submitting an approved
 * statement is a 409.
 */
export async function submitStatement(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  repId: string,
  periodId: string,
): Promise<ApprovalReply> {
  const caller = await payCaller(context, request, planId);
  requirePayAdmin(caller, planId, "submit statements for approval");
  const pay = await computePay(
    context.storage,
    accountSources(context),
    planId,
  );
  const settled = findVisibleStatement(caller.access, pay, repId, periodId);

  const record = context.storage.transaction(() => {
    requireNotApproved(context, planId, repId, periodId);
    return context.storage.pay.ledger.appendRecord(planId, {
      kind: "submitted",
      repId,
      periodId,
      digest: settled.digest,
      statement: null,
      personId: caller.claims.sub,
      at: Date.now(),
    });
  });
  context.logger.info(
    {
      plan: planId,
      rep: repId,
      period: periodId,
      seq: record.seq,
      by: caller.claims.sub,
    },
    "statement submitted",
  );
  return {
    repId,
    periodId,
    status: "pending",
    digest: record.digest,
    at: record.at,
  };
}

/**
 * POST .../pay/statements/<repId>/<periodId>/approve (administrators, or
 * the rep's manager): appends an "approved" record with the statement
 * frozen as it is now. Only a pending statement can be approved: a changed
 * statement since the submission is 409 STATEMENT_VOID.
 */
export async function approveStatement(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  repId: string,
  periodId: string,
): Promise<ApprovalReply> {
  const caller = await payCaller(context, request, planId);
  const pay = await computePay(
    context.storage,
    accountSources(context),
    planId,
  );
  const settled = findVisibleStatement(caller.access, pay, repId, periodId);
  requireApprover(caller, pay, planId, repId);
  requirePending(settled.status, repId, periodId);

  const record = context.storage.transaction(() => {
    requireNotApproved(context, planId, repId, periodId);
    return context.storage.pay.ledger.appendRecord(planId, {
      kind: "approved",
      repId,
      periodId,
      digest: settled.digest,
      statement: settled.statement,
      personId: caller.claims.sub,
      at: Date.now(),
    });
  });
  context.logger.info(
    {
      plan: planId,
      rep: repId,
      period: periodId,
      seq: record.seq,
      by: caller.claims.sub,
    },
    "statement approved",
  );
  return {
    repId,
    periodId,
    status: "approved",
    digest: record.digest,
    at: record.at,
  };
}

// Administrators approve any statement, and a manager approves the statements
// of their team but never their own.
function requireApprover(
  caller: PayCaller,
  pay: PayComputation,
  planId: string,
  repId: string,
): void {
  if (caller.access.admin) return;
  const own = caller.access.repId;
  if (own !== null && teamOf(pay.plan.incentives.managers, own).includes(repId))
    return;
  throw new HttpError(
    403,
    "APPROVER_REQUIRED",
    `Only incentives administrators of plan "${planId}" and the manager of rep "${repId}" can approve this statement.`,
  );
}

function requirePending(
  status: StatementStatus,
  repId: string,
  periodId: string,
): void {
  const name = `The statement of rep "${repId}" for "${periodId}"`;
  if (status === "void") {
    throw new HttpError(
      409,
      "STATEMENT_VOID",
      `${name} changed since it was submitted, so the submission is void. Review it and submit it again.`,
    );
  }
  if (status === "draft") {
    throw new HttpError(
      409,
      "STATEMENT_NOT_SUBMITTED",
      `${name} was not submitted for approval. Submit it first.`,
    );
  }
  if (status === "approved") throw alreadyApproved(repId, periodId);
}

// Checked again inside the transaction that appends, because two requests
// can compute the same statement before either one appends its record.
function requireNotApproved(
  context: ApiContext,
  planId: string,
  repId: string,
  periodId: string,
): void {
  const approved = context.storage.pay.ledger
    .records(planId)
    .some(
      (r) =>
        r.kind === "approved" && r.repId === repId && r.periodId === periodId,
    );
  if (approved) throw alreadyApproved(repId, periodId);
}

function alreadyApproved(repId: string, periodId: string): HttpError {
  return new HttpError(
    409,
    "STATEMENT_APPROVED",
    `The statement of rep "${repId}" for "${periodId}" is approved already and cannot change. Enter an adjustment to pay a difference.`,
  );
}
