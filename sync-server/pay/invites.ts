import { HttpError } from "../http-json.ts";
import type { Storage } from "../storage.ts";

/**
 * Records the pay access an invite grants to the person joining with it, in
 * the caller's transaction. A personal invite (with a rep id) works once:
 * a second join with it is rejected with 403 INVITE_USED. An invite without
 * pay grants changes nothing.
 */
export function claimPayInvite(
  storage: Storage,
  inviteId: string,
  personId: string,
): void {
  const invite = storage.invites.get(inviteId);
  if (!invite || (invite.payRole === null && invite.repId === null)) return;

  if (invite.repId !== null && !storage.invites.markUsed(inviteId, personId)) {
    throw new HttpError(
      403,
      "INVITE_USED",
      `This personal invite link to plan "${invite.planId}" was used already. Ask an incentives administrator of the plan for a new link.`,
    );
  }
  storage.pay.members.set({
    planId: invite.planId,
    personId,
    admin: invite.payRole === "admin",
    repId: invite.repId,
    updatedAt: Date.now(),
    updatedBy: `invite:${inviteId}`,
  });
}
