import { expect, test } from "vitest";
import { derivePlanning } from "../../../model/planning/derive.ts";
import { quotaColumns } from "../../../web/planning/quota-columns.ts";
import {
  parseClipboardTable,
  planPaste,
} from "../../../web/planning/quota-paste.ts";
import { quotaRows } from "../../../web/planning/quota-rows.ts";
import {
  FIXTURE_CONTEXT,
  FIXTURE_POTENTIAL,
  planningFixture,
} from "../../model/planning/fixture.ts";

const inputs = planningFixture();
const model = derivePlanning(inputs, FIXTURE_CONTEXT);
const rows = quotaRows(model.quota!, {
  inputs,
  potentialCents: FIXTURE_POTENTIAL,
  ownerIds: new Map(),
  names: new Map(),
});
const columns = quotaColumns(model.year!.months.map((m) => m.label));
const PRIOR = columns.findIndex((c) => c.key === "prior");
const ADJUSTMENT = columns.findIndex((c) => c.key === "adjustment");
const BOSTON = rows.findIndex((r) => r.id === "bos");

test("parseClipboardTable splits rows and cells", () => {
  expect(parseClipboardTable("1\t2\r\n3\t4\r\n")).toEqual([
    ["1", "2"],
    ["3", "4"],
  ]);
  expect(parseClipboardTable("150000")).toEqual([["150000"]]);
  expect(parseClipboardTable("a\n\nb")).toEqual([["a"], [""], ["b"]]);
  expect(parseClipboardTable("")).toEqual([[""]]);
});

test("planPaste fills a block down and right", () => {
  const table = parseClipboardTable("100\t+2000\n200\t\n");

  const plan = planPaste(table, rows, columns, {
    row: BOSTON,
    column: PRIOR,
  });

  expect(plan).toEqual({
    ok: true,
    edits: [
      { nodeId: "bos", column: "prior", value: "100" },
      { nodeId: "bos", column: "adjustment", value: { delta: "2000" } },
      { nodeId: "ana", column: "prior", value: "200" },
      { nodeId: "ana", column: "adjustment", value: null },
    ],
  });
});

test("planPaste lists every bad value", () => {
  const table = parseClipboardTable("12,5x\n-\n7");

  const plan = planPaste(table, rows, columns, {
    row: BOSTON,
    column: ADJUSTMENT,
  });

  expect(plan).toEqual({
    ok: false,
    errors: [
      "row Boston, Adjustment: '12,5x' is not an amount",
      "row Ana, Adjustment: '-' is not an amount",
    ],
  });
});

test("planPaste rejects read-only cells", () => {
  const company = rows.findIndex((r) => r.id === "company");
  const east = rows.findIndex((r) => r.id === "east");

  const plan = planPaste([["5", "5"]], rows, columns, {
    row: company,
    column: PRIOR,
  });
  const regionPrior = planPaste([["5"]], rows, columns, {
    row: east,
    column: PRIOR,
  });

  expect(plan).toEqual({
    ok: false,
    errors: [
      "row Acme, Prior-year bookings: this cell is read-only",
      "row Acme, Adjustment: this cell is read-only",
    ],
  });
  expect(regionPrior.ok).toBe(false);
});

test("planPaste rejects a block past the grid", () => {
  const last = rows.length - 1;

  const plan = planPaste([["1"], ["2"]], rows, columns, {
    row: last,
    column: ADJUSTMENT,
  });

  expect(plan.ok).toBe(false);
  if (plan.ok) return;
  expect(plan.errors[0]).toBe(
    "The pasted block has 2 rows, but only 1 rows start at the selected cell. Select a higher cell.",
  );
});
