import { anchorKey, type Anchor } from "./anchor.ts";

/** A point on the map in degrees. */
export interface LonLat {
  lon: number;
  lat: number;
}

/** A thread as the markers need it. */
export interface MarkedThread {
  anchor: Anchor;
  resolved: boolean;
}

/** Position lookups of the markers. */
export interface MarkerPlaces {
  /** Label point of a county by unit id. */
  unitPoint: (unitId: string) => LonLat | null;
  /** An account's own point, or else the label point of its county. */
  accountPoint: (accountId: string) => LonLat | null;
  /** Unit ids of each territory, by territory id. */
  unitsOf: (territoryId: string) => readonly string[];
}

/** A comment marker: one per commented county, account or territory. */
export interface CommentMarker extends LonLat {
  anchor: Anchor;
  /** anchorKey of the anchor, unique among the markers. */
  key: string;
  open: number;
  resolved: number;
}

/**
 * Returns one marker per county, account and territory with comments,
 * counting its open and resolved threads. Counties sit at their label
 * point, accounts at their own point (or their county's), and territories
 * at the label point of one of their counties (see territoryLabelPoint).
 * Anchors without a place, such as a territory with no counties, a quota
 * node or a version, get no marker.
 */
export function commentMarkers(
  threads: readonly MarkedThread[],
  places: MarkerPlaces,
): CommentMarker[] {
  const byKey = new Map<string, CommentMarker>();
  for (const thread of threads) {
    const key = anchorKey(thread.anchor);
    let marker = byKey.get(key);
    if (!marker) {
      const point = placeOf(thread.anchor, places);
      if (!point) continue;
      marker = { ...point, anchor: thread.anchor, key, open: 0, resolved: 0 };
      byKey.set(key, marker);
    }
    if (thread.resolved) marker.resolved += 1;
    else marker.open += 1;
  }
  return [...byKey.values()];
}

function placeOf(anchor: Anchor, places: MarkerPlaces): LonLat | null {
  switch (anchor.kind) {
    case "county":
      return places.unitPoint(anchor.id);
    case "account":
      return places.accountPoint(anchor.id);
    case "territory":
      return territoryLabelPoint(
        places
          .unitsOf(anchor.id)
          .map((unitId) => places.unitPoint(unitId))
          .filter((point): point is LonLat => point !== null),
      );
    default:
      return null;
  }
}

/**
 * Returns the label point of a territory: the label point of its county
 * nearest to the mean of all its counties' label points. So the marker
 * sits on one of its counties, even for a territory shaped like a ring.
 * Returns null for a territory without counties.
 *
 * NOTE: The mean uses plain degrees, so a territory spanning the
 * antimeridian (Alaska's Aleutians with Guam) gets a point far from its
 * middle; it still sits on one of its counties.
 */
export function territoryLabelPoint(points: readonly LonLat[]): LonLat | null {
  if (points.length === 0) return null;
  const meanLon = points.reduce((sum, p) => sum + p.lon, 0) / points.length;
  const meanLat = points.reduce((sum, p) => sum + p.lat, 0) / points.length;

  let best = points[0];
  let bestDistance = Infinity;
  for (const point of points) {
    const distance = (point.lon - meanLon) ** 2 + (point.lat - meanLat) ** 2;
    if (distance < bestDistance) {
      best = point;
      bestDistance = distance;
    }
  }
  return { lon: best.lon, lat: best.lat };
}
