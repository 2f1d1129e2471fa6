import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  creditToBookings,
  disputeKpis,
  incentiveKpis,
} from "../../model/insights/pay-kpis.ts";
import type { PayKpiInput } from "../../model/insights/types.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  createFixture,
  startTestServer,
  testToken,
  type Fixture,
} from "./helpers.ts";
import { insightsPath, insightsTeam } from "./insights-fixture.ts";
import { ANA, BEN, call, PAY_PLAN, type PayTeam } from "./pay/pay-fixture.ts";

let fixture: Fixture;
let server: RunningServer;
let team: PayTeam;

beforeEach(async () => {
  fixture = createFixture();
  server = await startTestServer(fixture);
  team = await insightsTeam(server);
});

afterEach(async () => {
  await server.close();
  fixture.remove();
});

async function payInsights(
  token: string,
): Promise<{ scope: string; input: PayKpiInput }> {
  const reply = await call(server, "GET", insightsPath("/pay"), { token });
  expect(reply.status).toBe(200);
  return reply.body;
}

function repIdsOf(input: PayKpiInput): string[] {
  return [...new Set(input.statements.map((s) => s.repId))];
}

// Each AE's quota is 600,000.00 a year. The comp plan pays 10% and a 500.00
// bonus per month at 100%, so the on-target payout is 66,000.00.
const ANA_FIGURE = {
  repId: ANA,
  name: "Ana Ribeiro",
  quotaCents: 60_000_000,
  creditedCents: 6_000_000,
  primaryCreditedCents: 6_000_000,
  payoutCents: 650_000,
  targetPayoutCents: 6_600_000,
};
// 20,000.00 EUR at 1.10 plus 10,000.00 USD, 10% of it, and the adjustment.
const BEN_FIGURE = {
  repId: BEN,
  name: "Ben Okafor",
  quotaCents: 60_000_000,
  creditedCents: 3_200_000,
  primaryCreditedCents: 3_200_000,
  payoutCents: 340_000,
  targetPayoutCents: 6_600_000,
};
const ANA_DISPUTE = {
  disputeId: "dispute-ana",
  openedOn: "2027-01-25",
  resolvedOn: null,
};
const BEN_DISPUTE = {
  disputeId: "dispute-ben",
  openedOn: "2027-01-28",
  resolvedOn: "2027-02-03",
};

describe("pay insights scope", () => {
  test("administrator gets every rep", async () => {
    const { scope, input } = await payInsights(team.admin);
    expect(scope).toBe("all");
    expect(repIdsOf(input)).toEqual([ANA, BEN]);
    expect(input.statements).toHaveLength(24);
    expect(input.reps).toEqual([ANA_FIGURE, BEN_FIGURE]);
    expect(input.disputes).toEqual([ANA_DISPUTE, BEN_DISPUTE]);
  });

  test("manager gets only their team", async () => {
    const { scope, input } = await payInsights(team.mia);
    expect(scope).toBe("team");
    expect(repIdsOf(input)).toEqual([BEN]);
    expect(input.reps).toEqual([BEN_FIGURE]);
    expect(input.disputes).toEqual([BEN_DISPUTE]);
    expect(input.bookedCents).toBe(3_200_000);
    expect(input.revenueCents).toBe(3_200_000);
  });

  test("rep gets only themselves", async () => {
    const { scope, input } = await payInsights(team.ana);
    expect(scope).toBe("self");
    expect(repIdsOf(input)).toEqual([ANA]);
    expect(input.reps).toEqual([ANA_FIGURE]);
    expect(input.disputes).toEqual([ANA_DISPUTE]);
    // Ana's primary credit, less the 10,000.00 her February cancellation takes back.
    expect(input.bookedCents).toBe(6_000_000);
    expect(input.revenueCents).toBe(5_000_000);
  });

  test("viewer without pay access gets 403", async () => {
    const viewer = await testToken("viewer", { plan: PAY_PLAN });
    const reply = await call(server, "GET", insightsPath("/pay"), {
      token: viewer,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("PAY_ACCESS_REQUIRED");
    expect(reply.body.error.message).toContain(
      "Only incentives administrators and people linked to a rep",
    );
  });

  test("missing token gets 401", async () => {
    const reply = await call(server, "GET", insightsPath("/pay"));
    expect(reply.status).toBe(401);
    expect(typeof reply.body.error.message).toBe("string");
  });
});

describe("pay insights figures", () => {
  test("statements flag disputes and adjustments", async () => {
    const { input } = await payInsights(team.admin);
    const disputed = input.statements.filter((s) => s.disputed);
    const adjusted = input.statements.filter((s) => s.adjusted);
    expect(disputed.map((s) => s.statementId)).toEqual([
      "rep-ana/FY2027-M01",
      "rep-ben/FY2027-M01",
    ]);
    expect(adjusted.map((s) => s.statementId)).toEqual(["rep-ben/FY2027-M01"]);
  });

  test("bookings cover the fiscal year only", async () => {
    const { input } = await payInsights(team.admin);
    // 60,000.00 + 22,000.00 + 10,000.00 closed in January 2027; the
    // December 2026 sale is before the year.
    expect(input.bookedCents).toBe(9_200_000);
    // Less the 10,000.00 cancellation of February 2027.
    expect(input.revenueCents).toBe(8_200_000);
  });

  test("KPIs match the hand-checked values", async () => {
    const { input } = await payInsights(team.admin);
    expect(creditToBookings(input).value).toBe("100.0");
    const [payoutToAttainment, costOfSales, atQuota] = incentiveKpis(input);
    // (9,900.00 / 132,000.00) / (92,000.00 / 1,200,000.00) = 0.978...
    expect(payoutToAttainment.value).toBe("0.98");
    // 9,900.00 / 82,000.00 x 100 = 12.07...
    expect(costOfSales.value).toBe("12.1");
    expect(atQuota.value).toBe("0.0");
    const [open, resolveDays] = disputeKpis(input);
    expect(open.value).toBe("1");
    expect(resolveDays.value).toBe("6.0");
  });
});
