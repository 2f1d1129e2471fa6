import { NOT_AVAILABLE, type KpiUnit } from "../../model/insights/types.ts";
import { formatMoney, groupDecimal } from "../format.ts";
import type { PayInsightsResult, PayScope } from "./pay-insights.ts";

/**
 * Formats a KPI value for its unit: "12.5%", "1.25", "$1,250.00", "1,204"
 * or "3.5 days". The value stays an exact decimal string throughout, and
 * "not available" passes through unchanged.
 */
export function formatKpiValue(
  value: string,
  unit: KpiUnit,
  currency: string,
): string {
  if (value === NOT_AVAILABLE) return value;
  switch (unit) {
    case "percent":
      return `${groupDecimal(value)}%`;
    case "currency":
      return formatMoney(value, currency);
    case "days":
      return `${groupDecimal(value)} ${value === "1.0" ? "day" : "days"}`;
    case "ratio":
    case "count":
      return groupDecimal(value);
  }
}

/**
 * Returns why the pay-side KPIs have no value, or null when the server
 * served the pay figures.
 */
export function payUnavailableReason(
  pay: PayInsightsResult | null,
): string | null {
  if (pay === null) return "Pay figures are loading.";
  if (pay.kind === "loaded") return null;
  return pay.message;
}

/** Describes whose statements the served pay figures cover. */
export function payScopeText(scope: PayScope | undefined): string | null {
  switch (scope) {
    case "all":
      return "Pay figures cover every statement of the plan.";
    case "team":
      return "Pay figures cover the statements of your team.";
    case "self":
      return "Pay figures cover your own statements.";
    case undefined:
      return null;
  }
}
