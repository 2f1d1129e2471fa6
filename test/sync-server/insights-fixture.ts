import type { RunningServer } from "../../sync-server/server.ts";
import {
  ANA,
  BEN,
  call,
  CREATOR,
  JANUARY_DEALS,
  PAY_PLAN,
  payPath,
  payTeam,
  type PayTeam,
} from "./pay/pay-fixture.ts";

export const JANUARY = "FY2027-M01";

/**
 * The January deals, a sale of Ana's closed before the fiscal year (so it
 * counts in bookings by month but not in the year's KPIs), and a February
 * cancellation of 10,000.00 of Ana's January sale.
 */
export const INSIGHTS_DEALS = [
  `${JANUARY_DEALS.split("\n")[0]},cancels`,
  ...JANUARY_DEALS.split("\n")
    .slice(1)
    .map((line) => `${line},`),
  "d-ana-0,acct-1,5000.00,USD,2026-12-15,Platform,rep-ana,rep-ana:100,",
  "d-ana-1x,acct-1,-10000.00,USD,2027-02-10,Platform,rep-ana,rep-ana:100,d-ana-1",
].join("\n");

/** Milliseconds of a UTC time, for dispute records with known dates. */
const at = (iso: string) => Date.parse(iso);

/**
 * Builds the hand-checked pay state: the pay team, the deals above and a
 * 200.00 adjustment on Ben's January statement. Ana's January statement
 * gets an open dispute raised 2027-01-25. Ben's gets a dispute raised
 * 2027-01-28 and resolved 2027-02-03, in UTC, which is the plan's zone.
 */
export async function insightsTeam(server: RunningServer): Promise<PayTeam> {
  const team = await payTeam(server);
  const deals = await call(server, "POST", payPath("/deals"), {
    token: team.admin,
    body: { csv: INSIGHTS_DEALS },
  });
  if (deals.status !== 200) {
    throw new Error(`Deals import failed: ${JSON.stringify(deals.body)}`);
  }
  const adjustment = await call(server, "POST", payPath("/adjustments"), {
    token: team.admin,
    body: { repId: BEN, periodId: JANUARY, amount: "200.00", reason: "Rate" },
  });
  if (adjustment.status !== 201) {
    throw new Error(`Adjustment failed: ${JSON.stringify(adjustment.body)}`);
  }

  const disputes = server.storage.pay.disputes;
  disputes.insert(PAY_PLAN, {
    id: "dispute-ana",
    repId: ANA,
    periodId: JANUARY,
    lineId: "commission",
    reason: "Missing deal",
    raisedBy: CREATOR,
    raisedAt: at("2027-01-25T10:00:00Z"),
  });
  disputes.insert(PAY_PLAN, {
    id: "dispute-ben",
    repId: BEN,
    periodId: JANUARY,
    lineId: "commission",
    reason: "EUR rate",
    raisedBy: CREATOR,
    raisedAt: at("2027-01-28T23:30:00Z"),
  });
  disputes.resolve(
    PAY_PLAN,
    "dispute-ben",
    "accepted",
    CREATOR,
    at("2027-02-03T01:00:00Z"),
  );
  return team;
}

/** Returns the insights API path of the test plan. */
export function insightsPath(rest: string): string {
  return `/api/plans/${PAY_PLAN}/insights${rest}`;
}
