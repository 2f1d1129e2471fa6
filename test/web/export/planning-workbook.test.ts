import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import type { PlanningTable } from "../../../model/io/planning-tables.ts";
import {
  PlanningWorkbookError,
  writePlanningWorkbook,
} from "../../../web/export/planning-workbook.ts";
import { readWorkbook, rowValues } from "../../cli/read-workbook.ts";

function quotas(): PlanningTable {
  return {
    name: "Quotas",
    columns: [
      { key: "name", header: "Name", kind: "text" },
      { key: "annual", header: "Annual quota", kind: "money" },
      { key: "headcount", header: "Headcount", kind: "number" },
    ],
    rows: [
      { name: "Boston, MA", annual: "1234567890123.45", headcount: "0.9901" },
      { name: "=1+1", annual: "-0.10", headcount: "2" },
      { name: "00123", annual: null, headcount: null },
    ],
  };
}

const notes: PlanningTable = {
  name: "Notes",
  columns: [{ key: "note", header: "Note", kind: "text" }],
  rows: [{ note: "x".repeat(200) }],
};

describe("writePlanningWorkbook", () => {
  test("writes one sheet per table", async () => {
    const workbook = await readWorkbook(
      await writePlanningWorkbook([quotas(), notes]),
    );

    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(["Quotas", "Notes"]);
    expect(workbook.creator).toBe("Meridian");
  });

  test("header row is bold and frozen", async () => {
    const workbook = await readWorkbook(
      await writePlanningWorkbook([quotas()]),
    );
    const sheet = workbook.getWorksheet("Quotas")!;

    expect(rowValues(sheet, 1)).toEqual(["Name", "Annual quota", "Headcount"]);
    expect(sheet.getCell("A1").font.bold).toBe(true);
    expect(sheet.getCell("C1").font.bold).toBe(true);
    expect(sheet.getCell("A2").font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:C1");
  });

  test("money cells are numbers to the cent", async () => {
    const workbook = await readWorkbook(
      await writePlanningWorkbook([quotas()]),
    );
    const sheet = workbook.getWorksheet("Quotas")!;

    const big = sheet.getCell("B2");
    expect(big.type).toBe(ExcelJS.ValueType.Number);
    expect(big.value).toBe(1234567890123.45);
    expect((big.value as number).toFixed(2)).toBe("1234567890123.45");
    expect(big.numFmt).toBe("#,##0.00");
    expect(sheet.getCell("B3").value).toBe(-0.1);
    expect(sheet.getCell("B3").numFmt).toBe("#,##0.00");
  });

  test("number format keeps the longest decimals", async () => {
    const workbook = await readWorkbook(
      await writePlanningWorkbook([quotas()]),
    );
    const sheet = workbook.getWorksheet("Quotas")!;

    expect(sheet.getCell("C2").value).toBe(0.9901);
    expect(sheet.getCell("C2").numFmt).toBe("0.0000");
    expect(sheet.getCell("C3").value).toBe(2);
    expect(sheet.getCell("C3").numFmt).toBe("0.0000");
  });

  test("text stays text, empty stays empty", async () => {
    const workbook = await readWorkbook(
      await writePlanningWorkbook([quotas()]),
    );
    const sheet = workbook.getWorksheet("Quotas")!;

    expect(sheet.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell("A3").value).toBe("=1+1");
    expect(sheet.getCell("A4").value).toBe("00123");
    expect(sheet.getCell("B4").type).toBe(ExcelJS.ValueType.Null);
    expect(sheet.getCell("C4").type).toBe(ExcelJS.ValueType.Null);
  });

  test("widths fit headers and shown values", async () => {
    const workbook = await readWorkbook(
      await writePlanningWorkbook([quotas(), notes]),
    );
    const sheet = workbook.getWorksheet("Quotas")!;

    // "Boston, MA" is 10 characters; the money "1,234,567,890,123.45" 20.
    expect(sheet.getColumn(1).width).toBe(12);
    expect(sheet.getColumn(2).width).toBe(22);
    expect(sheet.getColumn(3).width).toBe(11);
    expect(workbook.getWorksheet("Notes")!.getColumn(1).width).toBe(60);
  });

  test("no tables is rejected", async () => {
    await expect(writePlanningWorkbook([])).rejects.toThrow(
      "No tables to write: a workbook needs at least one sheet. Pass one or more tables.",
    );
  });

  test("duplicate sheet names are rejected", async () => {
    const copy = { ...notes, name: "NOTES" };

    await expect(writePlanningWorkbook([notes, copy])).rejects.toThrow(
      'Two tables are named "NOTES", but sheet names must differ (ignoring case). Rename one of them.',
    );
  });

  test("invalid sheet names are rejected", async () => {
    const cases: [string, string][] = [
      ["", "it is blank"],
      ["Q1/Q2", "it contains one of * ? : / \\ [ ]"],
      ["'Quoted'", "it starts or ends with an apostrophe"],
      ["history", "it is reserved by Excel"],
      ["x".repeat(32), "it is 32 characters long, over Excel's limit of 31"],
    ];
    for (const [name, problem] of cases) {
      const table = { ...notes, name };
      const written = writePlanningWorkbook([table]);
      await expect(written).rejects.toBeInstanceOf(PlanningWorkbookError);
      await expect(written).rejects.toThrow(
        `Invalid sheet name "${name}": ${problem}. Rename the table.`,
      );
    }
  });

  test("empty or repeated columns are rejected", async () => {
    const empty = { ...notes, columns: [] };
    const repeated = quotas();
    repeated.columns[2] = { key: "name", header: "Again", kind: "text" };

    await expect(writePlanningWorkbook([empty])).rejects.toThrow(
      'Table "Notes" has no columns. Give it at least one column.',
    );
    await expect(writePlanningWorkbook([repeated])).rejects.toThrow(
      'Table "Quotas" has two columns with the key "name". Give each column its own key.',
    );
  });

  test("non-decimal money is rejected", async () => {
    const table = quotas();
    table.rows = [{ name: "West", annual: "1,200.00", headcount: "1" }];

    await expect(writePlanningWorkbook([table])).rejects.toThrow(
      'Invalid money value "1,200.00" in table "Quotas", column "annual", row 1. Give a decimal string such as "1250.50".',
    );
  });
});
