import type { IncomingMessage } from "node:http";
import { teamOf } from "../../model/incentives/plan-assignment.ts";
import {
  authenticatePerson,
  requireMember,
  type ApiContext,
} from "../api-auth.ts";
import { HttpError } from "../http-json.ts";
import type { Storage } from "../storage.ts";
import type { TokenClaims } from "../tokens.ts";

/**
 * A person's pay access in one plan, apart from their plan role. An
 * administrator reads every statement. A person linked to a rep reads that
 * rep's statements and those of every rep whose manager chain reaches it.
 */
export interface PayAccess {
  admin: boolean;
  repId: string | null;
}

/**
 * Returns a person's pay access: what an invite or an administrator set,
 * else administrator for the plan's creator and nothing for anyone else.
 * The creator is the member recorded without an invite as an editor: the
 * person who created the plan or the scenario.
 */
export function payAccessOf(
  storage: Storage,
  planId: string,
  personId: string,
): PayAccess {
  const set = storage.pay.members.get(planId, personId);
  if (set) return { admin: set.admin, repId: set.repId };
  return { admin: isCreator(storage, planId, personId), repId: null };
}

export function isCreator(
  storage: Storage,
  planId: string,
  personId: string,
): boolean {
  const member = storage.people.get(planId, personId);
  return (
    member !== null &&
    member.removedAt === null &&
    member.inviteId === null &&
    member.role === "editor"
  );
}

/**
 * Returns the rep ids whose statements the person may read, sorted: every
 * planning rep for an administrator, else their own rep and its team.
 */
export function visibleRepIds(
  access: PayAccess,
  repIds: readonly string[],
  managers: Record<string, string>,
): string[] {
  if (access.admin) return [...repIds].sort();
  if (access.repId === null) return [];
  return [access.repId, ...teamOf(managers, access.repId)].sort();
}

/** The person calling the pay API of a plan, with their pay access. */
export interface PayCaller {
  claims: TokenClaims;
  access: PayAccess;
}

/** Authenticates a member of `planId` and reads their pay access. */
export async function payCaller(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<PayCaller> {
  const claims = await authenticatePerson(context, request);
  requireMember(context, claims, planId);
  return { claims, access: payAccessOf(context.storage, planId, claims.sub) };
}

/** Rejects anyone but an incentives administrator of the plan with 403. */
export function requirePayAdmin(
  caller: PayCaller,
  planId: string,
  action: string,
): void {
  if (caller.access.admin) return;
  throw new HttpError(
    403,
    "PAY_ADMIN_REQUIRED",
    `Only incentives administrators of plan "${planId}" can ${action}. Ask an administrator of the plan.`,
  );
}
