import { DEFAULT_TIME_ZONE } from "../../model/incentives/deals/time-zone.ts";

/** Select value of "no time zone set", which stores nothing so UTC applies. */
export const NO_TIME_ZONE = "";

/** One option of the time zone select. */
export interface TimeZoneChoice {
  value: string;
  label: string;
}

/**
 * Lists the choices of the plan's time zone: "not set" first, then every
 * zone this browser supports in alphabetical order, with "UTC" and the
 * stored zone added when the list lacks them. Engines leave "UTC" out of
 * Intl.supportedValuesOf("timeZone"), and a zone set in another browser
 * may be an alias this one does not list. The browser's own zone is
 * marked, so the person finds it.
 */
export function timeZoneChoices(
  stored: string | null,
  browserZone: string | null,
  supported: readonly string[],
): TimeZoneChoice[] {
  const zones = new Set(supported);
  zones.add(DEFAULT_TIME_ZONE);
  if (stored !== null) zones.add(stored);
  const sorted = [...zones].sort(compareCodeUnits);

  const notSet = {
    value: NO_TIME_ZONE,
    label: `Not set (${DEFAULT_TIME_ZONE})`,
  };
  return [
    notSet,
    ...sorted.map((zone) => ({
      value: zone,
      label: zone === browserZone ? `${zone} (this browser)` : zone,
    })),
  ];
}

function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * Returns the zone to suggest: the browser's, unless the plan already
 * uses it or the browser reports none.
 */
export function suggestedTimeZone(
  stored: string | null,
  browserZone: string | null,
): string | null {
  if (browserZone === null || browserZone === "") return null;
  const current = stored ?? DEFAULT_TIME_ZONE;
  return browserZone === current ? null : browserZone;
}

/** Returns this browser's IANA time zone, or null when Intl reports none. */
export function browserTimeZone(): string | null {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === "string" && zone !== "" ? zone : null;
}

/** Returns the zones this browser's Intl supports, or none on an engine without the list. */
export function supportedTimeZones(): readonly string[] {
  return typeof Intl.supportedValuesOf === "function"
    ? Intl.supportedValuesOf("timeZone")
    : [];
}
