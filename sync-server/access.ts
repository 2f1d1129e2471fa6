import { SERVER_CREATOR } from "./invite-store.ts";
import type { Storage } from "./storage.ts";
import type { TokenClaims } from "./tokens.ts";

/** Reason that a validly signed token may no longer open its plan. */
export interface AccessDenial {
  code: "INVITE_REVOKED" | "PERSON_REMOVED";
  /** A sentence for an HTTP error, naming the plan. */
  message: string;
  /** A shorter sentence that fits a WebSocket close frame (123 bytes). */
  reason: string;
}

/**
 * Checks a verified token against the records: an invite must not be
 * revoked, and a person must not be removed from the plan. An invite or
 * person seen for the first time is recorded now. Such tokens come from
 * `meridian invite` or were issued before the server recorded them.
 */
export function checkAccess(
  storage: Storage,
  claims: TokenClaims,
): AccessDenial | null {
  return claims.kind === "invite"
    ? checkInvite(storage, claims)
    : checkPerson(storage, claims);
}

function checkInvite(
  storage: Storage,
  claims: TokenClaims,
): AccessDenial | null {
  const invite = storage.invites.get(claims.sub);
  if (!invite) {
    storage.invites.insert({
      id: claims.sub,
      planId: claims.plan,
      role: claims.role,
      createdBy: SERVER_CREATOR,
      createdAt: claims.iat * 1000,
      expiresAt: claims.exp * 1000,
    });
    return null;
  }
  if (invite.revokedAt === null && invite.planId === claims.plan) return null;
  return {
    code: "INVITE_REVOKED",
    message: `This invite link to plan "${claims.plan}" was revoked. Ask an editor of the plan for a new link.`,
    reason:
      "This invite link was revoked. Ask an editor of the plan for a new link.",
  };
}

function checkPerson(
  storage: Storage,
  claims: TokenClaims,
): AccessDenial | null {
  const member = storage.people.get(claims.plan, claims.sub);
  if (!member) {
    storage.people.insert({
      planId: claims.plan,
      personId: claims.sub,
      name: claims.name,
      role: claims.role,
      inviteId: claims.invite ?? null,
      joinedAt: claims.iat * 1000,
    });
    return null;
  }
  if (member.removedAt === null) return null;
  return {
    code: "PERSON_REMOVED",
    message: `You were removed from plan "${claims.plan}". Ask an editor of the plan for a new invite link.`,
    reason:
      "You were removed from this plan. Ask an editor for a new invite link.",
  };
}
