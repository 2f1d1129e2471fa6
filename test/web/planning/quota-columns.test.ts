import { expect, test } from "vitest";
import { derivePlanning } from "../../../model/planning/derive.ts";
import {
  cellContent,
  cellTrace,
  editText,
  inputCellId,
  isEditable,
  quotaColumns,
  wholeMoney,
} from "../../../web/planning/quota-columns.ts";
import { quotaRows } from "../../../web/planning/quota-rows.ts";
import {
  FIXTURE_CONTEXT,
  FIXTURE_POTENTIAL,
  planningFixture,
} from "../../model/planning/fixture.ts";

const inputs = planningFixture();
inputs.adjustments = { ana: { delta: "-2000" } };
const model = derivePlanning(inputs, FIXTURE_CONTEXT);
const rows = quotaRows(model.quota!, {
  inputs,
  potentialCents: FIXTURE_POTENTIAL,
  ownerIds: new Map(),
  names: new Map(),
});
const row = (id: string) => rows.find((r) => r.id === id)!;

test("quotaColumns names the fiscal months", () => {
  const columns = quotaColumns(model.year!.months.map((m) => m.label));

  expect(columns).toHaveLength(19);
  expect(columns[7]).toEqual({ key: "m1", label: "Jan 2027", numeric: true });
  expect(columns[18].label).toBe("Dec 2027");
});

test("isEditable allows prior bookings below regions", () => {
  expect(isEditable(row("company"), "prior")).toBe(false);
  expect(isEditable(row("east"), "prior")).toBe(false);
  expect(isEditable(row("bos"), "prior")).toBe(true);
  expect(isEditable(row("ana"), "prior")).toBe(true);
});

test("isEditable allows adjustments below the company", () => {
  expect(isEditable(row("company"), "adjustment")).toBe(false);
  expect(isEditable(row("east"), "adjustment")).toBe(true);
  expect(isEditable(row("ana"), "adjustment")).toBe(true);
  expect(isEditable(row("ana"), "annual")).toBe(false);
  expect(isEditable(row("ana"), "m1")).toBe(false);
});

test("cellContent shows whole money and keeps the exact amount", () => {
  const ana = row("ana");

  expect(cellContent(ana, "annual", "USD")).toEqual({
    text: "$238,000",
    exact: "238000.00",
  });
  expect(cellContent(ana, "adjustment", "USD")).toEqual({
    text: "−$2,000",
    exact: "-2000",
  });
  expect(cellContent(ana, "source", "USD").text).toBe("adjusted");
  expect(cellContent(row("ben"), "source", "USD").text).toBe("cascade");
  expect(cellContent(row("bos"), "potential", "USD").text).toBe("$400,000");
});

test("wholeMoney rounds half up to whole units", () => {
  expect(wholeMoney("1234.50", "USD")).toBe("$1,235");
  expect(wholeMoney("1234.49", "USD")).toBe("$1,234");
  expect(wholeMoney("1234.50", "EUR")).toBe("1,235 EUR");
});

test("cellTrace explains annual and monthly quotas", () => {
  const ana = row("ana");

  expect(cellTrace(ana, "annual")).toBe(ana.quota.trace);
  expect(cellTrace(ana, "m3")).toBe(ana.quota.months[2].trace);
  expect(cellTrace(ana, "adjustment")).toBeNull();
});

test("inputCellId names the history cell", () => {
  expect(inputCellId(row("ana"), "adjustment")).toBe("adj:ana");
  expect(inputCellId(row("ana"), "prior")).toBe("prior:ana");
});

test("editText starts from the entered value", () => {
  expect(editText(row("ana"), "adjustment")).toBe("-2000");
  expect(editText(row("ben"), "adjustment")).toBe("");
  expect(editText(row("bos"), "prior")).toBe("");
});
