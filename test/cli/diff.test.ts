import fs from "node:fs";
import { describe, expect, test, vi } from "vitest";
import { createPlan } from "../../sync-server/plans.ts";
import type { Storage } from "../../sync-server/storage.ts";
import { planningFixture } from "../model/planning/fixture.ts";
import { ACME_ACCOUNTS_FILE, ACME_TERRITORIES } from "./acme-plan.ts";
import { editStoredPlan, useDataDir, withStorage } from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const data = useDataDir("meridian-diff-", {
  "accounts.json": ACME_ACCOUNTS_FILE,
  "units.json": {
    units: [
      { id: "25025", name: "Suffolk", population: 1 },
      { id: "36047", name: "Kings", population: 1 },
      { id: "36061", name: "New York", population: 1 },
      { id: "53033", name: "King", population: 1 },
    ],
  },
});

/**
 * Stores plan "acme" with version "Baseline" (v-base), then repaints county
 * 36061 from New York to Boston and saves "Draft" (v-draft), then renames
 * Seattle, which only "now" contains.
 */
function storeAcme(): void {
  const { quota, ...planning } = planningFixture();
  withStorage(data.dataDir, (storage) => {
    createPlan(storage, {
      planId: "acme",
      name: "Acme",
      territories: ACME_TERRITORIES,
      assignments: [
        ["25025", "bos"],
        ["36047", "nyc"],
        ["36061", "nyc"],
        ["53033", "sea"],
      ],
      planning: { ...planning, quota: { levels: quota.levels } },
    });
    saveVersion(storage, "v-base", "Baseline", 1);

    editStoredPlan(storage, "acme", (plan) => plan.assign(["36061"], "bos"));
    saveVersion(storage, "v-draft", "Draft", 2);
    editStoredPlan(storage, "acme", (plan) =>
      plan.updateTerritory("sea", { name: "Seattle N" }),
    );
  });
}

function saveVersion(
  storage: Storage,
  id: string,
  name: string,
  createdAt: number,
): void {
  storage.versions.insert({
    id,
    planId: "acme",
    name,
    note: "",
    createdBy: "person-ada",
    createdAt,
  });
}

function diff(...args: string[]) {
  return data.run("diff", "--plan", "acme", "--as-of", "2027-06-01", ...args);
}

describe("meridian diff", () => {
  test("writes CSV from a version name to now", () => {
    storeAcme();

    const result = diff("--from", "Baseline", "--to", "now");

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      "kind,id,name,from,to,difference",
      "county,36061,New York,New York,Boston,",
      "account,a2,Beta,New York,Boston,",
      "territory-renamed,sea,Seattle N,Seattle,Seattle N,",
      "territory-quota,bos,Boston,400000.00,600000.00,200000.00",
      "territory-quota,nyc,New York,400000.00,200000.00,-200000.00",
      "rep-quota,ana,Ana,200000.00,300000.00,100000.00",
      "rep-quota,ben,Ben,200000.00,300000.00,100000.00",
      'rep-quota,h1#1,"Open seat 1: AE, Apr 2027",400000.00,200000.00,-200000.00',
      "",
    ]);
  });

  test("compares two versions by id as JSON", () => {
    storeAcme();

    const result = diff(
      "--from",
      "v-base",
      "--to",
      "v-draft",
      "--format",
      "json",
    );

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.asOf).toBe("2027-06-01");
    expect(output.counties).toEqual([
      {
        unitId: "36061",
        name: "New York",
        from: { id: "nyc", name: "New York", color: "#1f77b4" },
        to: { id: "bos", name: "Boston", color: "#1f77b4" },
      },
    ]);
    expect(output.territories).toEqual([]);
    expect(output.counts.territoryQuotas).toBe(2);
  });

  test("finds nothing between a version and itself", () => {
    storeAcme();

    const result = diff("--from", "Draft", "--to", "v-draft");

    expect(result.status).toBe(0);
    expect(result.stdout).toBe("kind,id,name,from,to,difference\n");
  });

  test("writes --out", () => {
    storeAcme();
    const out = data.file("diff.csv");

    const result = diff("--from", "Draft", "--to", "now", "--out", out);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(fs.readFileSync(out, "utf8")).toBe(
      [
        "kind,id,name,from,to,difference",
        "territory-renamed,sea,Seattle N,Seattle,Seattle N,",
        "",
      ].join("\n"),
    );
  });

  test("unknown version lists the versions", () => {
    storeAcme();

    const result = diff("--from", "Final", "--to", "now");

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--from "Final" is neither "now" nor a version of plan "acme".',
    );
    expect(result.stderr).toContain('v-draft  "Draft"');
    expect(result.stderr).toContain('v-base  "Baseline"');
  });

  test("ambiguous version name lists the ids", () => {
    storeAcme();
    withStorage(data.dataDir, (storage) =>
      saveVersion(storage, "v-draft-2", "Draft", 3),
    );

    const result = diff("--from", "v-base", "--to", "Draft");

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--to "Draft" names 2 versions of plan "acme": v-draft-2, v-draft.',
    );
  });

  test("unknown plan lists the plans", () => {
    storeAcme();

    const result = runCli([
      "diff",
      "--plan",
      "nope",
      "--from",
      "now",
      "--to",
      "now",
      "--data-dir",
      data.dataDir,
    ]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Plan "nope" does not exist');
    expect(result.stderr).toContain("Known plans: acme.");
  });

  test("rejects a missing --to", () => {
    const result = diff("--from", "now");

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Missing --to.");
  });

  test("rejects an unknown format", () => {
    const result = diff("--from", "now", "--to", "now", "--format", "xml");

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--format "xml" is not supported');
  });

  test("rejects an invalid --as-of", () => {
    const result = runCli([
      "diff",
      "--plan",
      "acme",
      "--from",
      "now",
      "--to",
      "now",
      "--as-of",
      "2027-13-01",
    ]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--as-of "2027-13-01" is not a date');
  });
});
