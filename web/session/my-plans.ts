import { createPlan, fetchMyPlans, openPlanSession } from "./plans-api.ts";
import { isExpired, listSessions, saveSession } from "./stored-sessions.ts";
import type { PersonalSession, Role } from "./types.ts";

/** A plan the plans menu offers. */
export interface PlanChoice {
  planId: string;
  /** The plan's name, or its id while the name is unknown on this device. */
  name: string;
  role: Role;
  /** Session stored in this browser; null for a plan only the server listed. */
  session: PersonalSession | null;
  /** For a plan only the server listed: a token of the same person that opens it. */
  viaToken: string | null;
  expired: boolean;
}

/** Lists the plans joined in this browser, without asking the server. */
export function localPlanChoices(): PlanChoice[] {
  return sortChoices(listSessions().map(choiceOf));
}

/**
 * Lists the plans joined in this browser plus the plans the server lists for
 * the same people, with the names the server has. Asks once per person.
 * Returns the local list and the first error when a request fails.
 */
export async function loadPlanChoices(): Promise<{
  choices: PlanChoice[];
  error: Error | null;
}> {
  const sessions = listSessions();
  const byPlan = new Map(sessions.map((s) => [s.planId, choiceOf(s)]));
  const tokenOfPerson = new Map<string, string>();
  for (const session of sessions) {
    if (isExpired(session)) continue;
    if (!tokenOfPerson.has(session.person.id))
      tokenOfPerson.set(session.person.id, session.token);
  }

  const replies = await Promise.allSettled(
    [...tokenOfPerson.values()].map(async (token) => ({
      token,
      plans: await fetchMyPlans(token),
    })),
  );
  let error: Error | null = null;
  for (const reply of replies) {
    if (reply.status === "rejected") {
      error ??= reply.reason as Error;
      continue;
    }
    for (const plan of reply.value.plans) {
      const known = byPlan.get(plan.id);
      if (known?.session) {
        known.name = plan.name;
        rememberPlanName(known.session, plan.name);
      } else if (!known) {
        byPlan.set(plan.id, {
          planId: plan.id,
          name: plan.name,
          role: plan.role,
          session: null,
          viaToken: reply.value.token,
          expired: false,
        });
      }
    }
  }
  return { choices: sortChoices([...byPlan.values()]), error };
}

/**
 * Returns a stored editor session that may create plans: the current one
 * when it is an editor's, else any unexpired editor session, else null.
 */
export function creatorSession(
  current: PersonalSession,
): PersonalSession | null {
  if (current.role === "editor" && !isExpired(current)) return current;
  return (
    listSessions().find((s) => s.role === "editor" && !isExpired(s)) ?? null
  );
}

/** Creates a plan on the server, stores the new session and returns its plan id. */
export async function createPlanAs(
  creator: PersonalSession,
  name: string,
): Promise<string> {
  const reply = await createPlan(creator.token, name);
  saveSession({
    token: reply.token,
    person: reply.person,
    planId: reply.planId,
    role: reply.role,
    expiresAt: reply.expiresAt,
    inviteDigest: null,
    planName: reply.name,
  });
  return reply.planId;
}

/**
 * Stores a session for a plan only the server listed, so that the page can
 * open it. A plan with a stored session needs nothing.
 */
export async function prepareChoice(choice: PlanChoice): Promise<void> {
  if (choice.session || !choice.viaToken) return;
  const reply = await openPlanSession(choice.viaToken, choice.planId);
  saveSession({
    token: reply.token,
    person: reply.person,
    planId: reply.planId,
    role: reply.role,
    expiresAt: reply.expiresAt,
    inviteDigest: null,
    planName: choice.name,
  });
}

/** Returns the page address that opens a plan. */
export function planHref(planId: string): string {
  return `?plan=${encodeURIComponent(planId)}`;
}

/** Stores the plan's name with its session, so an offline menu can show it. */
export function rememberPlanName(session: PersonalSession, name: string): void {
  if (session.planName === name) return;
  session.planName = name;
  saveSession(session);
}

function choiceOf(session: PersonalSession): PlanChoice {
  return {
    planId: session.planId,
    name: session.planName ?? session.planId,
    role: session.role,
    session,
    viaToken: null,
    expired: isExpired(session),
  };
}

function sortChoices(choices: PlanChoice[]): PlanChoice[] {
  return choices.sort(
    (a, b) =>
      a.name.localeCompare(b.name, undefined, { sensitivity: "base" }) ||
      a.planId.localeCompare(b.planId),
  );
}
