import { csvCell, readCsvCell } from "../io/csv-cell.ts";
import { readCsvRecords } from "../io/csv-records.ts";

/**
 * Assignment CSV: a header `unit_id,territory`, then one row per unit with
 * the territory's name. Unit ids are text and keep their leading zeros.
 * Fields follow RFC 4180: a field containing a comma, a double quote or a
 * line break is quoted, with inner quotes doubled. A territory name that a
 * spreadsheet would run as a formula, such as "=West", is written with an
 * apostrophe in front ("'=West"), and the parser drops that apostrophe.
 */

export const ASSIGNMENT_HEADER = "unit_id,territory";

/** One rejected line of an assignment CSV, numbered from 1 as an editor shows it. */
export interface AssignmentCsvIssue {
  line: number;
  message: string;
}

export interface ParsedAssignments {
  /** Unit id to territory name; empty when any line was rejected. */
  assignments: Map<string, string>;
  /** Territory names in order of first appearance. */
  territoryNames: string[];
  issues: AssignmentCsvIssue[];
}

/** Units a file may name: those of the area being balanced, within all known units. */
export interface UnitScope {
  /** Units of the area, such as the counties of one state. */
  unitIds: ReadonlySet<string>;
  /** Every unit of the geography. */
  knownUnitIds: ReadonlySet<string>;
  /** Name of the area for messages, such as "Texas (TX)". */
  name: string;
}

/** Rules for the territory column beyond the defaults. */
export interface AssignmentCsvOptions {
  /** Accept an empty territory field, read as "unassign this unit". */
  allowEmptyTerritory?: boolean;
  /** Checks a non-empty territory name; returns why it is invalid, or null. */
  checkTerritory?: (name: string) => string | null;
}

/**
 * Parses and validates an assignment CSV, all or nothing: it lists every bad
 * line with its reasons, and returns no assignment when there is any. An id
 * such as "1001" where "01001" exists is reported as stripped of its leading
 * zeros, never matched to the padded id. With `allowEmptyTerritory`, a unit
 * with an empty territory maps to "".
 */
export function parseAssignmentCsv(
  text: string,
  scope: UnitScope,
  options: AssignmentCsvOptions = {},
): ParsedAssignments {
  const { records, problems } = readCsvRecords(text);
  const issues: AssignmentCsvIssue[] = problems.map((problem) => ({
    line: problem.line,
    message: problem.reason,
  }));
  const header = records.shift();
  if (
    header === undefined ||
    header.fields.join(",").trim() !== ASSIGNMENT_HEADER
  ) {
    issues.push({
      line: 1,
      message: `expected the header "${ASSIGNMENT_HEADER}", found ${JSON.stringify(header?.fields.join(",") ?? "")}`,
    });
    return { assignments: new Map(), territoryNames: [], issues };
  }

  const assignments = new Map<string, string>();
  const firstLine = new Map<string, number>();
  for (const record of records) {
    const line = record.line;
    const fields = record.fields.map((field) => readCsvCell(field.trim()));
    if (fields.length === 1 && fields[0] === "") continue;
    const message = rowIssue(fields, line, scope, firstLine, options);
    if (message !== null) {
      issues.push({ line, message });
      continue;
    }
    assignments.set(fields[0].trim(), fields[1].trim());
  }

  if (issues.length > 0) {
    issues.sort((a, b) => a.line - b.line);
    return { assignments: new Map(), territoryNames: [], issues };
  }
  const names = new Set(assignments.values());
  names.delete("");
  return { assignments, territoryNames: [...names], issues };
}

// Returns every reason a row is invalid, joined, or null for a valid row.
// It records the line of each valid unit id, to report later duplicates.
function rowIssue(
  fields: string[],
  line: number,
  scope: UnitScope,
  firstLine: Map<string, number>,
  options: AssignmentCsvOptions,
): string | null {
  if (fields.length !== 2) {
    return `expected 2 fields (unit_id,territory), found ${fields.length}`;
  }
  const unitId = fields[0].trim();
  const territory = fields[1].trim();
  const reasons: string[] = [];

  const unitReason = unitIssue(unitId, scope, firstLine);
  if (unitReason === null) firstLine.set(unitId, line);
  else reasons.push(unitReason);

  if (territory === "" && !options.allowEmptyTerritory) {
    reasons.push(
      unitId === ""
        ? "missing territory"
        : `missing territory for unit "${unitId}"`,
    );
  } else if (territory !== "" && options.checkTerritory) {
    const territoryReason = options.checkTerritory(territory);
    if (territoryReason !== null) reasons.push(territoryReason);
  }
  return reasons.length === 0 ? null : reasons.join("; ");
}

function unitIssue(
  unitId: string,
  scope: UnitScope,
  firstLine: ReadonlyMap<string, number>,
): string | null {
  if (unitId === "") return "missing unit_id";
  if (!scope.knownUnitIds.has(unitId)) {
    const padded = unitId.padStart(5, "0");
    if (/^\d{1,4}$/.test(unitId) && scope.knownUnitIds.has(padded)) {
      return `unit id "${unitId}" looks stripped of its leading zeros; the unit is "${padded}". Store the unit_id column as text (a spreadsheet drops the zeros of numbers) and write the file again`;
    }
    return `unknown unit id "${unitId}": no unit of the geography has it`;
  }
  if (!scope.unitIds.has(unitId)) {
    return `unit "${unitId}" is not in ${scope.name}`;
  }
  const earlier = firstLine.get(unitId);
  if (earlier !== undefined) {
    return `unit "${unitId}" is already assigned on line ${earlier}; keep one row per unit`;
  }
  return null;
}

/** Formats assignments as CSV rows sorted by unit id (UTF-16 order, so "01001" sorts before "1001"), lines ending in "\n". */
export function formatAssignmentCsv(
  assignments: ReadonlyMap<string, string>,
): string {
  const rows = [...assignments].sort(([a], [b]) => compareIds(a, b));
  const lines = [ASSIGNMENT_HEADER];
  for (const [unitId, territory] of rows) {
    lines.push(`${csvCell(unitId)},${csvCell(territory)}`);
  }
  return `${lines.join("\n")}\n`;
}

function compareIds(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
