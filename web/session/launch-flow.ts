import { joinPlan } from "./api.ts";
import { sha256Hex } from "../hash.ts";
import { forgetInviteInUrl, type LaunchParams } from "./launch.ts";
import { listSessions, loadSession, saveSession } from "./stored-sessions.ts";
import type { PersonalSession } from "./types.ts";

/** Screen the app shows first, chosen from the URL and the sessions stored in this browser. */
export type LaunchState =
  | { kind: "plans"; sessions: PersonalSession[] }
  | {
      kind: "join";
      planId: string | null;
      inviteToken: string;
      inviteDigest: string | null;
      suggestedName: string;
    }
  | { kind: "not-joined"; planId: string }
  | { kind: "open"; session: PersonalSession };

const LAST_NAME_KEY = "meridian.lastName";

export async function resolveLaunch(
  params: LaunchParams,
): Promise<LaunchState> {
  const { planId, inviteToken } = params;
  const stored = planId ? loadSession(planId) : null;

  if (inviteToken) {
    const inviteDigest = await sha256Hex(inviteToken);
    const sameInvite =
      stored !== null &&
      (stored.inviteDigest === null || stored.inviteDigest === inviteDigest);
    if (stored && sameInvite) {
      forgetInviteInUrl(stored.planId);
      return { kind: "open", session: stored };
    }
    return {
      kind: "join",
      planId,
      inviteToken,
      inviteDigest,
      suggestedName:
        stored?.person.name ?? window.localStorage.getItem(LAST_NAME_KEY) ?? "",
    };
  }

  if (!planId) return { kind: "plans", sessions: listSessions() };
  if (stored) return { kind: "open", session: stored };
  return { kind: "not-joined", planId };
}

/** Joins with the invite, stores the personal session and drops the invite token from the URL. */
export async function completeJoin(
  state: Extract<LaunchState, { kind: "join" }>,
  name: string,
): Promise<PersonalSession> {
  const reply = await joinPlan(state.inviteToken, name);
  const session: PersonalSession = {
    token: reply.token,
    person: reply.person,
    planId: reply.planId,
    role: reply.role,
    expiresAt: reply.expiresAt,
    inviteDigest: state.inviteDigest,
  };
  saveSession(session);
  window.localStorage.setItem(LAST_NAME_KEY, reply.person.name);
  forgetInviteInUrl(session.planId);
  return session;
}
