import { describe, expect, test } from "vitest";
import { MoneyDecimal } from "../../../model/money.ts";
import type { PlannedRep } from "../../../model/planning/inputs.ts";
import type { NodeQuota } from "../../../model/quota/types.ts";
import {
  FALLBACK_QUOTA,
  medianOf,
  sampleQuota,
} from "../../../web/incentives/sample-quota.ts";

function rep(id: string, roleId: string): PlannedRep {
  return {
    id,
    name: id,
    roleId,
    startDate: "2026-01-01",
    territoryId: "t1",
  } as PlannedRep;
}

function quota(nodeId: string, annual: string): NodeQuota {
  return { nodeId, level: "rep", annual } as NodeQuota;
}

describe("sampleQuota", () => {
  test("median of the plan's reps per month", () => {
    const reps = [
      rep("a", "ae"),
      rep("b", "ae"),
      rep("c", "ae"),
      rep("d", "se"),
    ];
    const quotas = [
      quota("a", "120000"),
      quota("b", "240000"),
      quota("c", "1200000"),
      quota("d", "9999999"),
    ];
    const sample = sampleQuota(["ae"], reps, quotas);
    expect(sample.quota).toBe("20000.00");
    expect(sample.source).toContain("3 reps");
  });

  test("even count averages the middle two", () => {
    const reps = [rep("a", "ae"), rep("b", "ae")];
    const quotas = [quota("a", "100000"), quota("b", "100001")];
    // 8,333.33 and 8,333.42 (100,001 / 12 = 8,333.4166...) average 8,333.375,
    // rounded half-even to 8,333.38.
    expect(sampleQuota(["ae"], reps, quotas).quota).toBe("8333.38");
  });

  test("no quota falls back and says so", () => {
    const sample = sampleQuota(["ae"], [rep("a", "ae")], []);
    expect(sample.quota).toBe(FALLBACK_QUOTA);
    expect(sample.source).toContain("No rep on this plan has a quota");
  });

  test("non-rep nodes are ignored", () => {
    const territory = {
      nodeId: "a",
      level: "territory",
      annual: "12",
    } as NodeQuota;
    const sample = sampleQuota(["ae"], [rep("a", "ae")], [territory]);
    expect(sample.quota).toBe(FALLBACK_QUOTA);
  });
});

test("medianOf odd count picks the middle", () => {
  const values = ["3", "1", "2"].map((v) => new MoneyDecimal(v));
  expect(medianOf(values).toFixed()).toBe("2");
});
