import type { MultiPolygon, Polygon, Position } from "geojson";

/**
 * Planar geometry on longitude/latitude degrees, enough to place points in
 * county polygons and to find label points.
 *
 * Rings follow GeoJSON: the first ring of a polygon is its outer boundary
 * and the others are holes. Containment uses the even-odd rule with
 * half-open edges, so a point on a shared border between two counties
 * belongs to exactly one of them.
 */

export type AreaGeometry = Polygon | MultiPolygon;
export type Point = readonly [number, number];

/** Kilometres per degree of latitude on a sphere of radius 6,371 km. */
const KM_PER_DEGREE = (Math.PI * 6371) / 180;

export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Lists the polygons of a geometry, each as rings of positions. */
export function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === "Polygon"
    ? [geometry.coordinates]
    : geometry.coordinates;
}

/** Tests a point against one ring by ray casting (even-odd rule). */
export function ringContains(ring: Position[], point: Point): boolean {
  const [x, y] = point;
  let inside = false;

  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    const crosses = yi > y !== yj > y;
    if (crosses && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** Tests a point against a polygon: inside the outer ring and in no hole. */
export function polygonContains(polygon: Position[][], point: Point): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !ringContains(outer, point)) return false;
  return !holes.some((hole) => ringContains(hole, point));
}

/** Tests a point against a Polygon or MultiPolygon. */
export function geometryContains(
  geometry: AreaGeometry,
  point: Point,
): boolean {
  return polygonsOf(geometry).some((polygon) =>
    polygonContains(polygon, point),
  );
}

/** Computes the bounding box of a geometry in degrees. */
export function boundingBox(geometry: AreaGeometry): BoundingBox {
  const box = {
    west: Infinity,
    south: Infinity,
    east: -Infinity,
    north: -Infinity,
  };
  for (const polygon of polygonsOf(geometry)) {
    for (const [x, y] of polygon[0] ?? []) {
      box.west = Math.min(box.west, x);
      box.east = Math.max(box.east, x);
      box.south = Math.min(box.south, y);
      box.north = Math.max(box.north, y);
    }
  }
  return box;
}

/** Tests whether a point lies in a bounding box, borders included. */
export function boxContains(box: BoundingBox, [x, y]: Point): boolean {
  return x >= box.west && x <= box.east && y >= box.south && y <= box.north;
}

interface RingMoments {
  area: number;
  x: number;
  y: number;
}

/** Computes the unsigned area and centroid of one ring (shoelace formula). */
function ringMoments(ring: Position[]): RingMoments {
  let twiceArea = 0;
  let x = 0;
  let y = 0;

  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    const cross = xj * yi - xi * yj;
    twiceArea += cross;
    x += (xj + xi) * cross;
    y += (yj + yi) * cross;
  }

  if (twiceArea === 0) {
    const [x0, y0] = ring[0] ?? [0, 0];
    return { area: 0, x: x0, y: y0 };
  }
  return {
    area: Math.abs(twiceArea) / 2,
    x: x / (3 * twiceArea),
    y: y / (3 * twiceArea),
  };
}

/** Computes a polygon's area in square degrees, holes subtracted. */
export function polygonArea(polygon: Position[][]): number {
  const [outer, ...holes] = polygon.map(ringMoments);
  if (!outer) return 0;
  return holes.reduce((area, hole) => area - hole.area, outer.area);
}

/** Computes a polygon's area-weighted centroid, holes subtracted. */
export function polygonCentroid(polygon: Position[][]): Point {
  const [outer, ...holes] = polygon.map(ringMoments);
  if (!outer)
    throw new Error("Cannot compute the centroid of an empty polygon.");

  let area = outer.area;
  let x = outer.area * outer.x;
  let y = outer.area * outer.y;
  for (const hole of holes) {
    area -= hole.area;
    x -= hole.area * hole.x;
    y -= hole.area * hole.y;
  }
  return area > 0 ? [x / area, y / area] : [outer.x, outer.y];
}

/**
 * Finds the midpoint of the widest stretch of the polygon's interior along
 * the horizontal line at latitude `y`, or null when the line misses it.
 */
function scanlineMidpoint(polygon: Position[][], y: number): Point | null {
  const crossings: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y) {
        crossings.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
      }
    }
  }
  crossings.sort((a, b) => a - b);

  let best: Point | null = null;
  let bestWidth = 0;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const width = crossings[i + 1] - crossings[i];
    if (width > bestWidth) {
      bestWidth = width;
      best = [(crossings[i] + crossings[i + 1]) / 2, y];
    }
  }
  return best;
}

/**
 * Picks a label point inside a geometry: the centroid of its largest polygon
 * when that lies inside, else the middle of the widest interior stretch
 * along the centroid's latitude (a concave shape such as a crescent has its
 * centroid outside). Coordinates are rounded to `digits` decimals, and the
 * rounded point is checked again, because rounding can step over a border.
 */
export function labelPoint(geometry: AreaGeometry, digits = 4): Point {
  const polygons = polygonsOf(geometry);
  let largest = polygons[0];
  for (const polygon of polygons) {
    if (polygonArea(polygon) > polygonArea(largest)) largest = polygon;
  }
  if (!largest) throw new Error("Cannot place a label in an empty geometry.");

  const centroid = polygonCentroid(largest);
  const candidates: Point[] = [centroid];
  const scanned = scanlineMidpoint(largest, centroid[1]);
  if (scanned) candidates.push(scanned);

  for (const candidate of candidates) {
    const rounded = roundPoint(candidate, digits);
    if (polygonContains(largest, rounded)) return rounded;
  }

  // A polygon without area (simplification can collapse a small county to
  // a line) contains no point, so the middle of its bounding box is used.
  const box = boundingBox({ type: "Polygon", coordinates: largest });
  return roundPoint(
    [(box.west + box.east) / 2, (box.south + box.north) / 2],
    digits,
  );
}

/** Rounds both coordinates of a point to `digits` decimals. */
export function roundPoint([x, y]: Point, digits = 4): Point {
  return [roundTo(x, digits), roundTo(y, digits)];
}

/** Rounds a number to `digits` decimals, leaving no negative zero. */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor + 0;
}

/**
 * Approximates the distance in kilometres from a point to the nearest
 * border of a geometry, on an equirectangular projection centred on the
 * point (good to a few percent over tens of kilometres).
 */
export function distanceToBorderKm(
  geometry: AreaGeometry,
  point: Point,
): number {
  const [px, py] = point;
  const scale = Math.cos((py * Math.PI) / 180);
  let best = Infinity;

  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const ax = (ring[j][0] - px) * scale;
        const ay = ring[j][1] - py;
        const bx = (ring[i][0] - px) * scale;
        const by = ring[i][1] - py;
        best = Math.min(best, distanceToSegment(ax, ay, bx, by));
      }
    }
  }
  return best * KM_PER_DEGREE;
}

/** Computes the distance from the origin to the segment from a to b. */
function distanceToSegment(
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
  return Math.hypot(ax + t * dx, ay + t * dy);
}
