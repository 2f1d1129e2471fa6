import { describe, expect, test } from "vitest";
import { computeInsights } from "../../../model/insights/insights.ts";
import type { Kpi } from "../../../model/insights/types.ts";
import { makeTrace } from "../../../model/trace.ts";
import {
  groupKpis,
  KPI_THEMES,
  PAY_KPI_IDS,
} from "../../../web/dashboard/kpi-themes.ts";
import { planFixture } from "../../model/insights/fixture.ts";

describe("groupKpis", () => {
  const kpis = computeInsights(planFixture());

  test("every KPI has a theme", () => {
    const groups = groupKpis(kpis);
    expect(groups.map((g) => g.id)).toEqual(KPI_THEMES.map((t) => t.id));
    const placed = groups.flatMap((g) => g.kpis.map((k) => k.id));
    expect(placed.sort()).toEqual(kpis.map((k) => k.id).sort());
  });

  test("theme order and members", () => {
    const groups = groupKpis(kpis);
    expect(groups[0].kpis.map((k) => k.id)).toEqual([
      "quota-over-target",
      "quota-over-assignment",
      "quota-to-potential",
    ]);
    expect(groups[4].kpis.map((k) => k.id)).toEqual([
      "quota-adjustments",
      "account-overrides",
      "disputes-open",
      "dispute-resolve-days",
    ]);
  });

  test("unknown KPI goes to Other", () => {
    const extra: Kpi = {
      id: "new-kpi",
      label: "New",
      value: "1",
      unit: "count",
      definition: "A KPI the themes do not list yet.",
      trace: makeTrace("New", "1", "count", {}),
      breakdown: [],
    };
    const groups = groupKpis([...kpis, extra]);
    expect(groups.at(-1)?.label).toBe("Other");
    expect(groups.at(-1)?.kpis.map((k) => k.id)).toEqual(["new-kpi"]);
  });
});

describe("PAY_KPI_IDS", () => {
  test("lists the pay-side KPIs", () => {
    expect([...PAY_KPI_IDS].sort()).toEqual([
      "cost-of-sales",
      "credit-to-bookings",
      "dispute-resolve-days",
      "disputes-open",
      "payout-to-attainment",
      "reps-at-quota",
      "statements-adjusted",
      "statements-disputed",
    ]);
  });
});
