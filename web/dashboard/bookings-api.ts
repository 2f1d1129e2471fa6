/** Bookings of one territory per calendar month, in the plan's currency. */
export interface TerritoryBookings {
  territoryId: string;
  name: string;
  /** Month "YYYY-MM" -> booked amount in integer cents. */
  bookings: Record<string, number>;
}

/** Monthly bookings per territory as the server served them, or why it did not. */
export type BookingsResult =
  | { kind: "loaded"; currency: string; territories: TerritoryBookings[] }
  | { kind: "forbidden"; message: string }
  | { kind: "failed"; message: string };

/** Fetches the plan's monthly bookings per territory with a person token. */
export async function fetchTerritoryBookings(
  _planId: string,
  _token: string,
): Promise<BookingsResult> {
  // TODO: read GET /api/plans/<plan>/insights/bookings once the server serves it.
  return { kind: "forbidden", message: "Bookings are not served yet." };
}
