import { expect, test } from "vitest";
import type { HistoryEntry } from "../../sync-server/history/attribution.ts";
import { auditCsv } from "../../sync-server/history/audit-csv.ts";

function entry(changes: Partial<HistoryEntry>): HistoryEntry {
  return {
    seq: 1,
    time: "2026-01-02T03:04:05.000Z",
    kind: "county",
    id: "06037",
    object: "county:06037",
    field: "territoryId",
    from: null,
    to: "t-1",
    fromName: null,
    toName: null,
    clientId: 7,
    attribution: "client",
    personId: "p-ada",
    personName: "Ada",
    sentBy: "p-ada",
    sentByName: "Ada",
    ...changes,
  };
}

test("auditCsv quotes commas, quotes, line breaks", () => {
  const csv = auditCsv([
    entry({ personName: "Lee, Ada", from: 'say "hi"', to: "two\nlines" }),
  ]);
  expect(csv.split("\r\n")[1]).toBe(
    '"Lee, Ada",2026-01-02T03:04:05.000Z,county:06037,"say ""hi""","two\nlines"',
  );
});

test("auditCsv escapes formula names", () => {
  const csv = auditCsv([
    entry({
      personName: '=HYPERLINK("http://x","y")',
      from: "@SUM(A1)",
      to: "+1 555",
    }),
    entry({ personName: "-Ada", from: "-12.5", to: "-12.50" }),
  ]);
  const rows = csv.split("\r\n");
  expect(rows[1]).toBe(
    `"'=HYPERLINK(""http://x"",""y"")",2026-01-02T03:04:05.000Z,county:06037,'@SUM(A1),'+1 555`,
  );
  expect(rows[2]).toBe(
    "'-Ada,2026-01-02T03:04:05.000Z,county:06037,-12.5,-12.50",
  );
});

test("auditCsv writes users and values", () => {
  const csv = auditCsv([
    entry({}),
    entry({
      attribution: "unattributed",
      personId: null,
      personName: null,
      sentBy: "p-cleo",
      sentByName: "Cleo",
    }),
    entry({
      attribution: "unattributed",
      personId: null,
      personName: null,
      sentBy: null,
      sentByName: null,
    }),
    entry({
      kind: "territory",
      object: "territory:t-1.locked",
      field: "locked",
      from: false,
      to: true,
      personName: null,
    }),
  ]);
  expect(csv).toBe(
    [
      "user,time,object,from,to",
      "Ada,2026-01-02T03:04:05.000Z,county:06037,,t-1",
      "unattributed (sent by Cleo),2026-01-02T03:04:05.000Z,county:06037,,t-1",
      "server,2026-01-02T03:04:05.000Z,county:06037,,t-1",
      "p-ada,2026-01-02T03:04:05.000Z,territory:t-1.locked,false,true",
      "",
    ].join("\r\n"),
  );
});

test("auditCsv of no changes is header only", () => {
  expect(auditCsv([])).toBe("user,time,object,from,to\r\n");
});
