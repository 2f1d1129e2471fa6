import {
  parseAssignmentCsv,
  type AssignmentCsvIssue,
} from "../optimize/assignment-csv.ts";
import { uniqueTerritoryNames, type FileTerritory } from "./territory-names.ts";

/** The geography and the plan's territories, which an assignment CSV is checked against. */
export interface AssignmentImportTarget {
  /** Every unit of the geography. */
  unitIds: ReadonlySet<string>;
  territories: readonly Pick<FileTerritory, "id" | "name" | "kind">[];
}

/** An assignment CSV read for import: the moves, or the bad lines and no moves. */
export interface AssignmentImport {
  /** Unit id -> territory id, or null to unassign; empty when any line is bad. */
  moves: Map<string, string | null>;
  issues: AssignmentCsvIssue[];
}

/** Most territory names an unknown-territory message lists. */
const MAX_LISTED_NAMES = 20;

/**
 * Reads an assignment CSV (`unit_id,territory`) for import into a plan. The
 * territory column must match a territory's name exactly, as the export
 * writes it, so a shared name carries the id's first 8 characters in
 * brackets. An empty territory unassigns the unit. Every bad line is listed
 * with its reasons, and no move is returned when there is any.
 */
export function parseAssignmentImport(
  text: string,
  target: AssignmentImportTarget,
): AssignmentImport {
  const idByName = new Map<string, string>();
  const regionNames = new Set<string>();
  for (const [id, name] of uniqueTerritoryNames(target.territories)) {
    const territory = target.territories.find((t) => t.id === id);
    if (territory?.kind === "region") regionNames.add(name);
    else idByName.set(name, id);
  }

  const parsed = parseAssignmentCsv(
    text,
    {
      unitIds: target.unitIds,
      knownUnitIds: target.unitIds,
      name: "the geography",
    },
    {
      allowEmptyTerritory: true,
      checkTerritory: (name) => territoryIssue(name, idByName, regionNames),
    },
  );

  const moves = new Map<string, string | null>();
  for (const [unitId, name] of parsed.assignments) {
    moves.set(unitId, name === "" ? null : (idByName.get(name) ?? null));
  }
  return { moves, issues: parsed.issues };
}

function territoryIssue(
  name: string,
  idByName: ReadonlyMap<string, string>,
  regionNames: ReadonlySet<string>,
): string | null {
  if (idByName.has(name)) return null;
  if (regionNames.has(name)) {
    return `"${name}" is a region, not a territory; name one of its territories`;
  }
  return `unknown territory "${name}"; the plan has ${listNames([...idByName.keys()])}`;
}

function listNames(names: string[]): string {
  if (names.length === 0) return "no territories yet: create them first";
  // UTF-16 order, not locale order, so the list reads the same everywhere.
  const sorted = [...names].sort();
  const listed = sorted
    .slice(0, MAX_LISTED_NAMES)
    .map((name) => JSON.stringify(name))
    .join(", ");
  const more = sorted.length - MAX_LISTED_NAMES;
  return more > 0 ? `${listed} and ${more} more` : listed;
}
