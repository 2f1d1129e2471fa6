// The plan's time zone turns a close timestamp into the calendar date that
// pay periods, rates and crediting rules compare. Intl comes with the
// language, so this stays pure model code.

/** Time zone of a plan that names none. */
export const DEFAULT_TIME_ZONE = "UTC";

// IANA names are letters, digits and "_", "-", "+", "/", such as
// "America/Port-au-Prince" or "Etc/GMT+8". The pattern rejects UTC offsets
// such as "+01:00", which newer engines accept as zones but which have no
// daylight saving time and so are not the zone of a place.
const ZONE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

// "2027-03-01T23:30", then optional seconds and fraction, then an optional
// offset: "Z", "+hh:mm", "+hhmm" or "+hh". A space or lower-case "t" in
// place of "T", and "z" for "Z", are allowed, as RFC 3339 allows them.
const TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const OFFSET_PATTERN = /^([+-])(\d{2}):?(\d{2})?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Returns why a time zone name is invalid, phrased to follow the value in a
 * message, or null when this engine's Intl accepts the zone.
 */
export function timeZoneProblem(zone: string): string | null {
  if (ZONE_NAME_PATTERN.test(zone) && formatterFor(zone) !== null) return null;
  return 'is not an IANA time zone name. Write one such as "America/Los_Angeles", "Europe/Berlin" or "UTC"';
}

/**
 * Returns the calendar date "YYYY-MM-DD" of an instant in a time zone.
 * NOTE: ICU's calendar switches to Julian dates before 15 October 1582, so
 * earlier instants get Julian dates, unlike Date.
 */
export function calendarDateIn(epochMs: number, zone: string): string {
  const formatter = formatterFor(zone);
  if (formatter === null) {
    throw new RangeError(
      `Unknown time zone "${zone}". Check it with timeZoneProblem first.`,
    );
  }
  const parts = formatter.formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

/** A timestamp cell read as an instant, or why it cannot be one. */
export type TimestampResult =
  { epochMs: number } | { problem: string } | { notTimestamp: true };

/**
 * Reads an ISO 8601 timestamp such as "2027-03-01T23:30:00-08:00". Returns
 * `notTimestamp` for text that is no timestamp at all, so the caller can
 * try another format, and a problem for a timestamp without an offset or
 * with a date, time or offset out of range.
 */
export function parseTimestamp(text: string): TimestampResult {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (match === null) return { notTimestamp: true };

  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  if (offset === undefined) {
    return {
      problem: `is a timestamp without a UTC offset, so its calendar date is ambiguous. Add the offset it was recorded in, such as "${text}Z" for UTC or "${text}-08:00", or write the calendar date YYYY-MM-DD`,
    };
  }
  const offsetMinutes = readOffset(offset);
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: second === undefined ? 0 : Number(second),
  };
  if (offsetMinutes === null || !isValidDateTime(fields)) {
    return {
      problem: `is not a valid timestamp. Write it as YYYY-MM-DDThh:mm:ss with an offset, such as "2027-03-01T23:30:00-08:00", with hours 00-23 and an offset of at most 23:59`,
    };
  }

  // Fractions beyond milliseconds are dropped: they never change the date.
  const milliseconds = Number((fraction ?? "").padEnd(3, "0").slice(0, 3));
  const local = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    milliseconds,
  );
  return { epochMs: local - offsetMinutes * 60_000 };
}

interface DateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function isValidDateTime(fields: DateTimeFields): boolean {
  const { year, month, day, hour, minute, second } = fields;
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

// Returns the offset east of UTC in minutes, or null when it is out of range.
function readOffset(offset: string): number | null {
  if (offset === "Z" || offset === "z") return 0;
  const match = OFFSET_PATTERN.exec(offset);
  if (match === null) return null;

  const hours = Number(match[2]);
  const minutes = match[3] === undefined ? 0 : Number(match[3]);
  if (hours > 23 || minutes > 59) return null;
  const sign = match[1] === "-" ? -1 : 1;
  return sign * (hours * 60 + minutes);
}

// One formatter per zone, because an import formats every row and building
// an Intl.DateTimeFormat costs far more than using one. Returns null for a
// zone this engine rejects.
function formatterFor(zone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(zone);
  if (cached !== undefined) return cached;

  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      calendar: "iso8601",
      numberingSystem: "latn",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
  formatters.set(zone, formatter);
  return formatter;
}
