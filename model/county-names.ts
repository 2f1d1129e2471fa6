import { normalizeText } from "./search.ts";

/** A county as the name lookup needs it (a unit of units.json). */
export interface NamedCounty {
  id: string;
  name: string;
  stateFips: string;
  state: string;
  stateName: string;
}

/** A county a typed name points at, with the label that distinguishes it from others of the same name. */
export interface CountyChoice {
  unitId: string;
  /** Such as "Baltimore city, MD" or "Washington, OR"; unique among the counties. */
  label: string;
  stateName: string;
}

/**
 * States whose county codes from 510 up are independent cities: Maryland
 * (Baltimore), Missouri (St. Louis), Nevada (Carson City) and Virginia.
 * Texas also has codes above 500 (48501 Yoakum to 48507 Zavala), which
 * are counties. The Census names Baltimore County and Baltimore city both
 * "Baltimore", so the code distinguishes them.
 */
const INDEPENDENT_CITY_STATES = new Set(["24", "29", "32", "51"]);
const FIRST_INDEPENDENT_CITY_CODE = 510;

/** Tells whether a county equivalent is an independent city, by its 5-digit FIPS code. */
export function isIndependentCity(fips: string): boolean {
  return (
    INDEPENDENT_CITY_STATES.has(fips.slice(0, 2)) &&
    Number(fips.slice(2)) >= FIRST_INDEPENDENT_CITY_CODE
  );
}

/**
 * Returns the county's label: "Baltimore city, MD" for an independent
 * city, "Baltimore County, MD" for a county that shares its name with an
 * independent city of its state, else "Clinch, GA".
 */
export function countyLabel(
  county: NamedCounty,
  sharesNameWithCity = false,
): string {
  if (isIndependentCity(county.id)) {
    const name = / city$/i.test(county.name)
      ? county.name
      : `${county.name} city`;
    return `${name}, ${county.state}`;
  }
  const name = sharesNameWithCity ? `${county.name} County` : county.name;
  return `${name}, ${county.state}`;
}

/**
 * Finds counties by the name a person types, ignoring case, accents and
 * punctuation. The name may end with the state's code or name ("clinch
 * ga", "Washington, Oregon") and with "county" or "city" ("Baltimore
 * County, MD", "baltimore city"). A name that fits several counties, such
 * as "Washington" or "Baltimore, MD", returns all of them, so the caller
 * asks which one.
 */
export class CountyNameIndex {
  readonly #byKey = new Map<string, CountyChoice[]>();
  readonly choices: readonly CountyChoice[];

  constructor(counties: readonly NamedCounty[]) {
    const cityNames = new Set(
      counties
        .filter((county) => isIndependentCity(county.id))
        .map((county) => `${county.stateFips} ${normalizeText(county.name)}`),
    );
    this.choices = counties.map((county) => ({
      unitId: county.id,
      label: countyLabel(
        county,
        cityNames.has(`${county.stateFips} ${normalizeText(county.name)}`),
      ),
      stateName: county.stateName,
    }));
    counties.forEach((county, i) => {
      for (const key of keysOf(county)) this.#add(key, this.choices[i]);
    });
  }

  /** Returns the counties the name fits, ordered by state name, then FIPS code; none for a blank or unknown name. */
  find(name: string): CountyChoice[] {
    const found = this.#byKey.get(normalizeText(name)) ?? [];
    return [...found].sort(
      (a, b) =>
        a.stateName.localeCompare(b.stateName) ||
        (a.unitId < b.unitId ? -1 : 1),
    );
  }

  #add(key: string, choice: CountyChoice): void {
    const list = this.#byKey.get(key);
    if (!list) this.#byKey.set(key, [choice]);
    else if (!list.includes(choice)) list.push(choice);
  }
}

// Every normalized text that names the county: its name alone, with
// "city" for an independent city or "county" otherwise, each alone or
// followed by the state's code or name.
function keysOf(county: NamedCounty): string[] {
  const name = normalizeText(county.name);
  const names = [name];
  if (isIndependentCity(county.id)) {
    if (!name.endsWith(" city")) names.push(`${name} city`);
  } else {
    names.push(`${name} county`);
  }

  const states = [normalizeText(county.state), normalizeText(county.stateName)];
  return names.flatMap((n) => [n, ...states.map((state) => `${n} ${state}`)]);
}
