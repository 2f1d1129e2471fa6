import fs from "node:fs";
import { beforeEach, describe, expect, test } from "vitest";
import type { Kpi } from "../../model/insights/types.ts";
import { planningFixture } from "../model/planning/fixture.ts";
import { ACME_ACCOUNTS_FILE, ACME_TERRITORIES } from "./acme-plan.ts";
import { storePlan, useDataDir } from "./cli-fixture.ts";
import { runCli } from "./run-cli.ts";

const data = useDataDir("meridian-insights-", {
  "accounts.json": ACME_ACCOUNTS_FILE,
  "units.json": {
    units: ["25025", "36047", "36061", "53033"].map((id) => ({
      id,
      population: 1,
    })),
  },
});

beforeEach(() => {
  // County 36047 (Delta, 200,000.00 of potential) stays unassigned.
  storePlan(data.dataDir, {
    planId: "acme",
    name: "Acme",
    territories: ACME_TERRITORIES,
    assignments: [
      ["25025", "bos"],
      ["36061", "nyc"],
      ["53033", "sea"],
    ],
    planning: planningFixture(),
  });
});

function insights(...extra: string[]) {
  return data.run("insights", "--plan", "acme", ...extra);
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
    const out = data.file("kpis.csv");
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
    const result = runCli(["insights", "--data-dir", data.dataDir]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Missing --plan.");
  });

  test("unknown format", () => {
    const result = insights("--format", "xlsx");

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown format "xlsx"');
  });

  test("unknown plan", () => {
    const result = data.run("insights", "--plan", "nope");

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("nope");
  });
});
