/**
 * Plane geometry for selecting units with a shape drawn on the map: a
 * rectangle, a lasso or a round brush. Coordinates are in one plane, such
 * as CSS pixels of the map, so the functions know nothing of projections.
 */

/** A point in the plane. */
export interface PlanePoint {
  x: number;
  y: number;
}

/** A unit's label point in the plane. */
export interface UnitPoint extends PlanePoint {
  id: string;
}

/** Returns the four corners of the axis-aligned rectangle spanned by two opposite corners. */
export function rectangleCorners(a: PlanePoint, b: PlanePoint): PlanePoint[] {
  return [
    { x: a.x, y: a.y },
    { x: b.x, y: a.y },
    { x: b.x, y: b.y },
    { x: a.x, y: b.y },
  ];
}

/**
 * Tests whether a point lies inside a closed polygon by the even-odd rule,
 * so a lasso that crosses itself leaves the crossed loop out. The last
 * vertex connects back to the first. A polygon of fewer than three vertices
 * contains nothing.
 */
export function pointInPolygon(
  point: PlanePoint,
  polygon: readonly PlanePoint[],
): boolean {
  if (polygon.length < 3) return false;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i];
    const b = polygon[j];
    // The edge crosses the horizontal line through the point to its right.
    if (
      a.y > point.y !== b.y > point.y &&
      point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x
    ) {
      inside = !inside;
    }
  }
  return inside;
}

/** Returns the ids of the units whose label point lies inside the polygon, in input order. */
export function unitsInPolygon(
  units: Iterable<UnitPoint>,
  polygon: readonly PlanePoint[],
): string[] {
  const ids: string[] = [];
  if (polygon.length < 3) return ids;
  const box = boundsOf(polygon);
  for (const unit of units) {
    if (unit.x < box.minX || unit.x > box.maxX) continue;
    if (unit.y < box.minY || unit.y > box.maxY) continue;
    if (pointInPolygon(unit, polygon)) ids.push(unit.id);
  }
  return ids;
}

/** Returns the distance from a point to the segment from `a` to `b`. */
export function distanceToSegment(
  point: PlanePoint,
  a: PlanePoint,
  b: PlanePoint,
): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return Math.hypot(point.x - a.x, point.y - a.y);

  const t = Math.max(
    0,
    Math.min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / lengthSquared),
  );
  return Math.hypot(point.x - (a.x + t * dx), point.y - (a.y + t * dy));
}

/**
 * Tests whether a circle touches a polygon given as rings (outer boundary
 * and holes, each closed or open): true when the centre is inside by the
 * even-odd rule over all rings, or when any edge comes within the radius.
 */
export function circleTouchesRings(
  center: PlanePoint,
  radius: number,
  rings: readonly (readonly PlanePoint[])[],
): boolean {
  let inside = false;
  for (const ring of rings) {
    if (pointInPolygon(center, ring)) inside = !inside;
  }
  if (inside) return true;

  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      if (distanceToSegment(center, ring[j], ring[i]) <= radius) return true;
    }
  }
  return false;
}

/** An axis-aligned box in the plane. */
export interface PlaneBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Returns the smallest axis-aligned box around the points. */
export function boundsOf(points: Iterable<PlanePoint>): PlaneBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { minX, minY, maxX, maxY };
}
