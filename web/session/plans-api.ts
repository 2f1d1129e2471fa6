import { ApiError, apiRequest, readJoinReply, type JoinReply } from "./api.ts";
import { isRole, type Role } from "./types.ts";

/** A plan the person belongs to, as GET /api/plans lists it. */
export interface ServerPlan {
  id: string;
  name: string;
  role: Role;
  joinedAt: string;
  createdAt: string;
}

/** Lists the plans the token's person belongs to on the server. */
export async function fetchMyPlans(token: string): Promise<ServerPlan[]> {
  const body = (await apiRequest("/api/plans", {
    headers: { authorization: `Bearer ${token}` },
  })) as { plans?: unknown };
  if (!Array.isArray(body?.plans)) {
    throw new ApiError(
      "invalid_reply",
      "The server's plan list has no plans array.",
      200,
    );
  }
  return body.plans.filter(
    (plan: ServerPlan) =>
      typeof plan?.id === "string" &&
      typeof plan.name === "string" &&
      isRole(plan.role),
  );
}

/**
 * Creates an empty plan as the token's person, who must be an editor of the
 * token's plan. Returns the person's session in the new plan.
 */
export async function createPlan(
  token: string,
  name: string,
): Promise<JoinReply & { name: string }> {
  const body = await apiRequest("/api/plans", {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ name }),
  });
  return { ...readJoinReply(body), name: (body as { name: string }).name };
}

/** Exchanges a token of one plan for the same person's token of another plan. */
export async function openPlanSession(
  token: string,
  planId: string,
): Promise<JoinReply> {
  const body = await apiRequest(
    `/api/plans/${encodeURIComponent(planId)}/session`,
    { method: "POST", headers: { authorization: `Bearer ${token}` } },
  );
  return readJoinReply(body);
}
