import { describe, expect, test } from "vitest";
import {
  calendarDateIn,
  DEFAULT_TIME_ZONE,
  parseTimestamp,
  timeZoneProblem,
} from "../../../../model/incentives/deals/time-zone.ts";

/** Returns the calendar date of a timestamp in a zone, failing on a problem. */
function dateOf(timestamp: string, zone: string): string {
  const parsed = parseTimestamp(timestamp);
  if (!("epochMs" in parsed)) throw new Error(JSON.stringify(parsed));
  return calendarDateIn(parsed.epochMs, zone);
}

describe("timeZoneProblem", () => {
  test("accepts IANA zones and UTC", () => {
    for (const zone of [
      "UTC",
      "America/Los_Angeles",
      "Europe/Berlin",
      "America/Port-au-Prince",
      "Etc/GMT+8",
    ]) {
      expect(timeZoneProblem(zone), zone).toBeNull();
    }
  });

  test("rejects unknown names and offsets", () => {
    for (const zone of ["Mars/Olympus_Mons", "", " UTC", "+01:00", "-08"]) {
      expect(timeZoneProblem(zone), zone).toMatch(
        /^is not an IANA time zone name\. Write one such as "America\/Los_Angeles"/,
      );
    }
  });

  test("default zone is UTC", () => {
    expect(DEFAULT_TIME_ZONE).toBe("UTC");
  });
});

describe("calendarDateIn", () => {
  test("dates an instant before midnight UTC", () => {
    expect(dateOf("2027-03-01T06:30:00Z", "America/Los_Angeles")).toBe(
      "2027-02-28",
    );
    expect(dateOf("2027-03-01T06:30:00Z", "UTC")).toBe("2027-03-01");
  });

  test("dates an instant past midnight in the east", () => {
    expect(dateOf("2027-03-01T10:00:00Z", "Pacific/Kiritimati")).toBe(
      "2027-03-02",
    );
    expect(dateOf("2027-03-01T09:59:59Z", "Pacific/Kiritimati")).toBe(
      "2027-03-01",
    );
  });

  test("follows spring daylight saving time", () => {
    // Los Angeles moves from UTC-8 to UTC-7 on 2027-03-14.
    expect(dateOf("2027-03-13T07:30:00Z", "America/Los_Angeles")).toBe(
      "2027-03-12",
    );
    expect(dateOf("2027-03-15T07:30:00Z", "America/Los_Angeles")).toBe(
      "2027-03-15",
    );
  });

  test("follows autumn daylight saving time", () => {
    // Los Angeles moves from UTC-7 back to UTC-8 on 2027-11-07.
    expect(dateOf("2027-11-06T07:30:00Z", "America/Los_Angeles")).toBe(
      "2027-11-06",
    );
    expect(dateOf("2027-11-08T07:30:00Z", "America/Los_Angeles")).toBe(
      "2027-11-07",
    );
  });

  test("follows daylight saving time in Berlin", () => {
    // Berlin moves from UTC+1 to UTC+2 on 2027-03-28.
    expect(dateOf("2027-03-26T22:30:00Z", "Europe/Berlin")).toBe("2027-03-26");
    expect(dateOf("2027-03-29T22:30:00Z", "Europe/Berlin")).toBe("2027-03-30");
  });

  test("rejects an unknown zone", () => {
    expect(() => calendarDateIn(0, "Mars/Olympus_Mons")).toThrow(
      /Unknown time zone "Mars\/Olympus_Mons"/,
    );
  });
});

describe("parseTimestamp", () => {
  test("applies the offset", () => {
    expect(parseTimestamp("2027-03-01T23:30:00-08:00")).toEqual({
      epochMs: Date.UTC(2027, 2, 2, 7, 30),
    });
    expect(parseTimestamp("2027-03-01T05:30:00+05:30")).toEqual({
      epochMs: Date.UTC(2027, 2, 1, 0, 0),
    });
  });

  test("reads offset and time variants", () => {
    const midnight = { epochMs: Date.UTC(2027, 2, 1) };
    expect(parseTimestamp("2027-03-01T00:00Z")).toEqual(midnight);
    expect(parseTimestamp("2027-03-01t00:00:00z")).toEqual(midnight);
    expect(parseTimestamp("2027-03-01 00:00:00Z")).toEqual(midnight);
    expect(parseTimestamp("2027-03-01T05:30:00+0530")).toEqual(midnight);
    expect(parseTimestamp("2027-03-01T05:00:00+05")).toEqual(midnight);
    expect(parseTimestamp("2027-03-01T00:00:00.000+00:00")).toEqual(midnight);
    expect(parseTimestamp("2027-03-01T00:00:00.1239999Z")).toEqual({
      epochMs: Date.UTC(2027, 2, 1, 0, 0, 0, 123),
    });
  });

  test("rejects a timestamp without offset", () => {
    const parsed = parseTimestamp("2027-03-01T23:30:00");
    expect(parsed).toEqual({
      problem:
        'is a timestamp without a UTC offset, so its calendar date is ambiguous. Add the offset it was recorded in, such as "2027-03-01T23:30:00Z" for UTC or "2027-03-01T23:30:00-08:00", or write the calendar date YYYY-MM-DD',
    });
  });

  test("rejects values out of range", () => {
    for (const text of [
      "2027-02-29T10:00:00Z",
      "2027-03-01T24:00:00Z",
      "2027-03-01T23:60:00Z",
      "2027-03-01T23:59:60Z",
      "2027-03-01T12:00:00+24:00",
      "2027-03-01T12:00:00+05:60",
    ]) {
      const parsed = parseTimestamp(text);
      expect("problem" in parsed ? parsed.problem : "", text).toMatch(
        /^is not a valid timestamp\./,
      );
    }
  });

  test("marks other text as no timestamp", () => {
    for (const text of ["2027-03-01", "03/01/2027 10:00", "2027-03-01T10"]) {
      expect(parseTimestamp(text), text).toEqual({ notTimestamp: true });
    }
  });
});
