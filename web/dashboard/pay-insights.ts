import type { PayKpiInput } from "../../model/insights/types.ts";
import { PayApi } from "../pay/pay-api.ts";
import { ApiError, apiRequest } from "../session/api.ts";

/** Whose statements the server's figures cover: everyone's, a manager's team's, or the person's own. */
export type PayScope = "all" | "team" | "self";

/** Pay-side KPI inputs as the server served them, or why it did not. */
export type PayInsightsResult =
  | { kind: "loaded"; input: PayKpiInput; scope?: PayScope }
  | { kind: "forbidden"; message: string }
  | { kind: "failed"; message: string };

/**
 * Fetches the plan's pay-side KPI inputs with a person token. It first
 * requests GET .../pay/me, which every member may call. A person who is
 * neither an incentives administrator nor linked to a rep gets no insights
 * request, because the server rejects exactly those with 403 and the
 * browser would log the failed request. A 403 (no pay
 * access) is "forbidden"; any other rejection, an unreachable server or a
 * malformed reply is "failed".
 */
export async function fetchPayInsights(
  planId: string,
  token: string,
): Promise<PayInsightsResult> {
  let body: unknown;
  try {
    const access = await new PayApi(planId, token).me();
    if (!access.admin && access.repId === null) {
      return {
        kind: "forbidden",
        message: `Only incentives administrators and people linked to a rep can see pay figures of plan "${planId}". Ask an incentives administrator of the plan to link you to your rep.`,
      };
    }
    body = await apiRequest(
      `/api/plans/${encodeURIComponent(planId)}/insights/pay`,
      { headers: { authorization: `Bearer ${token}` } },
    );
  } catch (error) {
    return rejection(error);
  }

  const reply = body as { scope?: unknown; input?: Partial<PayKpiInput> };
  const input = reply?.input;
  const scope = reply?.scope;
  const valid =
    isScope(scope) &&
    Array.isArray(input?.statements) &&
    Array.isArray(input?.reps) &&
    Array.isArray(input?.disputes) &&
    Number.isInteger(input?.bookedCents) &&
    Number.isInteger(input?.revenueCents);
  if (!valid) {
    return {
      kind: "failed",
      message:
        "The server sent pay figures in an unexpected shape. Reload the page; if it persists, update the server and the app to the same version.",
    };
  }
  return { kind: "loaded", input: input as PayKpiInput, scope };
}

/** Returns true for a scope the server sends. */
export function isScope(value: unknown): value is PayScope {
  return value === "all" || value === "team" || value === "self";
}

/** Maps a rejected request to "forbidden" (403) or "failed" (anything else). */
export function rejection(error: unknown): {
  kind: "forbidden" | "failed";
  message: string;
} {
  if (!(error instanceof ApiError)) throw error;
  return {
    kind: error.status === 403 ? "forbidden" : "failed",
    message: error.message,
  };
}
