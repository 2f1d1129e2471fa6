import { randomId } from "../model/doc/plan-doc.ts";
import type { InvitePayRole, InviteRecord } from "./invite-store.ts";
import type { Role } from "./roles.ts";
import type { Storage } from "./storage.ts";
import { DAY_SECONDS, signToken } from "./tokens.ts";

/** Maximum lifetime of an invite link, in days. */
export const MAX_INVITE_DAYS = 3650;

/** An invite just recorded and its signed token. */
export interface MintedInvite {
  invite: InviteRecord;
  token: string;
}

/**
 * Records a new invite to `planId` with `role`, valid for `days` days, and
 * signs its token. `createdBy` is the editor's person id or "server". A pay
 * invite also carries `payRole` or the `repId` it links its person to.
 */
export async function mintInvite(
  storage: Storage,
  secret: Uint8Array,
  options: {
    planId: string;
    role: Role;
    days: number;
    createdBy: string;
    payRole?: InvitePayRole | null;
    repId?: string | null;
  },
): Promise<MintedInvite> {
  // Whole seconds, because the token's iat and exp are whole seconds and the
  // link is signed again from these times.
  const issuedAt = Math.floor(Date.now() / 1000);
  const invite: InviteRecord = {
    id: randomId(),
    planId: options.planId,
    role: options.role,
    createdBy: options.createdBy,
    createdAt: issuedAt * 1000,
    expiresAt: (issuedAt + options.days * DAY_SECONDS) * 1000,
    revokedAt: null,
    revokedBy: null,
    payRole: options.payRole ?? null,
    repId: options.repId ?? null,
    usedBy: null,
  };
  storage.invites.insert(invite);
  return { invite, token: await inviteToken(secret, invite) };
}

/**
 * Signs a recorded invite's token. The claims and times come from the
 * record, so this returns the token that was handed out when it was minted.
 * NOTE: It signs with the current secret, so after the secret changes, an
 * invite that was not revoked gets a working link again in the list.
 */
export function inviteToken(
  secret: Uint8Array,
  invite: InviteRecord,
): Promise<string> {
  return signToken(
    secret,
    {
      sub: invite.id,
      name: "",
      plan: invite.planId,
      role: invite.role,
      kind: "invite",
    },
    Math.floor(invite.expiresAt / 1000),
    Math.floor(invite.createdAt / 1000),
  );
}
