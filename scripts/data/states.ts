import { DataBuildError } from "./errors.ts";

/**
 * US states, the District of Columbia, Puerto Rico and the island areas by
 * FIPS code, with their USPS code and US Census Bureau division.
 *
 * Puerto Rico and the island areas belong to no Census division, so their
 * `division` is null.
 */

export type DivisionKey =
  | "new-england"
  | "middle-atlantic"
  | "east-north-central"
  | "west-north-central"
  | "south-atlantic"
  | "east-south-central"
  | "west-south-central"
  | "mountain"
  | "pacific";

export interface StateInfo {
  fips: string;
  code: string;
  division: DivisionKey | null;
}

/** The nine Census divisions in the Census Bureau's order, with their names. */
export const DIVISIONS: ReadonlyArray<{ key: DivisionKey; name: string }> = [
  { key: "new-england", name: "New England" },
  { key: "middle-atlantic", name: "Middle Atlantic" },
  { key: "east-north-central", name: "East North Central" },
  { key: "west-north-central", name: "West North Central" },
  { key: "south-atlantic", name: "South Atlantic" },
  { key: "east-south-central", name: "East South Central" },
  { key: "west-south-central", name: "West South Central" },
  { key: "mountain", name: "Mountain" },
  { key: "pacific", name: "Pacific" },
];

const STATE_ROWS: ReadonlyArray<[string, string, DivisionKey | null]> = [
  ["01", "AL", "east-south-central"],
  ["02", "AK", "pacific"],
  ["04", "AZ", "mountain"],
  ["05", "AR", "west-south-central"],
  ["06", "CA", "pacific"],
  ["08", "CO", "mountain"],
  ["09", "CT", "new-england"],
  ["10", "DE", "south-atlantic"],
  ["11", "DC", "south-atlantic"],
  ["12", "FL", "south-atlantic"],
  ["13", "GA", "south-atlantic"],
  ["15", "HI", "pacific"],
  ["16", "ID", "mountain"],
  ["17", "IL", "east-north-central"],
  ["18", "IN", "east-north-central"],
  ["19", "IA", "west-north-central"],
  ["20", "KS", "west-north-central"],
  ["21", "KY", "east-south-central"],
  ["22", "LA", "west-south-central"],
  ["23", "ME", "new-england"],
  ["24", "MD", "south-atlantic"],
  ["25", "MA", "new-england"],
  ["26", "MI", "east-north-central"],
  ["27", "MN", "west-north-central"],
  ["28", "MS", "east-south-central"],
  ["29", "MO", "west-north-central"],
  ["30", "MT", "mountain"],
  ["31", "NE", "west-north-central"],
  ["32", "NV", "mountain"],
  ["33", "NH", "new-england"],
  ["34", "NJ", "middle-atlantic"],
  ["35", "NM", "mountain"],
  ["36", "NY", "middle-atlantic"],
  ["37", "NC", "south-atlantic"],
  ["38", "ND", "west-north-central"],
  ["39", "OH", "east-north-central"],
  ["40", "OK", "west-south-central"],
  ["41", "OR", "pacific"],
  ["42", "PA", "middle-atlantic"],
  ["44", "RI", "new-england"],
  ["45", "SC", "south-atlantic"],
  ["46", "SD", "west-north-central"],
  ["47", "TN", "east-south-central"],
  ["48", "TX", "west-south-central"],
  ["49", "UT", "mountain"],
  ["50", "VT", "new-england"],
  ["51", "VA", "south-atlantic"],
  ["53", "WA", "pacific"],
  ["54", "WV", "south-atlantic"],
  ["55", "WI", "east-north-central"],
  ["56", "WY", "mountain"],
  ["60", "AS", null],
  ["66", "GU", null],
  ["69", "MP", null],
  ["72", "PR", null],
  ["78", "VI", null],
];

export const STATES_BY_FIPS: ReadonlyMap<string, StateInfo> = new Map(
  STATE_ROWS.map(([fips, code, division]) => [fips, { fips, code, division }]),
);

/** Returns the state of a 2-digit FIPS code; raises on an unknown code. */
export function stateByFips(fips: string): StateInfo {
  const state = STATES_BY_FIPS.get(fips);
  if (!state) {
    throw new DataBuildError(
      `Unknown state FIPS code "${fips}". Add it to scripts/data/states.ts with its USPS code and Census division.`,
    );
  }
  return state;
}
