import type { BandCoverage } from "../../model/forecast/fit.ts";
import type { BookingsResult, TerritoryBookings } from "./bookings-api.ts";
import type { PayScope } from "./pay-insights.ts";

/** Band coverages the panel offers, as the model supports them. */
export const COVERAGES: readonly { value: BandCoverage; label: string }[] = [
  { value: 0.8, label: "80 %" },
  { value: 0.9, label: "90 %" },
  { value: 0.95, label: "95 %" },
];

/** Content of the Forecast section for the bookings the server returned. */
export type BookingsState =
  | { kind: "loading" }
  | { kind: "forbidden"; message: string }
  | { kind: "failed"; message: string }
  | { kind: "empty"; message: string }
  | {
      kind: "ready";
      currency: string;
      territories: TerritoryBookings[];
      /** Scope of the bookings the person may read. Attainment needs "all". */
      scope: PayScope | undefined;
      /** Reason the figures cover part of the bookings, or null when they cover all. */
      scopeNote: string | null;
    };

/** Statement of who may see bookings, which the server serves under the pay rules. */
export const BOOKINGS_ACCESS =
  "Bookings come from closed deals, so only people who may see pay statements see the forecast: incentives administrators see every territory, and a person linked to a rep sees the territories of that rep and their team. Ask an incentives administrator for pay access.";

/** Tells the sections of the panel apart from the result of the request. */
export function bookingsState(result: BookingsResult | null): BookingsState {
  if (result === null) return { kind: "loading" };
  if (result.kind === "forbidden") {
    return { kind: "forbidden", message: result.message };
  }
  if (result.kind === "failed") {
    return {
      kind: "failed",
      message: `Loading the bookings failed. ${result.message}`,
    };
  }
  const booked = result.territories.some(
    (t) => Object.keys(t.bookings).length > 0,
  );
  if (!booked) {
    return {
      kind: "empty",
      message:
        "No bookings history yet. An incentives administrator imports closed deals under Import deals in the Statements view, and the forecast shows here once deals are booked.",
    };
  }
  return {
    kind: "ready",
    currency: result.currency,
    territories: result.territories,
    scope: result.scope,
    scopeNote: scopeNote(result.scope),
  };
}

/** Explains figures limited to what a person linked to a rep may see. */
export function scopeNote(scope: PayScope | undefined): string | null {
  if (scope === "team") {
    return "These are the bookings credited to you and the reps you manage, so territory figures cover only your team's share.";
  }
  if (scope === "self") {
    return "These are the bookings credited to you, so territory figures cover only your share.";
  }
  return null;
}
