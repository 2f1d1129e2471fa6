import { apiRequest, readJoinReply, type JoinReply } from "../session/api.ts";
import { saveSession } from "../session/stored-sessions.ts";
import type { PersonalSession } from "../session/types.ts";

/** The server's reply to a duplicate: the person's session in the new plan. */
export type ScenarioReply = JoinReply & { name: string; scenarioOf: string };

/**
 * Duplicates a plan as a scenario on the server, as the token's person, who
 * must be an editor of that plan. Raises ApiError when the server rejects it.
 */
export async function createScenario(
  token: string,
  planId: string,
  name: string,
): Promise<ScenarioReply> {
  const body = await apiRequest(
    `/api/plans/${encodeURIComponent(planId)}/scenarios`,
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ name }),
    },
  );
  const extra = body as { name?: unknown; scenarioOf?: unknown };
  return {
    ...readJoinReply(body),
    name: typeof extra.name === "string" ? extra.name : name,
    scenarioOf:
      typeof extra.scenarioOf === "string" ? extra.scenarioOf : planId,
  };
}

/**
 * Duplicates the session's plan as a scenario and stores the new session, so
 * that the plans menu lists the scenario and a link opens it. Returns the
 * new plan's id and name.
 */
export async function duplicateAsScenario(
  session: PersonalSession,
  name: string,
): Promise<{ planId: string; name: string }> {
  const reply = await createScenario(session.token, session.planId, name);
  saveSession({
    token: reply.token,
    person: reply.person,
    planId: reply.planId,
    role: reply.role,
    expiresAt: reply.expiresAt,
    inviteDigest: null,
    planName: reply.name,
  });
  return { planId: reply.planId, name: reply.name };
}
