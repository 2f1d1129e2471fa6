import type { IncomingMessage } from "node:http";
import { randomId } from "../../model/doc/plan-doc.ts";
import type { AdjustmentEntry } from "../../model/incentives/ledger/index.ts";
import type { ApiContext } from "../api-auth.ts";
import { HttpError } from "../http-json.ts";
import { payCaller, requirePayAdmin } from "./access.ts";
import { readObject, requireText } from "./body.ts";
import { computePay } from "./compute.ts";
import { readAmount } from "./disputes.ts";
import { readRepId } from "./people.ts";
import { accountSources } from "./sources.ts";

/** Maximum length of an adjustment reason, in characters. */
export const MAX_ADJUSTMENT_REASON = 500;

/**
 * POST .../pay/adjustments `{ repId, periodId, amount, reason }`
 * (administrators): appends a manual adjustment to the ledger. It lands in
 * its period while that is open, else in the rep's next open period.
 */
export async function addAdjustment(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<AdjustmentEntry> {
  const caller = await payCaller(context, request, planId);
  requirePayAdmin(caller, planId, "enter adjustments");
  const fields = await readObject(request);
  const pay = await computePay(
    context.storage,
    accountSources(context),
    planId,
  );

  const repId = readRepId(fields.repId, pay.plan);
  if (repId === null) {
    throw new HttpError(
      400,
      "REP_NOT_FOUND",
      '"repId" is null; send the id of the rep to adjust.',
    );
  }
  const periodId = fields.periodId;
  if (
    typeof periodId !== "string" ||
    !pay.periods.some((p) => p.id === periodId)
  ) {
    throw new HttpError(
      400,
      "PERIOD_NOT_FOUND",
      `"periodId" ${JSON.stringify(periodId ?? null)} is not a period of plan "${planId}". Use one of ${pay.periods.map((p) => p.id).join(", ") || "none"}.`,
    );
  }
  const entry: AdjustmentEntry = {
    id: randomId(),
    repId,
    periodId,
    amount: readAmount(fields.amount, "amount"),
    reason: requireText(fields.reason, "reason", MAX_ADJUSTMENT_REASON),
    disputeId: null,
    personId: caller.claims.sub,
    at: Date.now(),
  };
  context.storage.pay.ledger.appendAdjustment(planId, entry);
  context.logger.info(
    {
      plan: planId,
      adjustment: entry.id,
      rep: repId,
      period: periodId,
      by: caller.claims.sub,
    },
    "adjustment entered",
  );
  return entry;
}
