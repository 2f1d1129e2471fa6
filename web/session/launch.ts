import { PLAN_ID_PATTERN } from "../../model/doc/schema.ts";

/** Plan and invite token named by the page URL; the token is there only on an invite link. */
export interface LaunchParams {
  planId: string | null;
  inviteToken: string | null;
}

export function readLaunchParams(search: string): LaunchParams {
  const params = new URLSearchParams(search);
  const planId = params.get("plan");
  const inviteToken = params.get("token");
  return {
    planId: planId && PLAN_ID_PATTERN.test(planId) ? planId : null,
    inviteToken: inviteToken ? inviteToken : null,
  };
}

/** Replaces the page URL with one that names only the plan, so a reload never reuses the invite. */
export function forgetInviteInUrl(planId: string): void {
  const url = new URL(window.location.href);
  url.search = `?plan=${encodeURIComponent(planId)}`;
  window.history.replaceState(null, "", url);
}
