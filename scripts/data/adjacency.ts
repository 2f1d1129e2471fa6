import { geoArea, geoDistance, geoLength } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryObject, Topology } from "topojson-specification";
import { compareStrings } from "./serialize.ts";

/** Mean Earth radius in kilometres (IUGG), for areas and lengths on the sphere. */
export const EARTH_RADIUS_KM = 6371.0088;

/** One unit's shape figures and neighbours, as adjacency.json stores it. */
export interface UnitAdjacency {
  id: string;
  areaKm2: number;
  perimeterKm: number;
  /** Neighbour id and the length of the shared border in km; 0 for a water link. */
  neighbours: [string, number][];
}

export interface Adjacency {
  earthRadiusKm: number;
  units: UnitAdjacency[];
  /** Links added across water so that every state is one connected piece. */
  waterLinks: [string, string][];
}

interface UnitPoint {
  id: string;
  stateFips: string;
  lon: number;
  lat: number;
}

/**
 * Computes rook adjacency (units that share a border line, not just a point)
 * from the topology's shared arcs, with each unit's area, perimeter and
 * shared border lengths. Units of one state that are separated by water
 * (islands) are linked to the nearest unit of the rest of their state, so
 * that contiguity checks treat an island county like its mainland.
 */
export function buildAdjacency(
  topology: Topology,
  points: readonly UnitPoint[],
): Adjacency {
  const counties = topology.objects.counties as unknown as {
    geometries: GeometryObject[];
  };
  const arcLengths = topology.arcs.map((_, i) => arcLengthKm(topology, i));
  const arcUsers = new Map<number, Set<string>>();
  const areaKm2 = new Map<string, number>();
  const perimeterKm = new Map<string, number>();

  for (const geometry of counties.geometries) {
    const id = String(geometry.id);
    const arcs = new Set(
      flattenArcs(geometry).map((arc) => (arc < 0 ? ~arc : arc)),
    );
    let perimeter = 0;
    for (const arc of arcs) {
      perimeter += arcLengths[arc];
      const users = arcUsers.get(arc) ?? new Set<string>();
      users.add(id);
      arcUsers.set(arc, users);
    }
    perimeterKm.set(id, perimeter);
    areaKm2.set(id, sphericalAreaKm2(feature(topology, geometry as never)));
  }

  const shared = new Map<string, Map<string, number>>();
  const addShared = (a: string, b: string, km: number) => {
    const row = shared.get(a) ?? new Map<string, number>();
    row.set(b, (row.get(b) ?? 0) + km);
    shared.set(a, row);
  };
  for (const [arc, users] of arcUsers) {
    const ids = [...users];
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        addShared(ids[i], ids[j], arcLengths[arc]);
        addShared(ids[j], ids[i], arcLengths[arc]);
      }
    }
  }

  const waterLinks = linkIslands(points, shared);
  for (const [a, b] of waterLinks) {
    addShared(a, b, 0);
    addShared(b, a, 0);
  }

  const units = [...areaKm2.keys()].sort(compareStrings).map((id) => ({
    id,
    areaKm2: round(areaKm2.get(id) ?? 0, 1),
    perimeterKm: round(perimeterKm.get(id) ?? 0, 1),
    neighbours: [...(shared.get(id) ?? new Map<string, number>())]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([neighbour, km]) => [neighbour, round(km, 1)] as [string, number]),
  }));
  return { earthRadiusKm: EARTH_RADIUS_KM, units, waterLinks };
}

/**
 * Joins the pieces of each state: while a state's units form more than one
 * connected piece, the smallest piece is linked to the nearest unit (by
 * label point) of another piece.
 */
function linkIslands(
  points: readonly UnitPoint[],
  shared: ReadonlyMap<string, ReadonlyMap<string, number>>,
): [string, string][] {
  const links: [string, string][] = [];
  const extra = new Map<string, string[]>();
  const neighboursOf = (id: string) => [
    ...(shared.get(id)?.keys() ?? []),
    ...(extra.get(id) ?? []),
  ];
  const byState = new Map<string, UnitPoint[]>();
  for (const point of points)
    byState.set(point.stateFips, [
      ...(byState.get(point.stateFips) ?? []),
      point,
    ]);

  for (const statePoints of [...byState.values()]) {
    const inState = new Set(statePoints.map((p) => p.id));
    for (;;) {
      const pieces = connectedPieces(
        statePoints.map((p) => p.id),
        (id) => neighboursOf(id).filter((n) => inState.has(n)),
      );
      if (pieces.length <= 1) break;
      pieces.sort((a, b) => a.length - b.length || compareStrings(a[0], b[0]));
      const island = new Set(pieces[0]);
      const from = statePoints.filter((p) => island.has(p.id));
      const to = statePoints.filter((p) => !island.has(p.id));
      const [a, b] = nearestPair(from, to);
      links.push(compareStrings(a, b) < 0 ? [a, b] : [b, a]);
      extra.set(a, [...(extra.get(a) ?? []), b]);
      extra.set(b, [...(extra.get(b) ?? []), a]);
    }
  }
  return links.sort(
    (x, y) => compareStrings(x[0], y[0]) || compareStrings(x[1], y[1]),
  );
}

function connectedPieces(
  ids: readonly string[],
  neighbours: (id: string) => string[],
): string[][] {
  const seen = new Set<string>();
  const pieces: string[][] = [];
  for (const start of [...ids].sort(compareStrings)) {
    if (seen.has(start)) continue;
    const piece: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const id = stack.pop()!;
      piece.push(id);
      for (const next of neighbours(id)) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    pieces.push(piece.sort(compareStrings));
  }
  return pieces;
}

function nearestPair(
  from: readonly UnitPoint[],
  to: readonly UnitPoint[],
): [string, string] {
  let best: [string, string] = [from[0].id, to[0].id];
  let bestDistance = Infinity;
  for (const a of from) {
    for (const b of to) {
      const distance = geoDistance([a.lon, a.lat], [b.lon, b.lat]);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = [a.id, b.id];
      }
    }
  }
  return best;
}

/** Lists the arc indices of a Polygon or MultiPolygon geometry (negative = reversed). */
function flattenArcs(geometry: GeometryObject): number[] {
  if (geometry.type === "Polygon") return geometry.arcs.flat();
  if (geometry.type === "MultiPolygon") return geometry.arcs.flat(2);
  return [];
}

/** Decodes one arc (delta-encoded when the topology is quantized) and measures it on the sphere. */
function arcLengthKm(topology: Topology, index: number): number {
  const arc = topology.arcs[index];
  const transform = topology.transform;
  let x = 0;
  let y = 0;
  const coordinates = arc.map(([dx, dy]) => {
    if (!transform) return [dx, dy];
    x += dx;
    y += dy;
    return [
      x * transform.scale[0] + transform.translate[0],
      y * transform.scale[1] + transform.translate[1],
    ];
  });
  return geoLength({ type: "LineString", coordinates }) * EARTH_RADIUS_KM;
}

function sphericalAreaKm2(
  shape: GeoJSON.Feature | GeoJSON.FeatureCollection,
): number {
  let steradians = geoArea(shape as GeoJSON.Feature);
  // d3-geo reads rings clockwise; a ring wound the other way measures the rest of the globe.
  if (steradians > 2 * Math.PI) steradians = 4 * Math.PI - steradians;
  return steradians * EARTH_RADIUS_KM * EARTH_RADIUS_KM;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
