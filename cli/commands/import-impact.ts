import type { BulkPreview } from "../../model/bulk-change.ts";
import type { TerritoryImpact } from "../../model/impact.ts";
import { centsToString } from "../../model/money.ts";
import type { OverrideFigures } from "../../model/overrides.ts";

const HEADINGS = [
  "territory",
  "counties +/-",
  "accounts +/-",
  "potential gained",
  "potential lost",
  "net potential",
];

/**
 * Formats the impact of an import as an aligned table: one line per
 * territory it touches, the unassigned pool last, with counties and
 * accounts gained and lost and potential as exact decimal strings.
 */
export function formatImpactTable(
  preview: BulkPreview,
  names: ReadonlyMap<string, string>,
): string {
  const rows = preview.impact.territories.map((impact) =>
    impactRow(impact, names),
  );
  const table = [HEADINGS, ...rows];
  const widths = HEADINGS.map((_, column) =>
    Math.max(...table.map((row) => row[column].length)),
  );
  return table
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0
            ? cell.padEnd(widths[column])
            : cell.padStart(widths[column]),
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function impactRow(
  impact: TerritoryImpact,
  names: ReadonlyMap<string, string>,
): string[] {
  const name =
    impact.territoryId === null
      ? "(unassigned)"
      : (names.get(impact.territoryId) ?? impact.territoryId);
  return [
    name,
    `+${impact.gained.units} / -${impact.lost.units}`,
    `+${impact.gained.accounts} / -${impact.lost.accounts}`,
    centsToString(impact.gained.potentialCents),
    centsToString(impact.lost.potentialCents),
    impact.netPotential,
  ];
}

/** Lists the units that locks kept, grouped by the locked territory, one line each. */
export function formatSkipped(
  preview: BulkPreview,
  names: ReadonlyMap<string, string>,
): string[] {
  const byTerritory = new Map<string, string[]>();
  for (const { unitId, lockedTerritoryId } of preview.skipped) {
    const units = byTerritory.get(lockedTerritoryId) ?? [];
    units.push(unitId);
    byTerritory.set(lockedTerritoryId, units);
  }
  return [...byTerritory].map(
    ([territoryId, units]) =>
      `  ${names.get(territoryId) ?? territoryId} is locked: ${units.sort().join(", ")}`,
  );
}

/**
 * Formats how many accounts the overrides in effect on `asOf` pinned, and
 * which overrides in effect were left out and why, by account id.
 */
export function formatPins(pinned: OverrideFigures, asOf: string): string {
  const lines = [
    `Overrides in effect on ${asOf}: ${pinned.applied.length} account(s) pinned to their override territory, so their counties move without them.`,
  ];
  const ignored = [...pinned.ignored].sort((a, b) =>
    a.override.accountId.localeCompare(b.override.accountId),
  );
  for (const { override, reason } of ignored) {
    const cause =
      reason === "unknown-account"
        ? "the accounts dataset has no such account"
        : `territory "${override.territoryId}" is missing or is a region`;
    lines.push(
      `  Ignored the override of account "${override.accountId}": ${cause}.`,
    );
  }
  return lines.join("\n");
}
