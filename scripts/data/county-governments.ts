import { DataBuildError } from "./errors.ts";

/**
 * Account names for county-equivalent governments, and which of them are
 * also city governments.
 *
 * us-atlas names a county without its legal suffix ("Autauga", "Baltimore")
 * and uses the same name for Baltimore County (24005) and the independent
 * City of Baltimore (24510), so the suffix is added here by the Census
 * Bureau's naming of county equivalents.
 */

/** Alaska's county equivalents by FIPS code, by their Census 2023 type. */
const ALASKA_SUFFIXES: Readonly<Record<string, string>> = {
  "02013": "Borough",
  "02016": "Census Area",
  "02020": "Municipality",
  "02050": "Census Area",
  "02060": "Borough",
  "02063": "Census Area",
  "02066": "Census Area",
  "02068": "Borough",
  "02070": "Census Area",
  "02090": "Borough",
  "02100": "Borough",
  "02105": "Census Area",
  "02110": "City and Borough",
  "02122": "Borough",
  "02130": "Borough",
  "02150": "Borough",
  "02158": "Census Area",
  "02164": "Borough",
  "02170": "Borough",
  "02180": "Census Area",
  "02185": "Borough",
  "02188": "Borough",
  "02195": "Borough",
  "02198": "Census Area",
  "02220": "City and Borough",
  "02230": "Municipality",
  "02240": "Census Area",
  "02275": "City and Borough",
  "02282": "City and Borough",
  "02290": "Census Area",
};

/** States whose FIPS county codes from 510 up are independent cities. */
const INDEPENDENT_CITY_STATES = new Set(["24", "29", "32", "51"]);

/**
 * Tells whether a county equivalent is itself a city government: an
 * independent city (Virginia's, Baltimore, St. Louis, Carson City) or the
 * District of Columbia. Every place inside such a unit is part of that
 * city. Texas also uses county codes above 500 (48501 Yoakum to 48507
 * Zavala) for ordinary counties, hence the list of states.
 */
export function isCityEquivalent(countyId: string): boolean {
  if (countyId === "11001") return true;
  const state = countyId.slice(0, 2);
  return INDEPENDENT_CITY_STATES.has(state) && Number(countyId.slice(2)) >= 510;
}

/** Names the government of a county equivalent, e.g. "Autauga County". */
export function countyGovernmentName(countyId: string, name: string): string {
  const state = countyId.slice(0, 2);

  if (countyId === "11001") return "District of Columbia";
  if (isCityEquivalent(countyId)) {
    return name.endsWith(" City") ? name : `City of ${name}`;
  }

  switch (state) {
    case "02": {
      const suffix = ALASKA_SUFFIXES[countyId];
      if (!suffix) {
        throw new DataBuildError(
          `Alaska county equivalent ${countyId} (${name}) has no known type. Add it to ALASKA_SUFFIXES in scripts/dat./county-governments.ts.`,
        );
      }
      return `${name} ${suffix}`;
    }
    case "09":
      return `${name} Planning Region`;
    case "22":
      return `${name} Parish`;
    case "60":
      return `${name} District`;
    case "66":
      return name;
    case "69":
      return `${name} Municipality`;
    case "72":
      return `${name} Municipio`;
    case "78":
      return `${name} Island`;
    default:
      return `${name} County`;
  }
}

/**
 * GeoNames places whose city government is merged with the county's: a
 * consolidated city-county such as the City and County of San Francisco or
 * Louisville/Jefferson County Metro. The county account stands for that
 * government, so the place is dropped. Keyed by GeoNames id.
 */
export const CONSOLIDATED_CITIES: Readonly<
  Record<string, { name: string; unitId: string }>
> = {
  "5391959": { name: "San Francisco", unitId: "06075" },
  "5415035": { name: "Broomfield", unitId: "08014" },
  "5419384": { name: "Denver", unitId: "08031" },
  "4160021": { name: "Jacksonville", unitId: "12031" },
  "4207400": { name: "Macon", unitId: "13021" },
  "4180386": { name: "Athens", unitId: "13059" },
  "4188985": { name: "Columbus", unitId: "13215" },
  "4180531": { name: "Augusta", unitId: "13245" },
  "5856195": { name: "Honolulu", unitId: "15003" },
  "4259418": { name: "Indianapolis", unitId: "18097" },
  "4273837": { name: "Kansas City", unitId: "20209" },
  "4297983": { name: "Lexington", unitId: "21067" },
  "4297999": { name: "Lexington-Fayette", unitId: "21067" },
  "4299276": { name: "Louisville", unitId: "21111" },
  "4315588": { name: "Baton Rouge", unitId: "22033" },
  "4330145": { name: "Lafayette", unitId: "22055" },
  "4335045": { name: "New Orleans", unitId: "22071" },
  "4328010": { name: "Houma", unitId: "22109" },
  "5642934": { name: "Butte", unitId: "30093" },
  "4560349": { name: "Philadelphia", unitId: "42101" },
  "4644585": { name: "Nashville", unitId: "47037" },
  "5879400": { name: "Anchorage", unitId: "02020" },
  "5554072": { name: "Juneau", unitId: "02110" },
};
