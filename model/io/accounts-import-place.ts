import type { UnitLocator } from "../geo/point-in-polygon.ts";
import type { AccountColumns } from "./accounts-import-header.ts";
import { checkCountyFips, checkDegrees } from "./accounts-import-fields.ts";

/**
 * Farthest a point may lie outside every county outline, in degrees, and
 * still go to the nearest county. The outlines are us-atlas's 1:10,000,000
 * simplification, whose shorelines cut past coastal towns: the demo's own
 * points for West Haven CT, York Beach ME, Hull MA, Escanaba MI and
 * Vermilion OH lie 0.0003 to 0.003 degrees outside. 0.05 degrees (5.6 km
 * north-south, about 4 km east-west at 40°N) leaves room for harbours,
 * piers and barrier islands that a CRM geocodes, while a point at sea, or
 * with latitude and longitude swapped, stays degrees away and is rejected.
 * NOTE: a point in Canada or Mexico this close to the border, such as
 * Windsor, Ontario, lands in the US county next to it.
 */
export const NEAREST_COUNTY_DEGREES = 0.05;

/** The county of a row's account, or the reasons it cannot be placed. */
export type Placement =
  | { ok: true; unitId: string; point: { lon: number; lat: number } | null }
  | { ok: false; reasons: string[] };

/**
 * Finds a row's county: from county_fips when given, otherwise from the
 * point. A row with both keeps its point and sits in the given county.
 */
export function placeRow(
  field: (index: number | null) => string,
  columns: AccountColumns,
  unitIds: ReadonlySet<string>,
  locator: UnitLocator | null,
): Placement {
  const fips = field(columns.county);
  const latText = field(columns.latitude);
  const lonText = field(columns.longitude);
  const reasons: string[] = [];

  let point: { lon: number; lat: number } | null = null;
  if (latText !== "" && lonText !== "") {
    const lat = checkDegrees("latitude", latText, 90);
    const lon = checkDegrees("longitude", lonText, 180);
    if (!lat.ok) reasons.push(`${lat.reason}.`);
    if (!lon.ok) reasons.push(`${lon.reason}.`);
    if (lat.ok && lon.ok) point = { lon: lon.value, lat: lat.value };
  } else if (latText !== "" || lonText !== "") {
    const present = latText !== "" ? "latitude" : "longitude";
    const empty = latText !== "" ? "longitude" : "latitude";
    reasons.push(
      `${present} is given but ${empty} is empty. Give both, or only county_fips.`,
    );
  }

  if (fips !== "") {
    const county = checkCountyFips(fips, unitIds);
    if (!county.ok) reasons.push(`${county.reason}.`);
    if (reasons.length > 0) return { ok: false, reasons };
    return { ok: true, unitId: fips, point };
  }
  if (reasons.length > 0) return { ok: false, reasons };
  if (point === null) {
    return {
      ok: false,
      reasons: [
        "county_fips, latitude and longitude are all empty. Give the county FIPS code or the account's latitude and longitude.",
      ],
    };
  }
  return locatePoint(point, locator);
}

/**
 * Places a point in the county that contains it, or else in the county
 * whose outline is nearest within NEAREST_COUNTY_DEGREES. The point itself
 * is kept as given.
 */
function locatePoint(
  point: { lon: number; lat: number },
  locator: UnitLocator | null,
): Placement {
  if (locator === null) {
    return {
      ok: false,
      reasons: [
        "the row has only a point, and no county shapes are loaded to place it. Give county_fips.",
      ],
    };
  }
  const unitId =
    locator.locate(point.lon, point.lat) ??
    locator.nearest(point.lon, point.lat, NEAREST_COUNTY_DEGREES);
  if (unitId !== null) return { ok: true, unitId, point };

  const swapped =
    Math.abs(point.lon) <= 90 ? locator.locate(point.lat, point.lon) : null;
  const hint =
    swapped !== null
      ? " The point lies in a county with latitude and longitude swapped: check the column order."
      : " Check the values (longitudes in the US are negative), or give county_fips.";
  return {
    ok: false,
    reasons: [
      `the point at latitude ${point.lat}, longitude ${point.lon} is in no county and more than ${NEAREST_COUNTY_DEGREES} degrees from one.${hint}`,
    ],
  };
}
