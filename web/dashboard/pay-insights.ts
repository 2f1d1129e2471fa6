import type { PayKpiInput } from "../../model/insights/types.ts";

/** Pay-side KPI inputs as the server served them, or why it did not. */
export type PayInsightsResult =
  | { kind: "loaded"; input: PayKpiInput }
  | { kind: "forbidden"; message: string }
  | { kind: "failed"; message: string };

/** Fetches the plan's pay-side KPI inputs with a person token. */
export async function fetchPayInsights(
  _planId: string,
  _token: string,
): Promise<PayInsightsResult> {
  // TODO: read GET /api/plans/<plan>/insights/pay once the server serves it.
  return {
    kind: "forbidden",
    message: "Pay figures are not served yet.",
  };
}
