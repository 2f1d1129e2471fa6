import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { storePlan, territory, useDataDir } from "./cli-fixture.ts";
import { runCli } from "./run-cli.ts";
import { storeOverrides } from "./stored-overrides.ts";

const account = (id: string, unitId: string, potential: string) => ({
  id,
  name: id,
  unitId,
  segment: "county",
  potential,
});

const data = useDataDir("meridian-export-pins-", {
  "accounts.json": {
    accounts: [
      account("a-home", "01001", "10.00"),
      account("a-pinned", "01001", "20.00"),
      account("a-later", "01003", "30.00"),
      account("a-lost", "01003", "40.00"),
    ],
  },
});

function storeSouth(): void {
  storePlan(data.dataDir, {
    planId: "south",
    name: "South",
    territories: [
      territory("t-east", "East", { ownerId: "person-ada" }),
      territory("t-west", "West"),
    ],
    assignments: [
      ["01001", "t-east"],
      ["01003", "t-east"],
    ],
  });
  storeOverrides(data.dataDir, "south", [
    // In effect from 2027 on.
    {
      accountId: "a-pinned",
      territoryId: "t-west",
      effectiveFrom: "2027-01-01",
      effectiveTo: null,
    },
    // In effect during 2027 only.
    {
      accountId: "a-later",
      territoryId: "t-west",
      effectiveFrom: "2027-01-01",
      effectiveTo: "2027-12-31",
    },
    // Into a territory deleted on another replica: follows its county.
    {
      accountId: "a-lost",
      territoryId: "t-deleted",
      effectiveFrom: null,
      effectiveTo: null,
    },
  ]);
}

function exportAccounts(...more: string[]) {
  return data.run("export", "accounts", "--plan", "south", ...more);
}

// Each test starts the command line once or more, about a second each.
describe("meridian export accounts with overrides", { timeout: 30_000 }, () => {
  test("pinned account takes its override territory", () => {
    storeSouth();

    const result = exportAccounts("--as-of", "2027-06-30");

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      "account_id,name,unit_id,segment,potential,territory,owner,longitude,latitude",
      "a-home,a-home,01001,county,10.00,East,person-ada,,",
      "a-pinned,a-pinned,01001,county,20.00,West,,,",
      "a-later,a-later,01003,county,30.00,West,,,",
      "a-lost,a-lost,01003,county,40.00,East,person-ada,,",
      "",
    ]);
  });

  test("date outside a pin keeps the county", () => {
    storeSouth();

    const before = exportAccounts("--as-of", "2026-12-31");
    const after = exportAccounts("--as-of", "2028-01-01");

    expect(before.status).toBe(0);
    expect(before.stdout).toContain(
      "\na-pinned,a-pinned,01001,county,20.00,East,person-ada,,\n",
    );
    expect(before.stdout).toContain(
      "\na-later,a-later,01003,county,30.00,East,person-ada,,\n",
    );
    expect(after.status).toBe(0);
    expect(after.stdout).toContain(
      "\na-pinned,a-pinned,01001,county,20.00,West,,,\n",
    );
    expect(after.stdout).toContain(
      "\na-later,a-later,01003,county,30.00,East,person-ada,,\n",
    );
  });

  test("--as-of defaults to today in UTC", () => {
    storeSouth();
    const today = new Date().toISOString().slice(0, 10);

    const implicit = exportAccounts();
    const explicit = exportAccounts("--as-of", today);

    expect(implicit.status).toBe(0);
    expect(implicit.stdout).toBe(explicit.stdout);
  });

  test("invalid --as-of is a usage error", () => {
    storeSouth();

    const result = exportAccounts("--as-of", "2027-02-30");

    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      '--as-of "2027-02-30" is not a date written as YYYY-MM-DD',
    );
  });

  test("assignments rejects --as-of", () => {
    storeSouth();

    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "south",
      "--data-dir",
      data.dataDir,
      "--as-of",
      "2027-01-01",
    ]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("export assignments does not read --as-of");
  });
});

interface Feature {
  id: string;
  properties: { counties: number; accounts: number; potential: string };
}

describe("meridian export geojson with overrides", { timeout: 30_000 }, () => {
  test("pinned account counts in its override territory", () => {
    // Given Polk County's government pinned from Central to South in 2027
    storePlan(data.dataDir, {
      planId: "iowa",
      name: "Iowa",
      territories: [
        territory("t-central", "Central"),
        territory("t-south", "South"),
      ],
      assignments: [
        ["19153", "t-central"],
        ["19111", "t-south"],
      ],
    });
    storeOverrides(data.dataDir, "iowa", [
      {
        accountId: "county-19153",
        territoryId: "t-south",
        effectiveFrom: "2027-01-01",
        effectiveTo: null,
      },
    ]);
    const accounts = JSON.parse(
      fs.readFileSync("public/data/accounts.json", "utf8"),
    ).accounts as { id: string; potential: string }[];
    const polk = accounts.find((a) => a.id === "county-19153");
    expect(polk).toBeDefined();
    // Potentials are decimal strings with two digits, so dropping the point gives cents.
    const cents = (potential: string) => Number(potential.replace(".", ""));
    const polkCents = cents(polk!.potential);

    // When the territories are exported before and while the pin is in effect
    const figures = (asOf: string) => {
      const result = runCli([
        "export",
        "geojson",
        "--plan",
        "iowa",
        "--data-dir",
        data.dataDir,
        "--as-of",
        asOf,
      ]);
      expect(result.stderr).toBe("");
      const features = JSON.parse(result.stdout).features as Feature[];
      return new Map(features.map((f) => [f.id, f.properties]));
    };
    const before = figures("2026-12-31");
    const during = figures("2027-01-01");

    // Then the account and its potential move, and the counties stay
    expect(during.get("t-central")!.counties).toBe(1);
    expect(during.get("t-south")!.counties).toBe(1);
    expect(during.get("t-central")!.accounts).toBe(
      before.get("t-central")!.accounts - 1,
    );
    expect(during.get("t-south")!.accounts).toBe(
      before.get("t-south")!.accounts + 1,
    );
    expect(cents(during.get("t-central")!.potential)).toBe(
      cents(before.get("t-central")!.potential) - polkCents,
    );
    expect(cents(during.get("t-south")!.potential)).toBe(
      cents(before.get("t-south")!.potential) + polkCents,
    );
  });
});
