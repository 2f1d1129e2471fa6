import type {
  PayKpiInput,
  PlanKpiInput,
  QuotaFigure,
} from "../../../model/insights/types.ts";

const quota = (
  nodeId: string,
  level: QuotaFigure["level"],
  parentId: string | null,
  annual: string,
): QuotaFigure => ({ nodeId, name: nodeId, level, parentId, annual });

/** Returns a company, one region, three territories (one without quota) and three reps. */
export function planFixture(): PlanKpiInput {
  return {
    quotas: [
      quota("company", "company", null, "1000.00"),
      quota("r1", "region", "company", "1100.00"),
      quota("t1", "territory", "r1", "600.00"),
      quota("t2", "territory", "r1", "610.00"),
      quota("rep-a", "rep", "t1", "330.00"),
      quota("rep-b", "rep", "t1", "330.00"),
      quota("rep-c", "rep", "t2", "671.00"),
    ],
    companyTargetCents: 95_000,
    territories: [
      {
        id: "t1",
        name: "t1",
        regionId: "r1",
        potentialCents: 300_000,
        workloadTenths: 120,
        accounts: 4,
        reps: 2,
        openSeats: 1,
      },
      {
        id: "t2",
        name: "t2",
        regionId: "r1",
        potentialCents: 100_000,
        workloadTenths: 80,
        accounts: 2,
        reps: 1,
        openSeats: 0,
      },
      {
        id: "t3",
        name: "t3",
        regionId: null,
        potentialCents: 0,
        workloadTenths: 0,
        accounts: 0,
        reps: 0,
        openSeats: 2,
      },
    ],
    regionNames: { r1: "r1" },
    unassignedPotentialCents: 100_000,
    quotaAdjustments: 2,
    accountOverrides: 3,
  };
}

/** Returns four statements, two reps with a quota and one without, three disputes. */
export function payFixture(): PayKpiInput {
  return {
    statements: [
      { statementId: "s1", repId: "rep-a", disputed: true, adjusted: false },
      { statementId: "s2", repId: "rep-a", disputed: false, adjusted: true },
      { statementId: "s3", repId: "rep-b", disputed: true, adjusted: true },
      { statementId: "s4", repId: "rep-c", disputed: false, adjusted: false },
    ],
    reps: [
      {
        repId: "rep-a",
        name: "A",
        quotaCents: 100_000,
        creditedCents: 120_000,
        payoutCents: 15_000,
        targetPayoutCents: 10_000,
      },
      {
        repId: "rep-b",
        name: "B",
        quotaCents: 100_000,
        creditedCents: 80_000,
        payoutCents: 6_000,
        targetPayoutCents: 10_000,
      },
      {
        repId: "rep-x",
        name: "X",
        quotaCents: 0,
        creditedCents: 5_000,
        payoutCents: 1_000,
        targetPayoutCents: 0,
      },
    ],
    bookedCents: 200_000,
    revenueCents: 1_000_000,
    disputes: [
      { disputeId: "d1", openedOn: "2026-01-01", resolvedOn: "2026-01-04" },
      { disputeId: "d2", openedOn: "2026-02-27", resolvedOn: "2026-03-03" },
      { disputeId: "d3", openedOn: "2026-03-10", resolvedOn: null },
    ],
  };
}
