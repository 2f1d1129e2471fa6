import { describe, expect, test } from "vitest";
import {
  accessKind,
  attainmentText,
  nextRowIndex,
  statementRows,
} from "../../../web/pay/statement-rows.ts";
import type { StatementSummary } from "../../../web/pay/types.ts";

function row(
  repId: string,
  repName: string,
  periodId: string,
): StatementSummary {
  return {
    repId,
    repName,
    periodId,
    credited: "0.00",
    quota: "100.00",
    attainment: "0.0000",
    payable: "0.00",
    status: "draft",
  };
}

describe("accessKind", () => {
  test("tells admin, manager, rep and none apart", () => {
    const base = { repName: null };
    expect(
      accessKind({ ...base, admin: true, repId: null, visibleRepIds: [] }),
    ).toBe("admin");
    expect(
      accessKind({ ...base, admin: false, repId: null, visibleRepIds: [] }),
    ).toBe("none");
    expect(
      accessKind({ ...base, admin: false, repId: "a", visibleRepIds: ["a"] }),
    ).toBe("rep");
    expect(
      accessKind({
        ...base,
        admin: false,
        repId: "a",
        visibleRepIds: ["a", "b"],
      }),
    ).toBe("manager");
  });
});

describe("statementRows", () => {
  const rows = [
    row("b", "Ben", "2027-03"),
    row("a", "Ana", "2027-03"),
    row("a", "Ana", "2027-02"),
  ];
  const periods = ["2027-02", "2027-03"];

  test("filters to one period sorted by rep name", () => {
    const march = statementRows(rows, periods, "2027-03");

    expect(march.map((r) => r.repName)).toEqual(["Ana", "Ben"]);
  });

  test("lists every period in period order", () => {
    const all = statementRows(rows, periods, null);

    expect(all.map((r) => `${r.periodId} ${r.repId}`)).toEqual([
      "2027-02 a",
      "2027-03 a",
      "2027-03 b",
    ]);
  });
});

describe("attainmentText", () => {
  test("rounds the ratio half-even to a tenth of a percent", () => {
    expect(attainmentText("0.8512")).toBe("85.1%");
    expect(attainmentText("1.00025")).toBe("100.0%");
    expect(attainmentText("0.00075")).toBe("0.1%");
    expect(attainmentText("0.0025")).toBe("0.2%");
    expect(attainmentText("0.0035")).toBe("0.4%");
    expect(attainmentText("0")).toBe("0.0%");
  });
});

describe("nextRowIndex", () => {
  test("moves within the list and stops at its ends", () => {
    expect(nextRowIndex("ArrowDown", 0, 3)).toBe(1);
    expect(nextRowIndex("ArrowDown", 2, 3)).toBe(2);
    expect(nextRowIndex("ArrowUp", 0, 3)).toBe(0);
    expect(nextRowIndex("End", 0, 3)).toBe(2);
    expect(nextRowIndex("Home", 2, 3)).toBe(0);
    expect(nextRowIndex("PageDown", 0, 30)).toBe(10);
  });

  test("ignores other keys and empty lists", () => {
    expect(nextRowIndex("a", 0, 3)).toBeNull();
    expect(nextRowIndex("ArrowDown", 0, 0)).toBeNull();
  });
});
