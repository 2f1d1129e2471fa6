import { feature } from "topojson-client";
import type {
  GeometryCollection,
  GeometryObject,
  Topology,
} from "topojson-specification";

/** West, south, east, north in degrees, with longitudes from -180 to 180. */
export type Bounds = [number, number, number, number];

/**
 * The extents of counties, computed from the geometry dataset on first
 * use and cached, so a search or a finder zooms to a county's shape rather
 * than its label point. A group that spans the Pacific (Guam with Puerto
 * Rico) gets an extent around the world, which shows the whole map.
 */
export class UnitBounds {
  readonly #topology: Topology;
  readonly #geometries: Map<string, GeometryObject>;
  readonly #cache = new Map<string, Bounds>();

  constructor(topology: Topology) {
    this.#topology = topology;
    const counties = topology.objects.counties as GeometryCollection;
    this.#geometries = new Map(
      counties.geometries.map((geometry) => [String(geometry.id), geometry]),
    );
  }

  /** Returns a county's extent, or null for a county without a shape. */
  boundsOf(unitId: string): Bounds | null {
    const cached = this.#cache.get(unitId);
    if (cached) return cached;
    const geometry = this.#geometries.get(unitId);
    if (!geometry) return null;

    const shape = feature(this.#topology, geometry);
    const longitudes: number[] = [];
    const latitudes: number[] = [];
    const outline = (shape as { geometry?: { coordinates?: unknown } | null })
      .geometry;
    visitPositions(outline?.coordinates, (lon, lat) => {
      longitudes.push(lon);
      latitudes.push(lat);
    });
    if (longitudes.length === 0) return null;
    const bounds = outlineBounds(longitudes, latitudes);
    this.#cache.set(unitId, bounds);
    return bounds;
  }

  /** Returns the extent of several counties together, or null when none has a shape. */
  unionOf(unitIds: Iterable<string>): Bounds | null {
    const boxes = this.#boxesOf(unitIds);
    return boxes.length === 0 ? null : unionBounds(boxes);
  }

  /**
   * Returns the extent to show for several counties: all of them, unless
   * they spread wider than the map can show, as Guam, American Samoa and
   * Puerto Rico do together. Then it is the largest of the groups that
   * wide stretches of longitude separate.
   */
  viewOf(unitIds: Iterable<string>): Bounds | null {
    const boxes = this.#boxesOf(unitIds);
    if (boxes.length === 0) return null;
    const all = unionBounds(boxes);
    if (all[2] - all[0] <= MAX_VIEW_WIDTH) return all;
    return unionBounds(largestCluster(boxes));
  }

  #boxesOf(unitIds: Iterable<string>): Bounds[] {
    const boxes: Bounds[] = [];
    for (const unitId of unitIds) {
      const bounds = this.boundsOf(unitId);
      if (bounds) boxes.push(bounds);
    }
    return boxes;
  }
}

/** Widest extent in degrees of longitude that one view shows whole at the map's lowest zoom. */
const MAX_VIEW_WIDTH = 150;

/** Gap in degrees of longitude that separates groups of counties. */
const CLUSTER_GAP = 20;

// Splits extents, west to east, where a gap wider than CLUSTER_GAP opens,
// and returns the group with the most extents (the westernmost on a tie).
function largestCluster(boxes: readonly Bounds[]): Bounds[] {
  const sorted = [...boxes].sort((a, b) => a[0] - b[0]);
  let best: Bounds[] = [];
  let current: Bounds[] = [];
  let east = -Infinity;
  for (const box of sorted) {
    if (current.length > 0 && box[0] - east > CLUSTER_GAP) {
      if (current.length > best.length) best = current;
      current = [];
    }
    current.push(box);
    east = current.length === 1 ? box[2] : Math.max(east, box[2]);
  }
  return current.length > best.length ? current : best;
}

/** Returns the smallest extent that contains every extent given. */
export function unionBounds(boxes: readonly Bounds[]): Bounds {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [w, s, e, n] of boxes) {
    west = Math.min(west, w);
    south = Math.min(south, s);
    east = Math.max(east, e);
    north = Math.max(north, n);
  }
  return [west, south, east, north];
}

/**
 * Returns the extent of a county's outline. A county that crosses the antimeridian
 * (Aleutians West) would span the whole world, and the map draws no world
 * copies to show it across, so it keeps only the side of the antimeridian
 * where most of its outline lies.
 */
function outlineBounds(longitudes: number[], latitudes: number[]): Bounds {
  const all = unionBounds(
    longitudes.map((lon, i): Bounds => [lon, latitudes[i], lon, latitudes[i]]),
  );
  if (all[2] - all[0] <= 180) return all;

  const west = longitudes.filter((lon) => lon < 0).length;
  const keepWest = west * 2 >= longitudes.length;
  const sameSide = longitudes
    .map((lon, i): Bounds => [lon, latitudes[i], lon, latitudes[i]])
    .filter(([lon]) => lon < 0 === keepWest);
  return unionBounds(sameSide);
}

function visitPositions(
  coordinates: unknown,
  visit: (lon: number, lat: number) => void,
): void {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === "number") {
    visit(coordinates[0], coordinates[1] as number);
    return;
  }
  for (const part of coordinates) visitPositions(part, visit);
}
