import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createPlan } from "../../sync-server/plans.ts";
import { Storage } from "../../sync-server/storage.ts";
import { runCli } from "./run-cli.ts";

const territory = (id: string, name: string, ownerId: string | null) => ({
  id,
  name,
  color: "#1f77b4",
  parentId: null,
  ownerId,
  locked: false,
  kind: "territory" as const,
});

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

let dataDir: string;
let publicDataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-export-more-"));
  publicDataDir = path.join(dataDir, "public");
  fs.mkdirSync(publicDataDir);
  fs.writeFileSync(
    path.join(publicDataDir, "accounts.json"),
    JSON.stringify({
      generated: false,
      accounts: [
        account("county-01001", "Autauga County", "01001", "29743.50"),
        account("city-4084796", 'Prattville, "City"', "01001", "28336.00"),
        account("county-01003", "Baldwin County", "01003", "115111.10"),
        account("county-01005", "Barbour County", "01005", "0.00"),
      ],
    }),
  );

  const storage = Storage.open(dataDir);
  createPlan(storage, {
    planId: "south",
    name: "South",
    territories: [
      territory("aaaaaaaa-1", "Gulf", "person-ada"),
      territory("bbbbbbbb-2", "Gulf", "person-gone"),
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
  storage.close();
});

afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// Adds a plan whose one territory, North, owns Baldwin County.
function addPlan(planId: string, datasets: Record<string, string>) {
  const storage = Storage.open(dataDir);
  createPlan(storage, {
    planId,
    name: "North",
    datasets,
    territories: [territory("cccccccc-3", "North", null)],
    assignments: [["01003", "cccccccc-3"]],
  });
  storage.close();
}

describe("meridian export accounts", () => {
  test("writes every account with its territory and owner", () => {
    const result = runCli([
      "export",
      "accounts",
      "--plan",
      "south",
      "--data-dir",
      dataDir,
      "--public-data-dir",
      publicDataDir,
    ]);

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
    const out = path.join(dataDir, "accounts.csv");

    const result = runCli([
      "export",
      "accounts",
      "--plan",
      "south",
      "--data-dir",
      dataDir,
      "--public-data-dir",
      publicDataDir,
      "--out",
      out,
    ]);

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
      dataDir,
      "--public-data-dir",
      dataDir,
    ]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `Cannot read ${path.join(dataDir, "accounts.json")}`,
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
    fs.mkdirSync(path.join(dataDir, "datasets"));
    fs.writeFileSync(
      path.join(dataDir, "datasets", `${sha256}.json`),
      uploaded,
    );
    addPlan("north", { accounts: sha256 });

    // When its accounts are exported
    const result = runCli([
      "export",
      "accounts",
      "--plan",
      "north",
      "--data-dir",
      dataDir,
      "--public-data-dir",
      publicDataDir,
    ]);

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

    const result = runCli([
      "export",
      "accounts",
      "--plan",
      "north",
      "--data-dir",
      dataDir,
      "--public-data-dir",
      publicDataDir,
    ]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `The plan names the accounts dataset ${sha256}, which is neither`,
    );
  });

  test("unknown plan exits 1", () => {
    const result = runCli([
      "export",
      "accounts",
      "--plan",
      "north",
      "--data-dir",
      dataDir,
      "--public-data-dir",
      publicDataDir,
    ]);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
  });

  test("assignments rejects --public-data-dir", () => {
    const result = runCli([
      "export",
      "assignments",
      "--plan",
      "south",
      "--data-dir",
      dataDir,
      "--public-data-dir",
      publicDataDir,
    ]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "export assignments does not read --public-data-dir",
    );
  });
});
