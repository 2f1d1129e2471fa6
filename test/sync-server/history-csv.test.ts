import { expect, test } from "vitest";
import type { HistoryEntry } from "../../sync-server/history/attribution.ts";
import { auditCsv, quoteField } from "../../sync-server/history/audit-csv.ts";

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

test("quoteField quotes only when needed", () => {
  expect(quoteField("plain")).toBe("plain");
  expect(quoteField("a,b")).toBe('"a,b"');
  expect(quoteField('say "hi"')).toBe('"say ""hi"""');
  expect(quoteField("two\nlines")).toBe('"two\nlines"');
  expect(quoteField("cr\rhere")).toBe('"cr\rhere"');
  expect(quoteField("")).toBe("");
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
