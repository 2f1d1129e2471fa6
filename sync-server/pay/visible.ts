import type { SettledStatement } from "../../model/incentives/ledger/index.ts";
import { HttpError } from "../http-json.ts";
import { visibleRepIds, type PayAccess } from "./access.ts";
import type { PayComputation } from "./compute.ts";
import { repNames } from "./plan-data.ts";

/** Returns the rep ids the person may see in a computed plan. */
export function visibleReps(
  access: PayAccess,
  pay: PayComputation,
): Set<string> {
  // An administrator also reads approved statements of reps that left the plan.
  const repIds = [
    ...repNames(pay.plan).keys(),
    ...pay.settled.map((settled) => settled.statement.repId),
  ];
  return new Set(
    visibleRepIds(access, [...new Set(repIds)], pay.plan.incentives.managers),
  );
}

/**
 * Finds the settled statement of a rep and period that the person may see.
 * A statement they may not see is a 404 like a missing one, so the reply
 * never reveals whether it exists.
 */
export function findVisibleStatement(
  access: PayAccess,
  pay: PayComputation,
  repId: string,
  periodId: string,
): SettledStatement {
  const found = visibleReps(access, pay).has(repId)
    ? pay.settled.find(
        (s) => s.statement.repId === repId && s.statement.periodId === periodId,
      )
    : undefined;
  if (found === undefined) {
    throw new HttpError(
      404,
      "STATEMENT_NOT_FOUND",
      `No statement of rep "${repId}" for period "${periodId}" that you can see. List your statements with GET .../pay/statements.`,
    );
  }
  return found;
}
