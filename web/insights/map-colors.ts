import type { Territory } from "../../model/doc/schema.ts";
import type { ColorMode } from "./view-settings.ts";

/** Map colour of territories that belong to no region while the map is coloured by region. */
export const NO_REGION_COLOR = "#b9c0c8";

/**
 * Territory id -> the colour the map fills its counties with: the
 * territory's own colour, or by region its region's colour (grey for a
 * territory without a region).
 */
export function colorsByMode(
  mode: ColorMode,
  territories: readonly Territory[],
): Map<string, string> {
  if (mode === "territory") {
    return new Map(territories.map((t) => [t.id, t.color]));
  }
  const regionColor = new Map(
    territories.filter((t) => t.kind === "region").map((t) => [t.id, t.color]),
  );
  const colors = new Map<string, string>();
  for (const territory of territories) {
    if (territory.kind !== "territory") continue;
    const parent = territory.parentId;
    const color = parent === null ? undefined : regionColor.get(parent);
    colors.set(territory.id, color ?? NO_REGION_COLOR);
  }
  return colors;
}
