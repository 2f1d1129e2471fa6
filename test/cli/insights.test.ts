import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Kpi } from "../../model/insights/types.ts";
import { createPlan } from "../../sync-server/plans.ts";
import { Storage } from "../../sync-server/storage.ts";
import { planningFixture } from "../model/planning/fixture.ts";
import { ACCOUNTS } from "../model/versions/fixture.ts";
import { runCli } from "./run-cli.ts";

const territory = (name: string, parentId: string | null) => ({
  name,
  color: "#1f77b4",
  parentId,
  ownerId: null,
  locked: false,
  kind: parentId === null ? ("region" as const) : ("territory" as const),
});

let dataDir: string;
let publicDataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-insights-"));
  publicDataDir = path.join(dataDir, "public");
  fs.mkdirSync(publicDataDir);
  fs.writeFileSync(
    path.join(publicDataDir, "accounts.json"),
    JSON.stringify({
      accounts: ACCOUNTS.map((a) => ({ ...a, segment: "county" })),
    }),
  );
  const units = ["25025", "36047", "36061", "53033"];
  fs.writeFileSync(
    path.join(publicDataDir, "units.json"),
    JSON.stringify({ units: units.map((id) => ({ id, population: 1 })) }),
  );

  // County 36047 (Delta, 200,000.00 of potential) stays unassigned.
  const storage = Storage.open(dataDir);
  createPlan(storage, {
    planId: "acme",
    name: "Acme",
    territories: [
      { id: "east", ...territory("East", null) },
      { id: "west", ...territory("West", null) },
      { id: "bos", ...territory("Boston", "east") },
      { id: "nyc", ...territory("New York", "east") },
      { id: "sea", ...territory("Seattle", "west") },
    ],
    assignments: [
      ["25025", "bos"],
      ["36061", "nyc"],
      ["53033", "sea"],
    ],
    planning: planningFixture(),
  });
  storage.close();
});

afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function insights(...extra: string[]) {
  return runCli([
    "insights",
    "--plan",
    "acme",
    "--data-dir",
    dataDir,
    "--public-data-dir",
    publicDataDir,
    ...extra,
  ]);
}

// Each test spawns the CLI, which takes seconds on a loaded machine.
describe("meridian insights", { timeout: 60_000 }, () => {
  test("writes JSON KPIs of the stored plan", () => {
    const result = insights("--format", "json");

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const kpis = JSON.parse(result.stdout) as Kpi[];
    const values = Object.fromEntries(kpis.map((k) => [k.id, k.value]));
    expect(values).toEqual({
      "quota-over-target": "0.0",
      "quota-over-assignment": "0.0",
      "quota-to-potential": "120.0",
      "potential-deviation-max": "40.0",
      "potential-deviation-sd": "28.3",
      "workload-deviation-max": "0.0",
      "workload-deviation-sd": "0.0",
      "accounts-per-rep": "1.0",
      "potential-per-rep": "333333.33",
      "unassigned-potential": "200000.00",
      "open-headcount": "1",
      "quota-adjustments": "0",
      "account-overrides": "0",
      // The plan has no comp plan and no deals, so no statements: counts
      // are 0 and ratios have no base.
      "statements-disputed": "0",
      "statements-adjusted": "0",
      "credit-to-bookings": "not available",
      "payout-to-attainment": "not available",
      "cost-of-sales": "not available",
      "reps-at-quota": "not available",
      "disputes-open": "0",
      "dispute-resolve-days": "not available",
    });
  });

  test("writes CSV rows with traces", () => {
    const out = path.join(dataDir, "kpis.csv");
    const result = insights("--out", out);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = fs.readFileSync(out, "utf8").split("\n");
    expect(lines[0]).toBe("kpi,label,level,id,name,value,unit,trace");
    expect(lines).toContain(
      'quota-to-potential,Quota to potential,territory,nyc,New York,120.0,percent,"Quota to potential New York = 120.0: quota / potential x 100 (quota 240000.00, potential 200000.00)"',
    );
    expect(lines).toContain(
      'potential-deviation-max,Max potential deviation,territory,nyc,New York,-40.0,percent,"Potential deviation New York = -40.0: (potential x territories - total) / total x 100 (potential 200000.00, territories 3, total potential 1000000.00)"',
    );
  });

  test("missing plan option", () => {
    const result = runCli(["insights", "--data-dir", dataDir]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Missing --plan.");
  });

  test("unknown format", () => {
    const result = insights("--format", "xlsx");

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown format "xlsx"');
  });

  test("unknown plan", () => {
    const result = runCli([
      "insights",
      "--plan",
      "nope",
      "--data-dir",
      dataDir,
      "--public-data-dir",
      publicDataDir,
    ]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("nope");
  });
});
