import type { IncomingMessage } from "node:http";
import type { ApiContext } from "../api-auth.ts";
import { payCaller } from "../pay/access.ts";
import { accountSources } from "../pay/sources.ts";
import {
  computeBookingsInsights,
  computePayInsights,
  type BookingsInsights,
  type PayInsights,
} from "./pay-insights.ts";

/** GET /api/plans/<planId>/insights/pay: pay-side KPI inputs the caller may see. */
export async function readPayInsights(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<PayInsights> {
  const { access } = await payCaller(context, request, planId);
  return computePayInsights(
    context.storage,
    accountSources(context),
    planId,
    access,
  );
}

/** GET /api/plans/<planId>/insights/bookings: monthly bookings per territory. */
export async function readBookingsInsights(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<BookingsInsights> {
  const { access } = await payCaller(context, request, planId);
  return computeBookingsInsights(
    context.storage,
    accountSources(context),
    planId,
    access,
  );
}
