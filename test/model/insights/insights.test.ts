import { describe, expect, test } from "vitest";
import { computeInsights } from "../../../model/insights/insights.ts";
import { disputeKpis } from "../../../model/insights/pay-kpis.ts";
import { REP_NODES_INPUT } from "../../../model/insights/quota-alignment.ts";
import { NOT_AVAILABLE, type Kpi } from "../../../model/insights/types.ts";
import { describeTrace } from "../../../model/trace.ts";
import { payFixture, planFixture } from "./fixture.ts";

function kpi(list: Kpi[], id: string): Kpi {
  const found = list.find((k) => k.id === id);
  if (found === undefined) throw new Error(`KPI "${id}" not found.`);
  return found;
}

function rows(item: Kpi): Record<string, string> {
  return Object.fromEntries(item.breakdown.map((r) => [r.id, r.value]));
}

const all = computeInsights(planFixture(), payFixture());

describe("quota alignment", () => {
  test("quota over target", () => {
    const item = kpi(all, "quota-over-target");
    expect(item.value).toBe("5.3");
    expect(describeTrace(item.trace)).toBe(
      "Quota over target = 5.3: (company quota - target) / target x 100 (company quota 1000.00, target 950.00)",
    );
  });

  test("over-assignment at every level", () => {
    const item = kpi(all, "quota-over-assignment");
    expect(item.value).toBe("33.1");
    expect(rows(item)).toEqual({
      company: "10.0",
      r1: "10.0",
      t1: "10.0",
      t2: "10.0",
    });
  });

  test("over-assignment names rep-level nodes", () => {
    const item = kpi(all, "quota-over-assignment");
    const names = item.trace.inputs.map((input) => input.name);
    expect(names).not.toContain("reps");
    const count = item.trace.inputs.find(
      (input) => input.name === REP_NODES_INPUT,
    );
    expect(count?.value).toBe(
      String(planFixture().quotas.filter((q) => q.level === "rep").length),
    );
    expect(REP_NODES_INPUT).toBe(
      "rep-level quota nodes, planned hires included",
    );
  });

  test("quota to potential per territory", () => {
    const item = kpi(all, "quota-to-potential");
    expect(item.value).toBe("30.2");
    expect(rows(item)).toEqual({ t1: "20.0", t2: "61.0" });
    expect(item.trace.parts).toHaveLength(2);
  });
});

describe("coverage quality", () => {
  test("potential deviation max and spread", () => {
    expect(kpi(all, "potential-deviation-max").value).toBe("125.0");
    expect(kpi(all, "potential-deviation-sd").value).toBe("93.5");
    expect(rows(kpi(all, "potential-deviation-max"))).toEqual({
      t1: "125.0",
      t2: "-25.0",
      t3: "-100.0",
    });
  });

  test("workload deviation max and spread", () => {
    expect(kpi(all, "workload-deviation-max").value).toBe("100.0");
    expect(kpi(all, "workload-deviation-sd").value).toBe("74.8");
  });

  test("accounts and potential per rep", () => {
    const accounts = kpi(all, "accounts-per-rep");
    expect(accounts.value).toBe("2.0");
    expect(rows(accounts)).toEqual({ t1: "2.0", t2: "2.0", t3: NOT_AVAILABLE });
    expect(kpi(all, "potential-per-rep").value).toBe("1333.33");
  });

  test("unassigned potential and its share", () => {
    const item = kpi(all, "unassigned-potential");
    expect(item.value).toBe("1000.00");
    expect(item.trace.inputs).toContainEqual({
      name: "share of total percent",
      value: "20.0",
    });
  });

  test("open headcount counts covered territories", () => {
    const item = kpi(all, "open-headcount");
    expect(item.value).toBe("1");
    expect(rows(item)).toEqual({ t1: "1" });
  });
});

describe("pay-side KPIs", () => {
  test("statements disputed and adjusted", () => {
    expect(kpi(all, "statements-disputed").value).toBe("2");
    expect(kpi(all, "statements-adjusted").value).toBe("2");
  });

  test("credit to bookings", () => {
    expect(kpi(all, "credit-to-bookings").value).toBe("102.5");
  });

  test("credit to bookings leaves roll-up out", () => {
    const pay = payFixture();
    const reps = pay.reps.map((rep) => ({
      ...rep,
      primaryCreditedCents: rep.creditedCents,
      creditedCents: rep.creditedCents * 2,
    }));
    const item = kpi(
      computeInsights(planFixture(), { ...pay, reps }),
      "credit-to-bookings",
    );
    expect(item.value).toBe("102.5");
  });

  test("payout to attainment per rep", () => {
    const item = kpi(all, "payout-to-attainment");
    expect(item.value).toBe("1.05");
    expect(rows(item)).toEqual({ "rep-a": "1.25", "rep-b": "0.75" });
  });

  test("cost of sales and reps at quota", () => {
    expect(kpi(all, "cost-of-sales").value).toBe("2.2");
    expect(kpi(all, "reps-at-quota").value).toBe("50.0");
  });

  test("disputes open and mean days", () => {
    expect(kpi(all, "disputes-open").value).toBe("1");
    expect(kpi(all, "dispute-resolve-days").value).toBe("3.5");
  });

  test("dispute with invalid date raises", () => {
    const pay = payFixture();
    const input = {
      ...pay,
      disputes: [
        { disputeId: "d9", openedOn: "2026-13-01", resolvedOn: "2026-01-02" },
      ],
    };
    expect(() => disputeKpis(input)).toThrow(/dispute "d9" is invalid/);
  });
});

describe("reconciliation effort", () => {
  test("adjustments and overrides", () => {
    expect(kpi(all, "quota-adjustments").value).toBe("2");
    expect(kpi(all, "account-overrides").value).toBe("3");
  });
});

describe("computeInsights", () => {
  test("without pay data", () => {
    const list = computeInsights(planFixture());
    const pay = [
      "statements-disputed",
      "statements-adjusted",
      "credit-to-bookings",
      "payout-to-attainment",
      "cost-of-sales",
      "reps-at-quota",
      "disputes-open",
      "dispute-resolve-days",
    ];
    for (const id of pay) expect(kpi(list, id).value).toBe(NOT_AVAILABLE);
    expect(kpi(list, "quota-over-target").value).toBe("5.3");
  });

  test("ids are unique", () => {
    const ids = all.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(21);
  });

  test("quota figures missing", () => {
    const plan = { ...planFixture(), quotas: [], companyTargetCents: null };
    const list = computeInsights(plan);
    expect(kpi(list, "quota-over-target").value).toBe(NOT_AVAILABLE);
    expect(kpi(list, "quota-over-assignment").value).toBe(NOT_AVAILABLE);
    expect(kpi(list, "quota-to-potential").value).toBe(NOT_AVAILABLE);
  });
});
