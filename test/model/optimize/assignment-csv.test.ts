import { describe, expect, test } from "vitest";
import {
  formatAssignmentCsv,
  parseAssignmentCsv,
  type UnitScope,
} from "../../../model/optimize/assignment-csv.ts";

const scope: UnitScope = {
  unitIds: new Set(["01001", "01003", "01005"]),
  knownUnitIds: new Set(["01001", "01003", "01005", "06037", "10001"]),
  name: "Alabama (AL)",
};

describe("parseAssignmentCsv", () => {
  test("reads rows and territory names in order of appearance", () => {
    const parsed = parseAssignmentCsv(
      "unit_id,territory\n01003,South\n01001,North\r\n01005,South\n",
      scope,
    );
    expect(parsed.issues).toEqual([]);
    expect([...parsed.assignments]).toEqual([
      ["01003", "South"],
      ["01001", "North"],
      ["01005", "South"],
    ]);
    expect(parsed.territoryNames).toEqual(["South", "North"]);
  });

  test("reads quoted names with commas, quotes and line breaks", () => {
    const parsed = parseAssignmentCsv(
      'unit_id,territory\n01001,"Gulf, ""Coast"""\n01003,"Two\nLines"\n01005,Plain\n',
      scope,
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.assignments.get("01001")).toBe('Gulf, "Coast"');
    expect(parsed.assignments.get("01003")).toBe("Two\nLines");
    expect(parsed.assignments.get("01005")).toBe("Plain");
  });

  test("skips a byte order mark and blank lines", () => {
    const parsed = parseAssignmentCsv(
      "\uFEFFunit_id,territory\n\n01001,North\n\n",
      scope,
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.assignments.size).toBe(1);
  });

  test("reports ids stripped of leading zeros, never matching them", () => {
    const parsed = parseAssignmentCsv(
      "unit_id,territory\n1001,North\n01003,South\n",
      scope,
    );
    expect(parsed.issues).toEqual([
      {
        line: 2,
        message:
          'unit id "1001" looks stripped of its leading zeros; the unit is "01001". Store the unit_id column as text (a spreadsheet drops the zeros of numbers) and write the file again',
      },
    ]);
    expect(parsed.assignments.size).toBe(0);
  });

  test("lists every bad line with its number, all or nothing", () => {
    const parsed = parseAssignmentCsv(
      [
        "unit_id,territory",
        "01001,North",
        "99999,North",
        "06037,West",
        "01001,South",
        "01003",
        "01005,",
        ",North",
        "01003,South,extra",
      ].join("\n"),
      scope,
    );
    expect(parsed.issues).toEqual([
      {
        line: 3,
        message: 'unknown unit id "99999": no unit of the geography has it',
      },
      { line: 4, message: 'unit "06037" is not in Alabama (AL)' },
      {
        line: 5,
        message:
          'unit "01001" is already assigned on line 2; keep one row per unit',
      },
      { line: 6, message: "expected 2 fields (unit_id,territory), found 1" },
      { line: 7, message: 'missing territory for unit "01005"' },
      { line: 8, message: "missing unit_id" },
      { line: 9, message: "expected 2 fields (unit_id,territory), found 3" },
    ]);
    expect(parsed.assignments.size).toBe(0);
    expect(parsed.territoryNames).toEqual([]);
  });

  test("numbers lines after a quoted line break", () => {
    const parsed = parseAssignmentCsv(
      'unit_id,territory\n01001,"A\nB"\n1003,South\n',
      scope,
    );
    expect(parsed.issues.map((i) => i.line)).toEqual([4]);
  });

  test("rejects a wrong header and an unclosed quote", () => {
    expect(
      parseAssignmentCsv("id,territory\n01001,North\n", scope).issues,
    ).toEqual([
      {
        line: 1,
        message:
          'expected the header "unit_id,territory", found "id,territory"',
      },
    ]);
    expect(parseAssignmentCsv("", scope).issues[0].line).toBe(1);
    const unclosed = parseAssignmentCsv(
      'unit_id,territory\n01001,"North\n',
      scope,
    ).issues;
    expect(unclosed).toHaveLength(1);
    expect(unclosed[0].line).toBe(2);
    expect(unclosed[0].message).toContain(
      "field 2 opens a quote on line 2 that is never closed",
    );
  });
});

describe("formatAssignmentCsv", () => {
  test("sorts by unit id, keeps zeros and quotes as needed", () => {
    const csv = formatAssignmentCsv(
      new Map([
        ["10001", "East"],
        ["01001", 'Gulf, "Coast"'],
      ]),
    );
    expect(csv).toBe(
      'unit_id,territory\n01001,"Gulf, ""Coast"""\n10001,East\n',
    );
  });

  test("escapes formula territory names", () => {
    const csv = formatAssignmentCsv(
      new Map([
        ["01001", '=HYPERLINK("http://x")'],
        ["01003", "-West"],
      ]),
    );
    expect(csv).toBe(
      `unit_id,territory\n01001,"'=HYPERLINK(""http://x"")"\n01003,'-West\n`,
    );
  });

  test("round-trips through the parser", () => {
    const assignments = new Map([
      ["01001", "North"],
      ["01003", "Two\nLines"],
      ["01005", 'Quote "Q"'],
    ]);
    const parsed = parseAssignmentCsv(formatAssignmentCsv(assignments), scope);
    expect(parsed.issues).toEqual([]);
    expect(parsed.assignments).toEqual(assignments);
  });

  test("round-trips formula names", () => {
    const assignments = new Map([
      ["01001", "=SUM(A1)"],
      ["01003", "'=Quoted"],
      ["01005", "-West"],
    ]);
    const parsed = parseAssignmentCsv(formatAssignmentCsv(assignments), scope);
    expect(parsed.issues).toEqual([]);
    expect(parsed.assignments).toEqual(assignments);
  });
});
