import { teamOf } from "../../model/incentives/plan-assignment.ts";
import { HttpError } from "../http-json.ts";
import type { PayAccess } from "../pay/access.ts";

/**
 * Range of statements a person's insights cover: every rep's for an
 * incentives administrator, their rep's and its team's for a manager, and
 * their own rep's for anyone else linked to a rep.
 */
export type InsightsScope = "all" | "team" | "self";

/**
 * Returns the scope of a person's pay access, or rejects a person who may
 * see no statement with 403.
 */
export function insightsScope(
  access: PayAccess,
  managers: Record<string, string>,
  planId: string,
): InsightsScope {
  if (access.admin) return "all";
  if (access.repId === null) {
    throw new HttpError(
      403,
      "PAY_ACCESS_REQUIRED",
      `Only incentives administrators and people linked to a rep can see pay figures of plan "${planId}". Ask an incentives administrator of the plan to link you to your rep.`,
    );
  }
  return teamOf(managers, access.repId).length > 0 ? "team" : "self";
}
