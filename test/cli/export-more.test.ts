import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { createPlan } from "../../sync-server/plans.ts";
import {
  storePlan,
  territory,
  useDataDir,
  withStorage,
} from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const account = (
  id: string,
  name: string,
  unitId: string,
  potential: string,
) => ({
  id,
  name,
  unitId,
  segment: id.startsWith("city-") ? "city" : "county",
  state: "AL",
  population: 1,
  potential,
  lon: -86.6,
  lat: 32.5,
});

const data = useDataDir("meridian-export-more-", {
  "accounts.json": {
    generated: false,
    accounts: [
      account("county-01001", "Autauga County", "01001", "29743.50"),
      account("city-4084796", 'Prattville, "City"', "01001", "28336.00"),
      account("county-01003", "Baldwin County", "01003", "115111.10"),
      account("county-01005", "Barbour County", "01005", "0.00"),
    ],
  },
});

beforeEach(() => {
  withStorage(data.dataDir, (storage) => {
    createPlan(storage, {
      planId: "south",
      name: "South",
      territories: [
        territory("aaaaaaaa-1", "Gulf", { ownerId: "person-ada" }),
        territory("bbbbbbbb-2", "Gulf", { ownerId: "person-gone" }),
      ],
      assignments: [
        ["01001", "aaaaaaaa-1"],
        ["01003", "bbbbbbbb-2"],
      ],
    });
    storage.people.insert({
      planId: "south",
      personId: "person-ada",
      name: "Ada Park",
      role: "editor",
      inviteId: null,
      joinedAt: 1,
    });
  });
});

// Adds a plan whose one territory, North, owns Baldwin County.
function addPlan(planId: string, datasets: Record<string, string>) {
  storePlan(data.dataDir, {
    planId,
    name: "North",
    datasets,
    territories: [territory("cccccccc-3", "North")],
    assignments: [["01003", "cccccccc-3"]],
  });
}

describe("meridian export accounts", () => {
  test("writes every account with its territory and owner", () => {
    const result = data.run("export", "accounts", "--plan", "south");

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        "account_id,name,unit_id,segment,potential,territory,owner,longitude,latitude",
        "county-01001,Autauga County,01001,county,29743.50,Gulf (aaaaaaaa),Ada Park,-86.6,32.5",
        'city-4084796,"Prattville, ""City""",01001,city,28336.00,Gulf (aaaaaaaa),Ada Park,-86.6,32.5',
        // An owner who is no longer a member is written as the person id.
        "county-01003,Baldwin County,01003,county,115111.10,Gulf (bbbbbbbb),person-gone,-86.6,32.5",
        "county-01005,Barbour County,01005,county,0.00,,,-86.6,32.5",
        "",
      ].join("\n"),
    );
  });

  test("writes --out file", () => {
    const out = data.file("accounts.csv");

    const result = data.run(
      "export",
      "accounts",
      "--plan",
      "south",
      "--out",
      out,
    );

    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(fs.readFileSync(out, "utf8").split("\n")[4]).toBe(
      "county-01005,Barbour County,01005,county,0.00,,,-86.6,32.5",
    );
  });

  test("missing accounts.json names the file", () => {
    const result = runCli([
      "export",
      "accounts",
      "--plan",
      "south",
      "--data-dir",
      data.dataDir,
      "--public-data-dir",
      data.dataDir,
    ]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `Cannot read ${data.file("accounts.json")}`,
    );
    expect(result.stderr).toContain("--public-data-dir");
  });

  test("reads the accounts an import uploaded", () => {
    // Given a plan that names an uploaded accounts dataset by its hash
    const uploaded = JSON.stringify({
      generated: false,
      accounts: [account("ext-7", "Acme", "01003", "12.50")],
    });
    const sha256 = createHash("sha256").update(uploaded).digest("hex");
    fs.mkdirSync(data.file("datasets"));
    fs.writeFileSync(
      path.join(data.dataDir, "datasets", `${sha256}.json`),
      uploaded,
    );
    addPlan("north", { accounts: sha256 });

    // When its accounts are exported
    const result = data.run("export", "accounts", "--plan", "north");

    // Then the uploaded accounts are written, not the public ones
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      [
        "account_id,name,unit_id,segment,potential,territory,owner,longitude,latitude",
        "ext-7,Acme,01003,county,12.50,North,,-86.6,32.5",
        "",
      ].join("\n"),
    );
  });

  test("a dataset found nowhere names its hash", () => {
    const sha256 = "ab".repeat(32);
    addPlan("north", { accounts: sha256 });

    const result = data.run("export", "accounts", "--plan", "north");

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `The plan names the accounts dataset ${sha256}, which is neither`,
    );
  });

  test("unknown plan exits 1", () => {
    const result = data.run("export", "accounts", "--plan", "north");

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
  });

  test("assignments rejects --public-data-dir", () => {
    const result = data.run("export", "assignments", "--plan", "south");

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "export assignments does not read --public-data-dir",
    );
  });
});
