import { describe, expect, test } from "vitest";
import { exportAccountsCsv } from "../../../model/io/plan-export.ts";
import type { FileTerritory } from "../../../model/io/territory-names.ts";

const territories: FileTerritory[] = [
  {
    id: "t-east",
    name: "East",
    color: "#111111",
    ownerId: "p-ada",
    kind: "territory",
  },
  {
    id: "t-west",
    name: "West",
    color: "#222222",
    ownerId: null,
    kind: "territory",
  },
  {
    id: "r-south",
    name: "South",
    color: "#333333",
    ownerId: null,
    kind: "region",
  },
];

const account = (id: string, unitId: string) => ({
  id,
  name: id,
  unitId,
  segment: "county",
  potential: "1.00",
});

const pin = (accountId: string, territoryId: string, from: string | null) => ({
  accountId,
  territoryId,
  effectiveFrom: from,
  effectiveTo: null,
});

describe("exportAccountsCsv", () => {
  test("pins only overrides in effect into territories", () => {
    const csv = exportAccountsCsv(
      territories,
      new Map([["01001", "t-east"]]),
      [
        account("a-home", "01001"),
        account("a-pinned", "01001"),
        account("a-later", "01001"),
        account("a-region", "01001"),
        account("a-unpainted", "01003"),
      ],
      new Map([["p-ada", "Ada"]]),
      {
        overrides: [
          pin("a-pinned", "t-west", null),
          pin("a-later", "t-west", "2027-01-02"),
          pin("a-region", "r-south", null),
          pin("a-unpainted", "t-east", "2027-01-01"),
        ],
        asOf: "2027-01-01",
      },
    );

    expect(csv.split("\n").slice(1)).toEqual([
      "a-home,a-home,01001,county,1.00,East,Ada,,",
      "a-pinned,a-pinned,01001,county,1.00,West,,,",
      "a-later,a-later,01001,county,1.00,East,Ada,,",
      "a-region,a-region,01001,county,1.00,East,Ada,,",
      "a-unpainted,a-unpainted,01003,county,1.00,East,Ada,,",
      "",
    ]);
  });
});
