import fs from "node:fs";
import { beforeEach, describe, expect, test } from "vitest";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import { Storage } from "../../sync-server/storage.ts";
import { storePlan, territory, useDataDir } from "./cli-fixture.ts";
import { runCli } from "./run-cli.ts";
import { storeOverrides } from "./stored-overrides.ts";

const data = useDataDir("meridian-import-", {
  "units.json": {
    units: ["01001", "01003", "01005", "01007"].map((id) => ({
      id,
      population: 10,
    })),
  },
  "accounts.json": {
    accounts: [
      { id: "a1", unitId: "01001", potential: "100.10" },
      { id: "a2", unitId: "01001", potential: "0.20" },
      { id: "a3", unitId: "01003", potential: "2500.00" },
      { id: "a4", unitId: "01007", potential: "7.00" },
    ],
  },
});

beforeEach(() => {
  storePlan(data.dataDir, {
    planId: "south",
    name: "South",
    territories: [
      territory("t-east", "East"),
      territory("t-west", "West"),
      territory("t-lock", "Frozen", { locked: true }),
    ],
    assignments: [
      ["01001", "t-east"],
      ["01003", "t-west"],
      ["01005", "t-lock"],
    ],
  });
});

function importFile(text: string, ...more: string[]) {
  const file = data.file("moves.csv");
  fs.writeFileSync(file, text);
  return data.run("import", "assignments", file, "--plan", "south", ...more);
}

function storedAssignments(): Map<string, string> {
  const storage = Storage.open(data.dataDir, { readonly: true });
  try {
    return loadPlanDoc(storage, "south").readAssignments();
  } finally {
    storage.close();
  }
}

const MOVES = "unit_id,territory\n01001,West\n01003,\n01005,East\n01007,East\n";

// Each test starts the command line once or more, about a second each.
describe("meridian import assignments", { timeout: 30_000 }, () => {
  test("prints the impact per territory", () => {
    const result = importFile(MOVES, "--dry-run", "--as-of", "2027-01-01");

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'moves.csv -> plan "South" (south): 4 row(s), 3 unit(s) move, 1 skipped.',
        "Overrides in effect on 2027-01-01: 0 account(s) pinned to their override territory, so their counties move without them.",
        "",
        "territory     counties +/-  accounts +/-  potential gained  potential lost  net potential",
        "East               +1 / -1       +1 / -2              7.00          100.30         -93.30",
        "West               +1 / -1       +2 / -1            100.30         2500.00       -2399.70",
        "(unassigned)       +1 / -1       +1 / -1           2500.00            7.00        2493.00",
        "",
        "Skipped 1 unit(s) of locked territories:",
        "  Frozen is locked: 01005",
        "",
        "Dry run: nothing was changed.",
        "",
      ].join("\n"),
    );
    expect(storedAssignments().get("01001")).toBe("t-east");
  });

  test("pinned account stays out of the impact", () => {
    // Given a1 (100.10, in 01001) pinned to West during 2027, and two pins
    // that the figures ignore
    storeOverrides(data.dataDir, "south", [
      {
        accountId: "a1",
        territoryId: "t-west",
        effectiveFrom: "2027-01-01",
        effectiveTo: "2027-12-31",
      },
      {
        accountId: "a-gone",
        territoryId: "t-east",
        effectiveFrom: null,
        effectiveTo: null,
      },
      // Into a territory deleted on another replica: a3 moves with 01003.
      {
        accountId: "a3",
        territoryId: "t-deleted",
        effectiveFrom: null,
        effectiveTo: null,
      },
    ]);

    // When 01001 moves from East to West while the pin is in effect
    const result = importFile(MOVES, "--dry-run", "--as-of", "2027-12-31");

    // Then East loses only a2 (0.20) with the county, and West gains only a2
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n").slice(0, 9)).toEqual([
      'moves.csv -> plan "South" (south): 4 row(s), 3 unit(s) move, 1 skipped.',
      "Overrides in effect on 2027-12-31: 1 account(s) pinned to their override territory, so their counties move without them.",
      '  Ignored the override of account "a-gone": the accounts dataset has no such account.',
      '  Ignored the override of account "a3": territory "t-deleted" is missing or is a region.',
      "",
      "territory     counties +/-  accounts +/-  potential gained  potential lost  net potential",
      "East               +1 / -1       +1 / -1              7.00            0.20           6.80",
      "West               +1 / -1       +1 / -1              0.20         2500.00       -2499.80",
      "(unassigned)       +1 / -1       +1 / -1           2500.00            7.00        2493.00",
    ]);
  });

  test("pin outside its dates moves with its county", () => {
    storeOverrides(data.dataDir, "south", [
      {
        accountId: "a1",
        territoryId: "t-west",
        effectiveFrom: "2027-01-01",
        effectiveTo: "2027-12-31",
      },
    ]);

    const result = importFile(MOVES, "--dry-run", "--as-of", "2028-01-01");

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "Overrides in effect on 2028-01-01: 0 account(s) pinned",
    );
    expect(result.stdout).toContain(
      "East               +1 / -1       +1 / -2              7.00          100.30         -93.30",
    );
  });

  test("--as-of defaults to today in UTC", () => {
    const today = new Date().toISOString().slice(0, 10);

    const result = importFile(MOVES, "--dry-run");

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Overrides in effect on ${today}:`);
  });

  test("invalid --as-of is a usage error", () => {
    const result = importFile(MOVES, "--as-of", "27-01-01");

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--as-of "27-01-01" is not a date written as YYYY-MM-DD',
    );
    expect(storedAssignments().get("01001")).toBe("t-east");
  });

  test("applies moves and unassigns empty territories", () => {
    const result = importFile(MOVES);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `Applied 3 move(s) to ${data.file("meridian.db")}.`,
    );
    expect(storedAssignments()).toEqual(
      new Map([
        ["01001", "t-west"],
        ["01005", "t-lock"],
        ["01007", "t-east"],
      ]),
    );
  });

  test("second run changes nothing", () => {
    importFile(MOVES);
    const storage = Storage.open(data.dataDir, { readonly: true });
    const updates = storage.countUpdates("south");
    storage.close();

    const result = importFile(MOVES);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain("0 unit(s) move");
    expect(result.stdout).toContain("Nothing to change.");
    const after = Storage.open(data.dataDir, { readonly: true });
    expect(after.countUpdates("south")).toBe(updates);
    after.close();
  });

  test("bad lines import nothing", () => {
    const result = importFile(
      "unit_id,territory\n01003,East\n1001,West\n01007,Nowhere\n01003,West\n",
    );

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      "meridian import: moves.csv has 3 invalid line(s), so nothing was imported:".replace(
        "moves.csv",
        data.file("moves.csv"),
      ),
      '  line 3: unit id "1001" looks stripped of its leading zeros; the unit is "01001". Store the unit_id column as text (a spreadsheet drops the zeros of numbers) and write the file again',
      '  line 4: unknown territory "Nowhere"; the plan has "East", "Frozen", "West"',
      '  line 5: unit "01003" is already assigned on line 2; keep one row per unit',
      "Fix these lines and run again.",
      "",
    ]);
    expect(storedAssignments().get("01003")).toBe("t-west");
  });

  test("missing file and options are usage errors", () => {
    expect(importFile(MOVES, "--token", "x").status).toBe(2);
    expect(
      runCli(["import", "assignments", "--plan", "south"]).stderr,
    ).toContain("Missing the CSV file.");
    expect(runCli(["import", "accounts", "x.csv"]).status).toBe(2);
    const missing = runCli([
      "import",
      "assignments",
      data.file("none.csv"),
      "--plan",
      "south",
      "--data-dir",
      data.dataDir,
    ]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("Cannot read");
  });
});
