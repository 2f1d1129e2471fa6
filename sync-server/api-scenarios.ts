import type { IncomingMessage } from "node:http";
import * as Y from "yjs";
import { markAsScenario } from "../model/doc/scenario-meta.ts";
import {
  authenticatePerson,
  requireEditor,
  type ApiContext,
} from "./api-auth.ts";
import { issuePersonToken, readFields, type SessionBody } from "./api.ts";
import { HttpError } from "./http-json.ts";
import { checkPlanName, loadPlanDoc, newPlanId } from "./plans.ts";
import type { Storage } from "./storage.ts";
import { MIN_PERSON_TOKEN_SECONDS, type TokenClaims } from "./tokens.ts";

/** The reply of POST /api/plans/<planId>/scenarios. */
export type ScenarioReply = SessionBody & {
  token: string;
  name: string;
  scenarioOf: string;
};

/**
 * POST /api/plans/<planId>/scenarios `{ name }`: an editor of the plan
 * duplicates it as a scenario. The new plan's document is a copy of the
 * plan's Yjs state, territories, assignments and planning inputs included,
 * renamed and marked with `scenarioOf`. Returns a person token for the new
 * plan for the same person, as an editor.
 */
export async function createScenarioFromRequest(
  context: ApiContext,
  request: IncomingMessage,
  sourcePlanId: string,
): Promise<ScenarioReply> {
  const claims = await authenticatePerson(context, request);
  requireEditor(
    context,
    claims,
    sourcePlanId,
    "duplicate this plan as a scenario",
  );
  const name = checkPlanName((await readFields(request)).name);
  if (!name.ok) throw new HttpError(400, "PLAN_NAME_INVALID", name.message);

  const personName = currentName(context, claims);
  const planId = newPlanId(context.storage);
  const state = copyPlanState(context.storage, sourcePlanId, {
    planId,
    name: name.name,
    scenarioOf: sourcePlanId,
  });
  context.storage.createPlan({ id: planId, name: name.name }, state, () => {
    context.storage.people.insert({
      planId,
      personId: claims.sub,
      name: personName,
      role: "editor",
      inviteId: null,
      joinedAt: Date.now(),
    });
  });
  context.logger.info(
    { plan: planId, person: claims.sub, scenarioOf: sourcePlanId },
    "scenario created",
  );

  const reply = await issuePersonToken(context, {
    personId: claims.sub,
    name: personName,
    planId,
    role: "editor",
    invite: undefined,
    expiresAt: lifetimeFromNow(claims),
  });
  return { ...reply, name: name.name, scenarioOf: sourcePlanId };
}

/**
 * Encodes the source plan's current document as one update, with the copy's
 * identity written in a transaction on top. A room stores every update
 * before it applies it, so storage contains the state the room has in memory.
 */
function copyPlanState(
  storage: Storage,
  sourcePlanId: string,
  scenario: { planId: string; name: string; scenarioOf: string },
): Uint8Array {
  const plan = loadPlanDoc(storage, sourcePlanId);
  try {
    markAsScenario(plan, scenario);
    return Y.encodeStateAsUpdate(plan.doc);
  } finally {
    plan.doc.destroy();
  }
}

// NOTE: currentName and lifetimeFromNow repeat the private helpers of
// api-plans.ts, so that a scenario's token reads like a new plan's token.
function currentName(context: ApiContext, claims: TokenClaims): string {
  return (
    context.storage.people.get(claims.plan, claims.sub)?.name ?? claims.name
  );
}

function lifetimeFromNow(claims: TokenClaims): number {
  const lifetime = Math.max(claims.exp - claims.iat, MIN_PERSON_TOKEN_SECONDS);
  return Math.floor(Date.now() / 1000) + lifetime;
}
