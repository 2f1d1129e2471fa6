import { describe, expect, test } from "vitest";
import type { Territory } from "../../model/doc/schema.ts";
import type { Override } from "../../model/overrides.ts";
import {
  buildOverrideRows,
  datesText,
  describePin,
} from "../../web/insights/override-rows.ts";

const west: Territory = {
  id: "west",
  name: "West",
  color: "#1f77b4",
  parentId: null,
  ownerId: null,
  locked: false,
  kind: "territory",
};
const austin = {
  id: "city-austin",
  name: "Austin",
  unitId: "48453",
  segment: "city",
  potential: "745464.00",
};

const override = (
  effectiveFrom: string | null,
  effectiveTo: string | null,
): Override => ({
  accountId: austin.id,
  territoryId: "west",
  effectiveFrom,
  effectiveTo,
});

describe("datesText", () => {
  test.each([
    ["2027-01-01", "2027-12-31", "from 2027-01-01 to 2027-12-31"],
    ["2027-01-01", null, "from 2027-01-01"],
    [null, "2027-12-31", "until 2027-12-31"],
    [null, null, ""],
  ])("%s to %s", (from, to, expected) => {
    expect(datesText(override(from, to))).toBe(expected);
  });
});

describe("describePin", () => {
  const accounts = new Map([[austin.id, austin]]);

  test("names the territory, dates and home", () => {
    const [row] = buildOverrideRows(
      [override("2027-01-01", null)],
      accounts,
      [west],
      "2027-01-01",
    );
    expect(describePin(row, "Travis", "Central")).toBe(
      "Pinned to West from 2027-01-01 (home county: Travis, Central)",
    );
    expect(row.status).toBe("in-effect");
  });

  test("says when the home county is unassigned", () => {
    const [row] = buildOverrideRows(
      [override(null, null)],
      accounts,
      [west],
      "2027-01-01",
    );
    expect(describePin(row, "Travis", null)).toBe(
      "Pinned to West (home county: Travis, unassigned)",
    );
  });

  test("says when the territory was deleted", () => {
    const [row] = buildOverrideRows(
      [override(null, "2026-12-31")],
      new Map(),
      [],
      "2027-01-01",
    );
    expect(row.account).toBeNull();
    expect(row.territory).toBeNull();
    expect(describePin(row, null, null)).toBe(
      "Pinned to a deleted territory until 2026-12-31",
    );
  });
});

describe("buildOverrideRows", () => {
  test.each([
    ["2027-01-01", null, "in-effect"],
    ["2027-06-01", null, "not-yet"],
    [null, "2026-12-31", "ended"],
  ])("status from %s to %s", (from, to, expected) => {
    const [row] = buildOverrideRows(
      [override(from, to)],
      new Map([[austin.id, austin]]),
      [west],
      "2027-01-01",
    );
    expect(row.status).toBe(expected);
  });

  test("account missing from dataset", () => {
    const [row] = buildOverrideRows(
      [override("2027-01-01", null)],
      new Map(),
      [west],
      "2027-01-01",
    );
    expect(row.account).toBeNull();
    expect(row.status).toBe("account-missing");
  });
});
