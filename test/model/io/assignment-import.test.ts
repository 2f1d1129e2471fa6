import { describe, expect, test } from "vitest";
import { parseAssignmentImport } from "../../../model/io/assignment-import.ts";
import { exportAssignmentsCsv } from "../../../model/io/plan-export.ts";

const territory = (
  id: string,
  name: string,
  kind: "territory" | "region" = "territory",
) => ({ id, name, color: "#123456", ownerId: null, kind });

const target = {
  unitIds: new Set(["01001", "01003", "01005", "06037"]),
  territories: [
    territory("t-east-1", "East"),
    territory("t-west-1", "West"),
    territory("aaaaaaaa-1", "Gulf"),
    territory("bbbbbbbb-2", "Gulf"),
    territory("r-south", "South", "region"),
  ],
};

describe("parseAssignmentImport", () => {
  test("maps names to ids and empty to unassign", () => {
    const parsed = parseAssignmentImport(
      "unit_id,territory\n01001,East\n01003,\n01005,Gulf (bbbbbbbb)\n",
      target,
    );

    expect(parsed.issues).toEqual([]);
    expect(parsed.moves).toEqual(
      new Map([
        ["01001", "t-east-1"],
        ["01003", null],
        ["01005", "bbbbbbbb-2"],
      ]),
    );
  });

  test("reports every bad line with its reason", () => {
    const parsed = parseAssignmentImport(
      [
        "unit_id,territory",
        "1001,East",
        "01003,east",
        "01005,South",
        "99999,West",
        "01003,West",
        "06037,Gulf",
        "1003,Nowhere",
      ].join("\n"),
      target,
    );

    const names = '"East", "Gulf (aaaaaaaa)", "Gulf (bbbbbbbb)", "West"';
    expect(parsed.issues).toEqual([
      {
        line: 2,
        message:
          'unit id "1001" looks stripped of its leading zeros; the unit is "01001". Store the unit_id column as text (a spreadsheet drops the zeros of numbers) and write the file again',
      },
      {
        line: 3,
        message: `unknown territory "east"; the plan has ${names}`,
      },
      {
        line: 4,
        message:
          '"South" is a region, not a territory; name one of its territories',
      },
      {
        line: 5,
        message: 'unknown unit id "99999": no unit of the geography has it',
      },
      {
        line: 6,
        message:
          'unit "01003" is already assigned on line 3; keep one row per unit',
      },
      {
        line: 7,
        message: `unknown territory "Gulf"; the plan has ${names}`,
      },
      {
        line: 8,
        message: `unit id "1003" looks stripped of its leading zeros; the unit is "01003". Store the unit_id column as text (a spreadsheet drops the zeros of numbers) and write the file again; unknown territory "Nowhere"; the plan has ${names}`,
      },
    ]);
    expect(parsed.moves.size).toBe(0);
  });

  test("plan without territories says so", () => {
    const parsed = parseAssignmentImport("unit_id,territory\n01001,East\n", {
      unitIds: target.unitIds,
      territories: [],
    });

    expect(parsed.issues).toEqual([
      {
        line: 2,
        message:
          'unknown territory "East"; the plan has no territories yet: create them first',
      },
    ]);
  });

  test("reads back what the export writes", () => {
    const assignments = new Map([
      ["01001", "aaaaaaaa-1"],
      ["01003", "t-west-1"],
      ["06037", "bbbbbbbb-2"],
    ]);
    const territories = target.territories.map((t) => ({
      ...t,
      parentId: null,
      locked: false,
    }));

    const parsed = parseAssignmentImport(
      exportAssignmentsCsv(territories, assignments),
      target,
    );

    expect(parsed.issues).toEqual([]);
    expect(parsed.moves).toEqual(assignments);
  });
});
