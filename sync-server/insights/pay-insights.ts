import type { PayKpiInput } from "../../model/insights/types.ts";
import type { Storage } from "../storage.ts";
import type { PayAccess } from "../pay/access.ts";
import type { AccountSources } from "../pay/accounts.ts";
import { computePay } from "../pay/compute.ts";
import { visibleReps } from "../pay/visible.ts";
import { territoryBookings, type TerritoryBookings } from "./bookings.ts";
import { buildPayKpiInput } from "./pay-input.ts";
import { insightsScope, type InsightsScope } from "./scope.ts";

/** The reply of GET .../insights/pay. */
export interface PayInsights {
  scope: InsightsScope;
  input: PayKpiInput;
}

/** The reply of GET .../insights/bookings. */
export interface BookingsInsights {
  scope: InsightsScope;
  /** The plan's currency, which every amount is in. */
  currency: string;
  territories: TerritoryBookings[];
}

/**
 * Computes the pay-side KPI inputs over the statements that `access` may
 * see. The endpoint and `meridian insights` both call it, so they give the
 * same figures. Raises a 403 HttpError when `access` shows no statement.
 */
export async function computePayInsights(
  storage: Storage,
  sources: AccountSources,
  planId: string,
  access: PayAccess,
): Promise<PayInsights> {
  const pay = await computePay(storage, sources, planId);
  const scope = insightsScope(access, pay.plan.incentives.managers, planId);
  const visible = visibleReps(access, pay);
  return {
    scope,
    input: buildPayKpiInput(storage, planId, pay, visible, scope),
  };
}

/** Computes monthly bookings per territory as `access` may see them. */
export async function computeBookingsInsights(
  storage: Storage,
  sources: AccountSources,
  planId: string,
  access: PayAccess,
): Promise<BookingsInsights> {
  const pay = await computePay(storage, sources, planId);
  const scope = insightsScope(access, pay.plan.incentives.managers, planId);
  const visible = scope === "all" ? "all" : visibleReps(access, pay);
  return {
    scope,
    currency: pay.plan.meta.currency,
    territories: territoryBookings(pay, visible),
  };
}
