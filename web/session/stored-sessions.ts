import { isRole, type PersonalSession } from "./types.ts";

/**
 * Personal sessions kept in localStorage, one key per plan, so that a reload
 * or an offline start opens the plan as the same person without the invite.
 */
const KEY_PREFIX = "meridian.session.";

export function loadSession(planId: string): PersonalSession | null {
  const text = window.localStorage.getItem(KEY_PREFIX + planId);
  if (!text) return null;
  try {
    const value = JSON.parse(text) as PersonalSession;
    const valid =
      typeof value.token === "string" &&
      typeof value.person?.id === "string" &&
      value.planId === planId &&
      isRole(value.role);
    return valid ? value : null;
  } catch {
    return null;
  }
}

export function saveSession(session: PersonalSession): void {
  window.localStorage.setItem(
    KEY_PREFIX + session.planId,
    JSON.stringify(session),
  );
}

export function forgetSession(planId: string): void {
  window.localStorage.removeItem(KEY_PREFIX + planId);
}

/** Lists every plan this browser has joined, newest expiry first. */
export function listSessions(): PersonalSession[] {
  const sessions: PersonalSession[] = [];
  for (let i = 0; i < window.localStorage.length; i++) {
    const key = window.localStorage.key(i);
    if (!key?.startsWith(KEY_PREFIX)) continue;
    const session = loadSession(key.slice(KEY_PREFIX.length));
    if (session) sessions.push(session);
  }
  return sessions.sort((a, b) => b.expiresAt.localeCompare(a.expiresAt));
}

export function isExpired(session: PersonalSession, now = Date.now()): boolean {
  const expiry = Date.parse(session.expiresAt);
  return Number.isFinite(expiry) && expiry <= now;
}
