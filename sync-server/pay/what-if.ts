import type { IncomingMessage } from "node:http";
import { WhatIfInputError } from "../../model/incentives/statements/errors.ts";
import type { Statement } from "../../model/incentives/statements/types.ts";
import type { ApiContext } from "../api-auth.ts";
import { payCaller } from "./access.ts";
import { readObject } from "./body.ts";
import { computePay, computeWhatIf } from "./compute.ts";
import { DetailedHttpError } from "./deals.ts";
import { accountSources } from "./sources.ts";
import { findVisibleStatement } from "./visible.ts";

/**
 * POST .../pay/statements/<repId>/<periodId>/what-if `{ amount, product,
 * closeDate }` (anyone who may read the statement): the statement with one
 * hypothetical deal in plan currency credited to the rep. Nothing is stored.
 */
export async function whatIf(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  repId: string,
  periodId: string,
): Promise<{ statement: Statement }> {
  const { access } = await payCaller(context, request, planId);
  const fields = await readObject(request);
  const pay = await computePay(
    context.storage,
    accountSources(context),
    planId,
  );
  findVisibleStatement(access, pay, repId, periodId);

  try {
    const statement = computeWhatIf(pay, repId, periodId, {
      amount: fields.amount as string,
      product: fields.product as string,
      closeDate: fields.closeDate as string,
    });
    return { statement };
  } catch (error) {
    if (!(error instanceof WhatIfInputError)) throw error;
    throw new DetailedHttpError(400, "WHAT_IF_INVALID", error.message, {
      problems: error.problems,
    });
  }
}
