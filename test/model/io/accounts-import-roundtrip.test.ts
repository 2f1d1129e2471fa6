import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { UnitLocator } from "../../../model/geo/point-in-polygon.ts";
import { accountsCsv } from "../../../model/io/accounts-csv.ts";
import {
  importAccountsCsv,
  type AccountsImportResult,
  type ImportedAccount,
} from "../../../model/io/accounts-import.ts";
import { countyAreas } from "../../../web/workers/county-areas.ts";

const readJson = (file: string) =>
  JSON.parse(readFileSync(`public/data/${file}`, "utf8"));
const units: { id: string }[] = readJson("units.json").units;
const unitIds = new Set(units.map((unit) => unit.id));
const demoAccounts: ImportedAccount[] = readJson("accounts.json").accounts;
const locator = new UnitLocator(countyAreas(readJson("counties.topo.json")));

function accountsOf(result: AccountsImportResult): ImportedAccount[] {
  if (!result.ok) {
    throw new Error(
      `expected the import to pass: ${result.fileProblem ?? JSON.stringify(result.badRows)}`,
    );
  }
  return result.dataset.accounts;
}

function importText(text: string): AccountsImportResult {
  return importAccountsCsv(text, {
    unitIds,
    locator,
    description: "Imported from export.csv",
  });
}

// Ids, names, units, segments and potentials: what the export writes.
function listed(accounts: readonly ImportedAccount[]) {
  return accounts.map(({ id, name, unitId, segment, potential }) => ({
    id,
    name,
    unitId,
    segment,
    potential,
  }));
}

describe("accounts export and import", () => {
  test("round trip keeps ids and fields", () => {
    // Given a small dataset: demo accounts, one imported with an external
    // id, one with a content id, and names that need quoting.
    const dataset: ImportedAccount[] = [
      ...demoAccounts.slice(0, 4),
      {
        id: "ext-CRM 42",
        name: 'Acme, "Gulf" Office',
        unitId: "01003",
        segment: "enterprise",
        potential: "0.10",
        externalId: "CRM 42",
      },
      {
        id: "acct-0a1b2c3d4e5f60",
        name: "Des Moines",
        unitId: "19153",
        segment: "city",
        potential: "171000.00",
      },
    ];
    const territories = new Map([
      ["01001", { territory: "South, East", owner: "Li Wei" }],
      ["01003", { territory: "Gulf", owner: "" }],
    ]);

    // When its accounts CSV is imported back.
    const csv = accountsCsv(dataset, territories);
    const imported = accountsOf(importText(csv));

    // Then every account has its id and fields again.
    expect(csv.split("\n")[0]).toMatch(
      /^account_id,name,unit_id,segment,potential,territory,owner/,
    );
    expect(listed(imported)).toEqual(listed(dataset));
  });

  test("round trip keeps formula-like names", () => {
    const dataset = [
      { ...demoAccounts[0], name: '=HYPERLINK("http://x")' },
      { ...demoAccounts[1], name: "+1 Partners" },
      { ...demoAccounts[2], name: "'@Gulf" },
    ];

    const csv = accountsCsv(dataset, new Map());
    const imported = accountsOf(importText(csv));

    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(imported.map((account) => account.name)).toEqual(
      dataset.map((account) => account.name),
    );
  });

  test("round trip keeps points in the export's columns", () => {
    const dataset = demoAccounts.slice(0, 3);
    const rows = dataset.map((account) =>
      [
        account.id,
        account.name,
        account.unitId,
        account.segment,
        account.potential,
        "",
        "",
        account.lon,
        account.lat,
      ].join(","),
    );
    const csv = [
      "account_id,name,unit_id,segment,potential,territory,owner,longitude,latitude",
      ...rows,
    ].join("\n");

    const imported = accountsOf(importText(csv));

    expect(imported.map(({ lon, lat }) => ({ lon, lat }))).toEqual(
      dataset.map(({ lon, lat }) => ({ lon, lat })),
    );
  });
});

describe("accounts import of coastal points", () => {
  const HEADER = "name,latitude,longitude,segment,potential";

  test("places the demo's coastal towns in their counties", () => {
    const names = ["West Haven", "York Beach", "Hull", "Escanaba", "Vermilion"];
    const expected = names.map((name) => {
      const found = demoAccounts.find(
        (account) =>
          account.name === name &&
          account.segment === "city" &&
          ["09", "23", "25", "26", "39"].includes(account.unitId.slice(0, 2)),
      );
      if (!found) throw new Error(`accounts.json has no city ${name}`);
      return found;
    });
    const rows = expected.map(
      (account) => `${account.name},${account.lat},${account.lon},city,1`,
    );

    const imported = accountsOf(importText([HEADER, ...rows].join("\n")));

    expect(imported.map((account) => account.unitId)).toEqual([
      "09170",
      "23031",
      "25023",
      "26041",
      "39043",
    ]);
    expect(imported.map((account) => account.unitId)).toEqual(
      expected.map((account) => account.unitId),
    );
  });

  test("rejects a point far out in the ocean", () => {
    const result = importText(`${HEADER}\nAtlantis,35,-50,city,1`);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.badRows).toHaveLength(1);
    expect(result.badRows[0].line).toBe(2);
    expect(result.badRows[0].reason).toMatch(
      /latitude 35, longitude -50 is in no county and more than 0.05 degrees from one/,
    );
  });
});
