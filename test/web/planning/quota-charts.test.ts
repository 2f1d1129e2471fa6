import { describe, expect, it } from "vitest";
import { derivePlanning } from "../../../model/planning/derive.ts";
import {
  overAssignmentLevels,
  quotaPotentialRows,
} from "../../../web/planning/quota-charts.ts";
import {
  FIXTURE_CONTEXT,
  planningFixture,
} from "../../model/planning/fixture.ts";

function quotas(overAssignment: string) {
  const inputs = planningFixture();
  inputs.quota.levels.territory.overAssignmentPercent = overAssignment;
  return derivePlanning(inputs, FIXTURE_CONTEXT).quota!.quotas;
}

describe("overAssignmentLevels", () => {
  it("sums each level against its parents", () => {
    expect(overAssignmentLevels(quotas("10"))).toEqual([
      {
        level: "region",
        parentTotal: "1200000.00",
        childrenTotal: "1200000.00",
        percent: "0.0",
      },
      {
        level: "territory",
        parentTotal: "1200000.00",
        childrenTotal: "1320000.00",
        percent: "10.0",
      },
      {
        level: "rep",
        parentTotal: "1320000.00",
        childrenTotal: "1320000.00",
        percent: "0.0",
      },
    ]);
  });
});

describe("quotaPotentialRows", () => {
  it("pairs each territory's quota with its potential", () => {
    const rows = quotaPotentialRows(
      quotas("0"),
      FIXTURE_CONTEXT.potentialCents,
      (id) => (id === "bos" ? "Dana" : null),
    );

    expect(rows).toEqual([
      {
        id: "bos",
        name: "Boston",
        quota: "480000.00",
        potential: "400000.00",
        ownerName: "Dana",
      },
      {
        id: "nyc",
        name: "New York",
        quota: "240000.00",
        potential: "200000.00",
      },
      {
        id: "sea",
        name: "Seattle",
        quota: "480000.00",
        potential: "400000.00",
      },
    ]);
  });
});
