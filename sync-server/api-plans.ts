import type { IncomingMessage } from "node:http";
import {
  authenticatePerson,
  requirePlan,
  type ApiContext,
} from "./api-auth.ts";
import { issuePersonToken, readFields, type SessionBody } from "./api.ts";
import { HttpError } from "./http-json.ts";
import { datasetHashes, readManifest } from "./manifest.ts";
import { checkPlanName, createEmptyPlan, newPlanId } from "./plans.ts";
import type { Role } from "./roles.ts";
import { MIN_PERSON_TOKEN_SECONDS, type TokenClaims } from "./tokens.ts";

/** One plan of the person, as GET /api/plans lists it. */
export interface PlanEntry {
  id: string;
  name: string;
  role: Role;
  /** ISO 8601 times. */
  joinedAt: string;
  createdAt: string;
}

/**
 * GET /api/plans: lists the plans the token's person belongs to and was not
 * removed from, by name.
 */
export async function listPlans(
  context: ApiContext,
  request: IncomingMessage,
): Promise<{ plans: PlanEntry[] }> {
  const claims = await authenticatePerson(context, request);
  const plans = context.storage.people
    .listMemberships(claims.sub)
    .map((entry) => ({
      id: entry.planId,
      name: entry.planName,
      role: entry.role,
      joinedAt: new Date(entry.joinedAt).toISOString(),
      createdAt: new Date(entry.planCreatedAt).toISOString(),
    }));
  return { plans };
}

/**
 * POST /api/plans `{ name }`: an editor of any plan creates a plan that
 * names the datasets of manifest.json and has no territories. Returns a
 * person token for the new plan for the same person, as an editor.
 */
export async function createPlanFromRequest(
  context: ApiContext,
  request: IncomingMessage,
): Promise<SessionBody & { token: string; name: string }> {
  const claims = await authenticatePerson(context, request);
  if (claims.role !== "editor") {
    throw new HttpError(
      403,
      "EDITOR_REQUIRED",
      `Only editors can create plans; your role in plan "${claims.plan}" is ${claims.role}. Send the token of a plan you edit.`,
    );
  }
  const name = checkPlanName((await readFields(request)).name);
  if (!name.ok) throw new HttpError(400, "PLAN_NAME_INVALID", name.message);
  const manifest = readManifest(context.publicDataDir);
  if (manifest === null) {
    throw new HttpError(
      503,
      "DATASETS_MISSING",
      `manifest.json is missing from ${context.publicDataDir}, so a new plan would have no map. Build the data with "npm run data" and try again.`,
    );
  }

  const personName = currentName(context, claims);
  const planId = newPlanId(context.storage);
  createEmptyPlan(context.storage, {
    planId,
    name: name.name,
    datasets: datasetHashes(manifest),
    creator: { personId: claims.sub, name: personName },
  });
  context.logger.info(
    { plan: planId, person: claims.sub, from: claims.plan },
    "plan created",
  );
  const reply = await issuePersonToken(context, {
    personId: claims.sub,
    name: personName,
    planId,
    role: "editor",
    invite: undefined,
    expiresAt: lifetimeFromNow(claims),
  });
  return { ...reply, name: name.name };
}

/**
 * POST /api/plans/<planId>/session: exchanges a person token of one plan for
 * a person token of another plan the same person belongs to, with the role
 * they have there.
 */
export async function openPlanSession(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<SessionBody & { token: string }> {
  const claims = await authenticatePerson(context, request);
  requirePlan(context, planId);
  const member = context.storage.people.get(planId, claims.sub);
  if (!member || member.removedAt !== null) {
    throw new HttpError(
      403,
      "NOT_A_MEMBER",
      `You are not a member of plan "${planId}". Open an invite link to it from one of its editors.`,
    );
  }
  return issuePersonToken(context, {
    personId: claims.sub,
    name: currentName(context, claims),
    planId,
    role: member.role,
    invite: member.inviteId ?? undefined,
    expiresAt: lifetimeFromNow(claims),
  });
}

function currentName(context: ApiContext, claims: TokenClaims): string {
  return (
    context.storage.people.get(claims.plan, claims.sub)?.name ?? claims.name
  );
}

// The token sent lends its lifetime, at least 30 days, counted from now, as
// a join does.
function lifetimeFromNow(claims: TokenClaims): number {
  const lifetime = Math.max(claims.exp - claims.iat, MIN_PERSON_TOKEN_SECONDS);
  return Math.floor(Date.now() / 1000) + lifetime;
}
