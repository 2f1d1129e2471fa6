/** Kind of place a search result points at: a state, a county, or an account in a county. */
export type SearchKind = "state" | "county" | "account";

/** One place a person can search for, with the point and unit the map flies to. */
export interface SearchEntry {
  kind: SearchKind;
  /** State FIPS code, county FIPS code or account id. */
  id: string;
  /** Main text of the result, such as "Clinch, GA" or "Prattville". */
  label: string;
  /** Second line, such as "County in Georgia" or "City account in Autauga, AL". */
  detail: string;
  /** The county to highlight; null for a state. */
  unitId: string | null;
  /** The state's FIPS code, for a state result's extent. */
  stateFips: string;
  lon: number;
  lat: number;
  /** Orders equally good matches: larger first (population). */
  weight: number;
}

/** A county as the search needs it (a unit of units.json). */
export interface SearchUnit {
  id: string;
  name: string;
  stateFips: string;
  state: string;
  stateName: string;
  population: number;
  lon: number;
  lat: number;
}

/** A state as the search needs it. */
export interface SearchState {
  fips: string;
  code: string;
  name: string;
  lon: number;
  lat: number;
}

/** An account as the search needs it. */
export interface SearchAccount {
  id: string;
  name: string;
  unitId: string;
  segment: string;
  population?: number;
  lon?: number;
  lat?: number;
}

const KIND_ORDER: Record<SearchKind, number> = {
  state: 0,
  county: 1,
  account: 2,
};

/** Lower is better; a match of quality NO_MATCH is dropped. */
const EXACT = 0;
const LABEL_PREFIX = 1;
const WORD_PREFIXES = 2;
const SUBSTRING = 3;
const NO_MATCH = 4;

/**
 * Lower-cases text, drops accents (NFD, then combining marks) and turns
 * every run of other characters than letters and digits into one space,
 * so "Doña Ana" is found by "dona ana".
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Builds the entries of states, counties and accounts from the reference datasets. */
export function buildSearchEntries(
  states: readonly SearchState[],
  units: readonly SearchUnit[],
  accounts: readonly SearchAccount[],
): SearchEntry[] {
  const unitById = new Map(units.map((u) => [u.id, u]));
  const statePopulation = new Map<string, number>();
  for (const unit of units) {
    const sum = statePopulation.get(unit.stateFips) ?? 0;
    statePopulation.set(unit.stateFips, sum + unit.population);
  }

  const entries: SearchEntry[] = states.map((state) => ({
    kind: "state",
    id: state.fips,
    label: state.name,
    detail: `State · ${state.code}`,
    unitId: null,
    stateFips: state.fips,
    lon: state.lon,
    lat: state.lat,
    weight: statePopulation.get(state.fips) ?? 0,
  }));
  for (const unit of units) {
    entries.push({
      kind: "county",
      id: unit.id,
      label: `${unit.name}, ${unit.state}`,
      detail: `County in ${unit.stateName}`,
      unitId: unit.id,
      stateFips: unit.stateFips,
      lon: unit.lon,
      lat: unit.lat,
      weight: unit.population,
    });
  }
  for (const account of accounts) {
    const unit = unitById.get(account.unitId);
    if (!unit) continue;
    entries.push({
      kind: "account",
      id: account.id,
      label: account.name,
      detail: `${accountKind(account.segment)} in ${unit.name}, ${unit.state}`,
      unitId: unit.id,
      stateFips: unit.stateFips,
      lon: account.lon ?? unit.lon,
      lat: account.lat ?? unit.lat,
      weight: account.population ?? 0,
    });
  }
  return entries;
}

// "City account" for segment "city"; "Account" when the segment is blank.
function accountKind(segment: string): string {
  if (segment.trim() === "") return "Account";
  return `${segment[0].toUpperCase()}${segment.slice(1)} account`;
}

interface IndexedEntry {
  entry: SearchEntry;
  label: string;
  /** Label, detail and id, normalized, with a space before each word. */
  text: string;
}

/**
 * Finds states, counties and accounts by name. Every word of the query
 * must start a word of the entry's label or detail, so "clinch ga" finds
 * "Clinch, GA". When no entry matches that way, entries that contain the
 * query as text match. Results come best first: an exact label, a label
 * that starts with the query, then word matches. Ties go to states, then
 * counties, then accounts, then the larger population, then the label.
 */
export class SearchIndex {
  readonly #entries: IndexedEntry[];

  constructor(entries: readonly SearchEntry[]) {
    this.#entries = entries.map((entry) => ({
      entry,
      label: normalizeText(entry.label),
      text: ` ${normalizeText(`${entry.label} ${entry.detail} ${entry.id}`)}`,
    }));
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Returns up to `limit` entries that match `query`, best first; none for a blank query. */
  search(query: string, limit = 20): SearchEntry[] {
    const normalized = normalizeText(query);
    if (normalized === "") return [];
    const words = normalized.split(" ");

    const matches: { entry: SearchEntry; quality: number }[] = [];
    for (const indexed of this.#entries) {
      const quality = matchQuality(indexed, normalized, words);
      if (quality < NO_MATCH) matches.push({ entry: indexed.entry, quality });
    }
    const best = matches.some((m) => m.quality < SUBSTRING)
      ? matches.filter((m) => m.quality < SUBSTRING)
      : matches;
    return best
      .sort((a, b) => compareMatches(a, b))
      .slice(0, limit)
      .map((m) => m.entry);
  }
}

function matchQuality(
  indexed: IndexedEntry,
  query: string,
  words: readonly string[],
): number {
  if (indexed.label === query) return EXACT;
  if (indexed.label.startsWith(query)) return LABEL_PREFIX;
  if (words.every((word) => indexed.text.includes(` ${word}`))) {
    return WORD_PREFIXES;
  }
  if (indexed.text.includes(query)) return SUBSTRING;
  return NO_MATCH;
}

function compareMatches(
  a: { entry: SearchEntry; quality: number },
  b: { entry: SearchEntry; quality: number },
): number {
  return (
    a.quality - b.quality ||
    KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind] ||
    b.entry.weight - a.entry.weight ||
    a.entry.label.localeCompare(b.entry.label)
  );
}
