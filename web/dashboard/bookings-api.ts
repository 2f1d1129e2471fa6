import { apiRequest } from "../session/api.ts";
import { isScope, rejection, type PayScope } from "./pay-insights.ts";

/** Bookings of one territory per calendar month, in the plan's currency. */
export interface TerritoryBookings {
  territoryId: string;
  name: string;
  /** Month "YYYY-MM" -> booked amount in integer cents. */
  bookings: Record<string, number>;
}

/** Monthly bookings per territory as the server served them, or why it did not. */
export type BookingsResult =
  | {
      kind: "loaded";
      currency: string;
      territories: TerritoryBookings[];
      scope?: PayScope;
    }
  | { kind: "forbidden"; message: string }
  | { kind: "failed"; message: string };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Fetches the plan's monthly bookings per territory with a person token.
 * A 403 (no pay access) is "forbidden" with the server's message; any other
 * rejection, an unreachable server or a malformed reply is "failed".
 */
export async function fetchTerritoryBookings(
  planId: string,
  token: string,
): Promise<BookingsResult> {
  let body: unknown;
  try {
    body = await apiRequest(
      `/api/plans/${encodeURIComponent(planId)}/insights/bookings`,
      { headers: { authorization: `Bearer ${token}` } },
    );
  } catch (error) {
    return rejection(error);
  }

  const reply = body as {
    scope?: unknown;
    currency?: unknown;
    territories?: unknown;
  };
  if (
    !isScope(reply?.scope) ||
    typeof reply.currency !== "string" ||
    !Array.isArray(reply.territories) ||
    !reply.territories.every(isTerritoryBookings)
  ) {
    return {
      kind: "failed",
      message:
        "The server sent bookings in an unexpected shape. Reload the page; if it persists, update the server and the app to the same version.",
    };
  }
  return {
    kind: "loaded",
    currency: reply.currency,
    territories: reply.territories,
    scope: reply.scope,
  };
}

function isTerritoryBookings(value: unknown): value is TerritoryBookings {
  const row = value as Partial<TerritoryBookings> | null;
  if (typeof row?.territoryId !== "string" || typeof row.name !== "string") {
    return false;
  }
  const bookings = row.bookings;
  if (typeof bookings !== "object" || bookings === null) return false;
  return Object.entries(bookings).every(
    ([month, cents]) => MONTH.test(month) && Number.isInteger(cents),
  );
}
