import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { PlanningDoc } from "../../../model/doc/planning-doc.ts";
import { targetChange } from "../../../model/doc/planning-edits.ts";
import { applyPlanningChanges } from "../../../model/doc/planning-write.ts";
import { fiscalYear } from "../../../model/plan/periods.ts";
import { buildTargets, type TargetInput } from "../../../model/plan/targets.ts";
import type { FieldResult } from "../../../web/planning/capacity-forms.ts";
import {
  enteredText,
  parseSegmentName,
  parseTargetAmount,
  periodTotal,
  removeSegmentChanges,
  renameSegmentChanges,
  segmentFigure,
  targetColumns,
  targetSegments,
  yearTotal,
} from "../../../web/planning/targets-grid.ts";

function messageOf<T>(result: FieldResult<T>): string {
  if (result.ok)
    throw new Error(`Expected a message, got ${String(result.value)}`);
  return result.message;
}

const year = fiscalYear({ startMonth: 2, firstFiscalYear: 2027 }, 2027);

const targets: TargetInput[] = [
  { segment: "Enterprise", period: "FY2027-Q1", amount: "100.00" },
  { segment: "Enterprise", period: "FY2027-M04", amount: "40" },
  { segment: "Mid-Market", period: "FY2027-Q1", amount: "50.01" },
];

describe("targetColumns", () => {
  test("quarters name their months", () => {
    const columns = targetColumns(year, "quarter");
    expect(columns.map((c) => c.id)).toEqual([
      "FY2027-Q1",
      "FY2027-Q2",
      "FY2027-Q3",
      "FY2027-Q4",
    ]);
    expect(columns[0]).toEqual({
      id: "FY2027-Q1",
      label: "Q1",
      detail: "Feb–Apr 2026",
    });
    expect(columns[3].detail).toBe("Nov–Jan 2027");
  });

  test("months follow the fiscal start", () => {
    const columns = targetColumns(year, "month");
    expect(columns).toHaveLength(12);
    expect(columns[0]).toEqual({
      id: "FY2027-M01",
      label: "Feb 2026",
      detail: "M01",
    });
    expect(columns[11].label).toBe("Jan 2027");
  });
});

describe("targetSegments", () => {
  test("stored and added segments once, sorted", () => {
    expect(targetSegments(targets, ["Channel", "Enterprise"])).toEqual([
      "Channel",
      "Enterprise",
      "Mid-Market",
    ]);
  });

  test("no targets and none added", () => {
    expect(targetSegments([], [])).toEqual([]);
  });
});

describe("enteredText", () => {
  test("groups the entered amount", () => {
    const big = [{ segment: "A", period: "FY2027-Q2", amount: "6500000.00" }];
    expect(enteredText(big, "A", "FY2027-Q2")).toBe("6,500,000.00");
  });

  test("empty for a cell without input", () => {
    expect(enteredText(targets, "Enterprise", "FY2027-Q2")).toBe("");
  });
});

describe("derived figures", () => {
  const table = buildTargets(year, targets);

  test("quarter figure sums months entered by month", () => {
    const figure = segmentFigure(table, "Enterprise", "FY2027-Q2", "quarter");
    expect(figure?.amount).toBe("40.00");
    expect(figure?.trace.parts).toHaveLength(3);
  });

  test("month figure of a quarter target takes leftover cents first", () => {
    const first = segmentFigure(table, "Mid-Market", "FY2027-M01", "month");
    const second = segmentFigure(table, "Mid-Market", "FY2027-M02", "month");
    expect(first?.amount).toBe("16.67");
    expect(second?.amount).toBe("16.67");
    expect(first?.trace.formula).toContain("quarter target / 3");
  });

  test("segment without targets has no figure", () => {
    expect(segmentFigure(table, "Channel", "FY2027-Q1", "quarter")).toBeNull();
    expect(yearTotal(table, "Channel")).toBeNull();
  });

  test("company period total adds segments", () => {
    expect(periodTotal(table, "FY2027-Q1", "quarter").amount).toBe("150.01");
    expect(periodTotal(table, "FY2027-M04", "month").amount).toBe("40.00");
  });

  test("year totals per segment and company", () => {
    expect(yearTotal(table, "Enterprise")?.amount).toBe("140.00");
    expect(yearTotal(table)?.amount).toBe("190.01");
    expect(yearTotal(table)?.trace.figure).toBe("Target FY2027 company");
  });
});

describe("parseTargetAmount", () => {
  test.each([
    ["250000.00", "250000.00"],
    ["$6,500,000", "6500000"],
    [" 0 ", "0"],
  ])("accepts %j", (text, expected) => {
    expect(parseTargetAmount(text)).toEqual({ ok: true, value: expected });
  });

  test("empty clears the cell", () => {
    expect(parseTargetAmount("  ")).toEqual({ ok: true, value: null });
  });

  test("negative is rejected", () => {
    expect(messageOf(parseTargetAmount("-100"))).toContain(
      "cannot be negative",
    );
  });

  test.each(["abc", "1.005", "12k"])("non-numeric %j is rejected", (text) => {
    expect(messageOf(parseTargetAmount(text))).toContain("is not an amount");
  });

  test.each([
    ["1,000", "1000"],
    ["12,345.67", "12345.67"],
  ])("thousands groups in %j are accepted", (text, expected) => {
    expect(parseTargetAmount(text)).toEqual({ ok: true, value: expected });
  });

  test.each(["1,00", "1,5", "$10,00"])(
    "misplaced comma in %j is rejected",
    (text) => {
      expect(messageOf(parseTargetAmount(text))).toContain(
        `The target has a comma out of place: "${text}".`,
      );
    },
  );
});

describe("parseSegmentName", () => {
  const segments = ["Enterprise", "Mid-Market"];

  test("new name is trimmed", () => {
    expect(parseSegmentName(" SMB ", segments)).toEqual({
      ok: true,
      value: "SMB",
    });
  });

  test("blank name is rejected", () => {
    expect(parseSegmentName("", segments).ok).toBe(false);
  });

  test("name of another segment is rejected", () => {
    const result = parseSegmentName("Mid-Market", segments, "Enterprise");
    expect(messageOf(result)).toBe(
      'A segment named "Mid-Market" already exists. Choose another name.',
    );
  });

  test("keeping the current name is allowed", () => {
    expect(parseSegmentName("Enterprise", segments, "Enterprise").ok).toBe(
      true,
    );
  });
});

describe("segment changes", () => {
  function plan(): PlanningDoc {
    const planning = new PlanningDoc(new Y.Doc());
    applyPlanningChanges(
      planning,
      targets.map((t) => targetChange(planning, t.segment, t.period, t.amount)),
      context,
    );
    return planning;
  }
  const context = {
    personId: "p1",
    name: "Ada",
    at: "2026-12-04T00:00:00.000Z",
    fallbackYear: 2027,
  };

  test("rename moves every cell in one transaction", () => {
    const planning = plan();
    let transactions = 0;
    planning.doc.on("afterTransaction", () => transactions++);
    const stored = planning.read(2027).targets;

    applyPlanningChanges(
      planning,
      renameSegmentChanges(planning, stored, "Enterprise", "Large"),
      context,
    );

    expect(transactions).toBe(1);
    expect(planning.read(2027).targets).toEqual([
      { segment: "Large", period: "FY2027-M04", amount: "40" },
      { segment: "Large", period: "FY2027-Q1", amount: "100.00" },
      { segment: "Mid-Market", period: "FY2027-Q1", amount: "50.01" },
    ]);
  });

  test("remove clears only that segment", () => {
    const planning = plan();
    const stored = planning.read(2027).targets;
    const changes = removeSegmentChanges(planning, stored, "Enterprise");
    expect(changes).toHaveLength(2);

    applyPlanningChanges(planning, changes, context);
    expect(planning.read(2027).targets).toEqual([
      { segment: "Mid-Market", period: "FY2027-Q1", amount: "50.01" },
    ]);
  });
});
