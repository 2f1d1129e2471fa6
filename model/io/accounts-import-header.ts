/** The columns an accounts CSV may have, as found in its header row. */
export interface AccountColumns {
  name: number;
  county: number | null;
  latitude: number | null;
  longitude: number | null;
  segment: number;
  potential: number;
  externalId: number | null;
  /** The `account_id` column of Meridian's own export, whose values become the ids. */
  accountId: number | null;
  /** Number of fields in the header, which every row must have too. */
  width: number;
}

type ColumnKey = Exclude<keyof AccountColumns, "width">;

const COLUMN_NAMES: Record<string, ColumnKey> = {
  name: "name",
  county_fips: "county",
  unit_id: "county",
  latitude: "latitude",
  longitude: "longitude",
  segment: "segment",
  potential: "potential",
  external_id: "externalId",
  account_id: "accountId",
};

/**
 * Finds the known columns in a header row, by name, ignoring case and
 * surrounding spaces. Other columns are ignored, such as the `territory`
 * and `owner` of Meridian's accounts export. Returns the columns, or a
 * file-level problem when a required column is missing or one is named
 * twice. `county_fips` may be called `unit_id`; a file needs it, or both
 * `latitude` and `longitude`, or all three.
 */
export function readAccountColumns(
  header: readonly string[],
): { ok: true; columns: AccountColumns } | { ok: false; problem: string } {
  const found: Partial<Record<ColumnKey, number>> = {};
  for (let index = 0; index < header.length; index += 1) {
    const label = header[index].trim().toLowerCase();
    const key = COLUMN_NAMES[label];
    if (key === undefined) continue;
    if (found[key] !== undefined) {
      return {
        ok: false,
        problem: `The header names the ${describe(key)} column twice (columns ${found[key] + 1} and ${index + 1}). Keep one of them.`,
      };
    }
    found[key] = index;
  }

  const missing = (["name", "segment", "potential"] as const).filter(
    (key) => found[key] === undefined,
  );
  if (missing.length > 0) {
    return {
      ok: false,
      problem: `The header has no ${missing.join(", ")} column. The first line must name the columns: name, county_fips, latitude, longitude, segment, potential, and optionally external_id and account_id.`,
    };
  }
  const hasPoint =
    found.latitude !== undefined && found.longitude !== undefined;
  if ((found.latitude !== undefined) !== (found.longitude !== undefined)) {
    return {
      ok: false,
      problem: `The header has a ${found.latitude !== undefined ? "latitude" : "longitude"} column but no ${found.latitude !== undefined ? "longitude" : "latitude"} column. Add it, or remove both and give county_fips.`,
    };
  }
  if (found.county === undefined && !hasPoint) {
    return {
      ok: false,
      problem:
        "The header has no county_fips column and no latitude and longitude columns. Add county_fips (or unit_id), or latitude and longitude, so that each account can be placed in a county.",
    };
  }

  return {
    ok: true,
    columns: {
      name: found.name as number,
      county: found.county ?? null,
      latitude: found.latitude ?? null,
      longitude: found.longitude ?? null,
      segment: found.segment as number,
      potential: found.potential as number,
      externalId: found.externalId ?? null,
      accountId: found.accountId ?? null,
      width: header.length,
    },
  };
}

function describe(key: ColumnKey): string {
  if (key === "county") return "county_fips (or unit_id)";
  if (key === "externalId") return "external_id";
  if (key === "accountId") return "account_id";
  return key;
}
