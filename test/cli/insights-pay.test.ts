import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { unavailablePayKpis } from "../../model/insights/pay-kpis.ts";
import { computeInsights } from "../../model/insights/insights.ts";
import type {
  Kpi,
  PayKpiInput,
  PlanKpiInput,
} from "../../model/insights/types.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  createFixture,
  startTestServer,
  type Fixture,
} from "../sync-server/helpers.ts";
import { insightsPath, insightsTeam } from "../sync-server/insights-fixture.ts";
import { call, PAY_PLAN } from "../sync-server/pay/pay-fixture.ts";
import { writeJsonFiles } from "./cli-fixture.ts";
import { runCliOnData } from "./run-cli.ts";

const PAY_KPI_IDS = new Set(unavailablePayKpis().map((kpi) => kpi.id));

const EMPTY_PLAN: PlanKpiInput = {
  quotas: [],
  companyTargetCents: null,
  territories: [],
  regionNames: {},
  unassignedPotentialCents: 0,
  quotaAdjustments: 0,
  accountOverrides: 0,
};

let fixture: Fixture;
let server: RunningServer | null;

beforeEach(async () => {
  fixture = createFixture();
  server = await startTestServer(fixture);
  // The CLI's plan-side KPIs read units.json and accounts.json of the public folder.
  writeJsonFiles(fixture.publicDataDir, {
    "units.json": {
      units: ["01001", "01003"].map((id) => ({ id, population: 1 })),
    },
    "accounts.json": { accounts: [] },
  });
});

afterEach(async () => {
  await server?.close();
  fixture.remove();
});

function payKpis(kpis: Kpi[]): Kpi[] {
  return kpis.filter((kpi) => PAY_KPI_IDS.has(kpi.id));
}

function cliKpis(): Kpi[] {
  const result = runCliOnData(
    fixture,
    "insights",
    "--plan",
    PAY_PLAN,
    "--format",
    "json",
  );
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Kpi[];
}

// Each test spawns the CLI, which takes seconds on a loaded machine.
describe("meridian insights pay KPIs", { timeout: 60_000 }, () => {
  test("equal the endpoint's figures", async () => {
    const team = await insightsTeam(server!);
    const reply = await call(server!, "GET", insightsPath("/pay"), {
      token: team.admin,
    });
    expect(reply.status).toBe(200);
    const input = reply.body.input as PayKpiInput;
    await server!.close();
    server = null;

    const fromCli = payKpis(cliKpis());
    const fromEndpoint = payKpis(computeInsights(EMPTY_PLAN, input));
    expect(fromCli.map((kpi) => kpi.id)).toEqual([...PAY_KPI_IDS]);
    expect(fromCli).toEqual(fromEndpoint);
    const credit = fromCli.find((kpi) => kpi.id === "credit-to-bookings");
    expect(credit?.value).toBe("100.0");
  });

  test("read while the server runs", async () => {
    await insightsTeam(server!);
    const disputed = cliKpis().find((kpi) => kpi.id === "statements-disputed");
    expect(disputed?.value).toBe("2");
  });
});
