import {
  boundsOf,
  pointInPolygon,
  type PlaneBox,
  type PlanePoint,
} from "./selection.ts";

/** Horizontal bands per edge of the shape; more bands mean fewer edges to test per query. */
const BANDS_PER_EDGE = 0.5;
const MAX_BANDS = 512;

/**
 * A closed polygon, such as a lasso or a rectangle, indexed for many
 * queries. Its edges are sorted into horizontal bands, so a query tests
 * only the edges whose height range meets the band of the point or
 * segment asked about. Inside is decided by the even-odd rule, as in
 * `pointInPolygon`.
 */
export class PolygonIndex {
  readonly bounds: PlaneBox;
  readonly #polygon: readonly PlanePoint[];
  readonly #bandHeight: number;
  /** Indexes of the edges (vertex i to vertex i + 1) that reach into each band. */
  readonly #bands: number[][];

  constructor(polygon: readonly PlanePoint[]) {
    this.#polygon = polygon;
    this.bounds = boundsOf(polygon);

    const count = Math.min(
      MAX_BANDS,
      Math.max(1, Math.ceil(polygon.length * BANDS_PER_EDGE)),
    );
    const height = this.bounds.maxY - this.bounds.minY;
    this.#bandHeight = height > 0 ? height / count : 1;
    this.#bands = Array.from({ length: count }, () => []);
    if (polygon.length < 3) return;

    for (let i = 0; i < polygon.length; i++) {
      const a = polygon[i];
      const b = polygon[(i + 1) % polygon.length];
      const [first, last] = this.#bandRange(a.y, b.y);
      for (let band = first; band <= last; band++) this.#bands[band].push(i);
    }
  }

  /** Tests whether a point lies inside the polygon. */
  contains(point: PlanePoint): boolean {
    if (!boxContains(this.bounds, point)) return false;
    let inside = false;
    const [band] = this.#bandRange(point.y, point.y);
    for (const edge of this.#bands[band]) {
      const [a, b] = this.#edge(edge);
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

  /** Tests whether the polygon's bounding box overlaps a box. */
  overlapsBox(box: PlaneBox): boolean {
    return boxesOverlap(this.bounds, box);
  }

  /**
   * Tests whether the polygon and an area given as rings (outer boundary
   * and holes, each closed or open) share any point. They do when an edge
   * of one crosses or touches an edge of the other, when a ring lies
   * inside the polygon, or when the polygon lies inside the area by the
   * even-odd rule over its rings.
   */
  touchesRings(rings: readonly (readonly PlanePoint[])[]): boolean {
    if (this.#polygon.length < 3) return false;
    const box = boundsOfRings(rings);
    if (!boxesOverlap(this.bounds, box)) return false;

    // A ring with no edge crossing the polygon lies wholly inside or
    // wholly outside it, so one vertex decides. That test comes first,
    // because a ring wholly inside is the common case under a lasso.
    for (const ring of rings) {
      if (ring.length > 0 && this.contains(ring[0])) return true;
    }
    for (const ring of rings) {
      if (this.#crossesRing(ring)) return true;
    }

    let inside = false;
    for (const ring of rings) {
      if (pointInPolygon(this.#polygon[0], ring)) inside = !inside;
    }
    return inside;
  }

  #crossesRing(ring: readonly PlanePoint[]): boolean {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const c = ring[j];
      const d = ring[i];
      if (Math.max(c.y, d.y) < this.bounds.minY) continue;
      if (Math.min(c.y, d.y) > this.bounds.maxY) continue;
      if (Math.max(c.x, d.x) < this.bounds.minX) continue;
      if (Math.min(c.x, d.x) > this.bounds.maxX) continue;

      const [first, last] = this.#bandRange(c.y, d.y);
      for (let band = first; band <= last; band++) {
        for (const edge of this.#bands[band]) {
          const [a, b] = this.#edge(edge);
          if (segmentsIntersect(a, b, c, d)) return true;
        }
      }
    }
    return false;
  }

  #edge(index: number): [PlanePoint, PlanePoint] {
    const polygon = this.#polygon;
    return [polygon[index], polygon[(index + 1) % polygon.length]];
  }

  /** Returns the first and last band that the height range from y0 to y1 reaches, clamped to the bands. */
  #bandRange(y0: number, y1: number): [number, number] {
    const last = this.#bands.length - 1;
    const bandOf = (y: number) =>
      Math.min(
        last,
        Math.max(0, Math.floor((y - this.bounds.minY) / this.#bandHeight)),
      );
    return [bandOf(Math.min(y0, y1)), bandOf(Math.max(y0, y1))];
  }
}

/** Tests whether the segments from `a` to `b` and from `c` to `d` share a point, touching ends included. */
export function segmentsIntersect(
  a: PlanePoint,
  b: PlanePoint,
  c: PlanePoint,
  d: PlanePoint,
): boolean {
  const d1 = orientation(c, d, a);
  const d2 = orientation(c, d, b);
  const d3 = orientation(a, b, c);
  const d4 = orientation(a, b, d);
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;

  return (
    (d1 === 0 && onSegment(c, d, a)) ||
    (d2 === 0 && onSegment(c, d, b)) ||
    (d3 === 0 && onSegment(a, b, c)) ||
    (d4 === 0 && onSegment(a, b, d))
  );
}

// Returns the sign of the cross product (b - a) x (p - a): positive when p
// lies to the left of the line from a to b, 0 when on it.
function orientation(a: PlanePoint, b: PlanePoint, p: PlanePoint): number {
  return Math.sign((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x));
}

// Tests whether p, known to lie on the line through a and b, lies between them.
function onSegment(a: PlanePoint, b: PlanePoint, p: PlanePoint): boolean {
  return (
    p.x >= Math.min(a.x, b.x) &&
    p.x <= Math.max(a.x, b.x) &&
    p.y >= Math.min(a.y, b.y) &&
    p.y <= Math.max(a.y, b.y)
  );
}

function boxContains(box: PlaneBox, point: PlanePoint): boolean {
  return (
    point.x >= box.minX &&
    point.x <= box.maxX &&
    point.y >= box.minY &&
    point.y <= box.maxY
  );
}

function boxesOverlap(a: PlaneBox, b: PlaneBox): boolean {
  return (
    a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY
  );
}

function boundsOfRings(rings: readonly (readonly PlanePoint[])[]): PlaneBox {
  return boundsOf(rings.flat());
}
