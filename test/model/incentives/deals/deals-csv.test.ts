import { describe, expect, test } from "vitest";
import { parseDealsCsv } from "../../../../model/incentives/deals/deals-csv.ts";
import { TimeZoneError } from "../../../../model/incentives/deals/errors.ts";
import type {
  Deal,
  DealRowError,
} from "../../../../model/incentives/deals/types.ts";

const HEADER =
  "id,account,amount,currency,close_date,product,owner,splits,cancels";

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join("\n") + "\n";
}

function dealsOf(text: string, reps?: string[]): Deal[] {
  const result = parseDealsCsv(text, reps === undefined ? {} : { reps });
  if ("errors" in result) throw new Error(JSON.stringify(result.errors));
  return result.deals;
}

function errorsOf(text: string, reps?: string[]): DealRowError[] {
  const result = parseDealsCsv(text, reps === undefined ? {} : { reps });
  if ("deals" in result) throw new Error("expected errors, got deals");
  return result.errors;
}

describe("parseDealsCsv", () => {
  test("reads a valid row with splits", () => {
    const deals = dealsOf(
      csv('D-1,acme,1250.5,EUR,2026-03-31,Platform,rep-a,"rep-a:60;rep-b:40",'),
    );
    expect(deals).toEqual([
      {
        id: "D-1",
        account: "acme",
        amount: "1250.50",
        currency: "EUR",
        closeDate: "2026-03-31",
        product: "Platform",
        owner: "rep-a",
        splits: [
          { rep: "rep-a", percent: "60" },
          { rep: "rep-b", percent: "40" },
        ],
        generated: false,
      },
    ]);
  });

  test("leaves splits empty without a splits cell", () => {
    const [deal] = dealsOf(csv("D-1,acme,100,USD,2026-01-02,Support,rep-a,,"));
    expect(deal.splits).toEqual([]);
    expect(deal.amount).toBe("100.00");
    expect(deal.cancels).toBeUndefined();
  });

  test("accepts missing optional columns", () => {
    const text =
      "id,account,amount,currency,close_date,product,owner\n" +
      "D-1,acme,10.00,USD,2026-01-02,Support,rep-a\n";
    expect(dealsOf(text)).toHaveLength(1);
  });

  test("reads a cancellation of an earlier deal", () => {
    const deals = dealsOf(
      csv(
        "D-1,acme,500.00,USD,2026-01-02,Support,rep-a,,",
        "D-2,acme,-200.00,USD,2026-02-01,Support,rep-a,,D-1",
      ),
    );
    expect(deals[1].amount).toBe("-200.00");
    expect(deals[1].cancels).toBe("D-1");
  });

  test("lists every bad row and returns no deals", () => {
    const errors = errorsOf(
      csv(
        "D-1,acme,12.345,USD,2026-01-02,Support,rep-a,,",
        "D-2,acme,10,usd,2026-02-30,Support,rep-a,,",
        "D-3,acme,10,USD,2026-01-02,Support,rep-a,,",
        ",acme,10,USD,2026-01-02,,rep-a,,",
      ),
    );
    expect(errors.map((e) => [e.line, e.field, e.value])).toEqual([
      [2, "amount", "12.345"],
      [3, "currency", "usd"],
      [3, "close_date", "2026-02-30"],
      [5, "id", ""],
      [5, "product", ""],
    ]);
    expect(errors[0].reason).toMatch(/at most 2 decimals/);
    expect(errors[2].reason).toMatch(/YYYY-MM-DD/);
  });

  test("reports each duplicate id with both lines", () => {
    const errors = errorsOf(
      csv(
        "D-1,acme,10,USD,2026-01-02,Support,rep-a,,",
        "D-2,acme,10,USD,2026-01-02,Support,rep-a,,",
        "D-1,beta,20,USD,2026-01-03,Support,rep-b,,",
      ),
    );
    expect(errors).toEqual([
      {
        line: 2,
        field: "id",
        value: "D-1",
        reason: "is also the id on line 4. Give each deal its own id",
      },
      {
        line: 4,
        field: "id",
        value: "D-1",
        reason: "is also the id on line 2. Give each deal its own id",
      },
    ]);
  });

  test("rejects splits not adding to 100", () => {
    const errors = errorsOf(
      csv('D-1,acme,10,USD,2026-01-02,Support,rep-a,"rep-a:60;rep-b:30",'),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe("splits");
    expect(errors[0].reason).toMatch(/adds up to 90 percent, not 100/);
  });

  test("rejects malformed and repeated split parts", () => {
    const cases = [
      ["rep-a=60;rep-b:40", /not rep:percent/],
      ["rep-a:60.123;rep-b:39.877", /not rep:percent/],
      ["rep-a:50;rep-a:50", /names rep "rep-a" twice/],
      ["rep-a:100;rep-b:0", /0 percent/],
    ] as const;
    for (const [splits, reason] of cases) {
      const errors = errorsOf(
        csv(`D-1,acme,10,USD,2026-01-02,Support,rep-a,"${splits}",`),
      );
      expect(errors[0].reason).toMatch(reason);
    }
  });

  test("accepts splits with two decimals", () => {
    const [deal] = dealsOf(
      csv(
        'D-1,acme,10,USD,2026-01-02,Support,rep-a,"a:33.33;b:33.33;c:33.34",',
      ),
    );
    expect(deal.splits.map((s) => s.percent)).toEqual([
      "33.33",
      "33.33",
      "33.34",
    ]);
  });

  test("rejects negative amount without cancels", () => {
    const errors = errorsOf(csv("D-1,acme,-10,USD,2026-01-02,Support,rep-a,,"));
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe("amount");
    expect(errors[0].reason).toMatch(/cancels no deal/);
  });

  test("rejects zero amount", () => {
    const errors = errorsOf(
      csv("D-1,acme,0.00,USD,2026-01-02,Support,rep-a,,"),
    );
    expect(errors[0].reason).toMatch(/is zero/);
  });

  test("rejects cancellations that do not match", () => {
    const errors = errorsOf(
      csv(
        "D-1,acme,100,USD,2026-03-01,Support,rep-a,,",
        "C-1,acme,10,USD,2026-03-02,Support,rep-a,,D-1",
        "C-2,acme,-10,USD,2026-03-02,Support,rep-a,,D-9",
        "C-3,beta,-10,USD,2026-03-02,Support,rep-a,,D-1",
        "C-4,acme,-10,EUR,2026-03-02,Support,rep-a,,D-1",
        "C-5,acme,-10,USD,2026-02-01,Support,rep-a,,D-1",
      ),
    );
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(errors[0].reason).toMatch(/amount is positive/);
    expect(errors[1].reason).toMatch(/not the id of another deal/);
    expect(errors[2].reason).toMatch(/account "acme", not "beta"/);
    expect(errors[3].reason).toMatch(/in USD, not EUR/);
    expect(errors[4].reason).toMatch(/closed on 2026-03-01, after/);
  });

  test("rejects cancelling more than the deal", () => {
    // 100.00 - 60.00 - 50.00 leaves -10.00, so the second cancellation fails.
    const errors = errorsOf(
      csv(
        "D-1,acme,100,USD,2026-03-01,Support,rep-a,,",
        "C-1,acme,-60,USD,2026-03-02,Support,rep-a,,D-1",
        "C-2,acme,-50,USD,2026-03-03,Support,rep-a,,D-1",
      ),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0].line).toBe(4);
    expect(errors[0].reason).toMatch(/to 110.00, more than its amount 100.00/);
  });

  test("rejects unknown reps when reps given", () => {
    const errors = errorsOf(
      csv('D-1,acme,10,USD,2026-01-02,Support,rep-x,"rep-x:50;rep-y:50",'),
      ["rep-a"],
    );
    expect(errors.map((e) => [e.field, e.value])).toEqual([
      ["owner", "rep-x"],
      ["splits", "rep-y"],
    ]);
  });

  test("reports header problems", () => {
    const errors = errorsOf("id,account,amount,price,currency,product,owner\n");
    expect(errors.map((e) => [e.line, e.field, e.value])).toEqual([
      [1, "header", "price"],
      [1, "close_date", ""],
    ]);
  });

  test("reports a row with the wrong field count", () => {
    const errors = errorsOf(csv("D-1,acme,10,USD,2026-01-02,Support"));
    expect(errors[0].field).toBe("record");
    expect(errors[0].reason).toMatch(/has 6 fields but the header has 9/);
  });

  test("reports an empty file", () => {
    const errors = errorsOf("");
    expect(errors[0].field).toBe("header");
  });
});

describe("parseDealsCsv close_date time zone", () => {
  const LOS_ANGELES = "America/Los_Angeles";

  function closeDates(text: string, timeZone?: string): string[] {
    const result = parseDealsCsv(
      text,
      timeZone === undefined ? {} : { timeZone },
    );
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    return result.deals.map((deal) => deal.closeDate);
  }

  test("dates a timestamp in the plan's zone", () => {
    const text = csv(
      "D-1,acme,100,USD,2027-03-01T06:30:00Z,Support,rep-a,,",
      "D-2,acme,100,USD,2027-03-01T23:30:00-08:00,Support,rep-a,,",
    );
    expect(closeDates(text, LOS_ANGELES)).toEqual(["2027-02-28", "2027-03-01"]);
  });

  test("dates a timestamp in UTC by default", () => {
    const text = csv(
      "D-1,acme,100,USD,2027-03-01T06:30:00Z,Support,rep-a,,",
      "D-2,acme,100,USD,2027-03-01T23:30:00-08:00,Support,rep-a,,",
    );
    expect(closeDates(text)).toEqual(["2027-03-01", "2027-03-02"]);
  });

  test("keeps a calendar date as written", () => {
    const text = csv("D-1,acme,100,USD,2027-03-01,Support,rep-a,,");
    expect(closeDates(text, LOS_ANGELES)).toEqual(["2027-03-01"]);
    expect(closeDates(text, "Pacific/Kiritimati")).toEqual(["2027-03-01"]);
  });

  test("dates across daylight saving time", () => {
    // Los Angeles is UTC-8 until 2027-03-14 and UTC-7 after it.
    const text = csv(
      "D-1,acme,100,USD,2027-03-13T07:30:00Z,Support,rep-a,,",
      "D-2,acme,100,USD,2027-03-15T07:30:00Z,Support,rep-a,,",
    );
    expect(closeDates(text, LOS_ANGELES)).toEqual(["2027-03-12", "2027-03-15"]);
  });

  test("rejects a timestamp without offset", () => {
    const errors = errorsOf(
      csv(
        "D-1,acme,100,USD,2027-03-01T23:30:00,Support,rep-a,,",
        "D-2,acme,100,USD,2027-03-01T23:30:00Z,Support,rep-a,,",
      ),
    );
    expect(errors).toEqual([
      {
        line: 2,
        field: "close_date",
        value: "2027-03-01T23:30:00",
        reason:
          'is a timestamp without a UTC offset, so its calendar date is ambiguous. Add the offset it was recorded in, such as "2027-03-01T23:30:00Z" for UTC or "2027-03-01T23:30:00-08:00", or write the calendar date YYYY-MM-DD',
      },
    ]);
  });

  test("rejects text that is neither date nor timestamp", () => {
    const errors = errorsOf(csv("D-1,acme,100,USD,03/01/2027,Support,rep-a,,"));
    expect(errors.map((e) => [e.line, e.field, e.value])).toEqual([
      [2, "close_date", "03/01/2027"],
    ]);
    expect(errors[0].reason).toMatch(
      /^is not a calendar date or a timestamp\. Write it as YYYY-MM-DD/,
    );
  });

  test("orders cancellations by the zone's dates", () => {
    // In Los Angeles both rows close on 2027-02-28, so the refund does not
    // precede the deal. In UTC the deal closes on 2027-03-01, after it.
    const text = csv(
      "D-1,acme,100,USD,2027-03-01T06:30:00Z,Support,rep-a,,",
      "D-2,acme,-100,USD,2027-02-28,Support,rep-a,,D-1",
    );
    expect(closeDates(text, LOS_ANGELES)).toEqual(["2027-02-28", "2027-02-28"]);
    expect(errorsOf(text).map((e) => [e.line, e.field])).toEqual([
      [3, "cancels"],
    ]);
  });

  test("raises TimeZoneError for an unknown zone", () => {
    const text = csv("D-1,acme,100,USD,2027-03-01,Support,rep-a,,");
    expect(() =>
      parseDealsCsv(text, { timeZone: "Mars/Olympus_Mons" }),
    ).toThrow(TimeZoneError);
    expect(() =>
      parseDealsCsv(text, { timeZone: "Mars/Olympus_Mons" }),
    ).toThrow(
      'The time zone "Mars/Olympus_Mons" is not an IANA time zone name. Write one such as "America/Los_Angeles", "Europe/Berlin" or "UTC".',
    );
  });
});

describe("parseDealsCsv amount limit", () => {
  test("rejects an amount too large to sum", () => {
    const errors = errorsOf(
      csv("D-1,acme,99999999999999999999.00,USD,2026-01-02,Support,rep-a,,"),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe("amount");
    expect(errors[0].reason).toContain("too large");
  });
});
