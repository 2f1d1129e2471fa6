import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  createFixture,
  startTestServer,
  testToken,
  type Fixture,
} from "./helpers.ts";
import {
  INSIGHTS_DEALS,
  insightsPath,
  insightsTeam,
} from "./insights-fixture.ts";
import { call, PAY_PLAN, type PayTeam } from "./pay/pay-fixture.ts";

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

interface BookingsReply {
  scope: string;
  currency: string;
  territories: {
    territoryId: string;
    name: string;
    bookings: Record<string, number>;
  }[];
}

async function bookings(token: string): Promise<BookingsReply> {
  const reply = await call(server, "GET", insightsPath("/bookings"), {
    token,
  });
  expect(reply.status).toBe(200);
  return reply.body;
}

/** Sales of the deals file in USD cents, EUR at the plan's 1.10. */
function salesCents(): number {
  const rates: Record<string, number> = { USD: 100, EUR: 110 };
  let total = 0;
  for (const line of INSIGHTS_DEALS.split("\n").slice(1)) {
    const [, , amount, currency] = line.split(",");
    if (amount.startsWith("-")) continue;
    total += Math.round(Number(amount) * rates[currency]);
  }
  return total;
}

describe("territory bookings", () => {
  test("administrator gets every sale by month", async () => {
    const reply = await bookings(team.admin);
    expect(reply.scope).toBe("all");
    expect(reply.currency).toBe("USD");
    expect(reply.territories).toEqual([
      {
        territoryId: "t-south",
        name: "South",
        bookings: { "2026-12": 500_000, "2027-01": 9_200_000 },
      },
    ]);
  });

  test("sums equal the deals' amounts", async () => {
    const reply = await bookings(team.admin);
    const sum = reply.territories
      .flatMap((t) => Object.values(t.bookings))
      .reduce((a, b) => a + b, 0);
    expect(sum).toBe(salesCents());
    expect(sum).toBe(9_700_000);
  });

  test("manager gets only their team's credit", async () => {
    const reply = await bookings(team.mia);
    expect(reply.scope).toBe("team");
    expect(reply.territories).toEqual([
      {
        territoryId: "t-south",
        name: "South",
        bookings: { "2027-01": 3_200_000 },
      },
    ]);
  });

  test("rep gets only their own credit", async () => {
    const reply = await bookings(team.ana);
    expect(reply.scope).toBe("self");
    expect(reply.territories).toEqual([
      {
        territoryId: "t-south",
        name: "South",
        bookings: { "2026-12": 500_000, "2027-01": 6_000_000 },
      },
    ]);
  });

  test("viewer without pay access gets 403", async () => {
    const viewer = await testToken("viewer", { plan: PAY_PLAN });
    const reply = await call(server, "GET", insightsPath("/bookings"), {
      token: viewer,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("PAY_ACCESS_REQUIRED");
  });

  test("missing token gets 401", async () => {
    const reply = await call(server, "GET", insightsPath("/bookings"));
    expect(reply.status).toBe(401);
  });
});
