import { describe, expect, test } from "vitest";
import { toCents, MoneyDecimal } from "../../../model/money.ts";
import { cascadeQuotas } from "../../../model/quota/cascade.ts";
import { QuotaAdjustmentError } from "../../../model/quota/errors.ts";
import type {
  LevelRule,
  QuotaAdjustment,
  QuotaCascadeInput,
  QuotaCascadeResult,
  QuotaNode,
} from "../../../model/quota/types.ts";

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInt(next: () => number, max: number): number {
  return Math.floor(next() * (max + 1));
}

function randomRule(next: () => number): LevelRule {
  const over = String(randomInt(next, 250) / 10);
  const methods = ["even", "potential", "priorBookings", "blend"] as const;
  const method = methods[randomInt(next, 3)];
  if (method !== "blend") return { method, overAssignmentPercent: over };

  const even = randomInt(next, 100);
  const potential = randomInt(next, 100 - even);
  const prior = 100 - even - potential;
  return {
    method,
    blendWeights: {
      even: String(even / 100),
      potential: String(potential / 100),
      priorBookings: String(prior / 100),
    },
    overAssignmentPercent: over,
  };
}

function randomSeasonality(next: () => number): string[] {
  const cents = Array.from({ length: 12 }, () => randomInt(next, 1000));
  const total = cents.reduce((a, b) => a + b, 0) || 1;
  const percents = cents.map((c) => Math.floor((c * 10000) / total));
  percents[0] += 10000 - percents.reduce((a, b) => a + b, 0);
  return percents.map((p) => new MoneyDecimal(p).dividedBy(100).toFixed());
}

function randomInput(seed: number): QuotaCascadeInput {
  const next = random(seed);
  const nodes: QuotaNode[] = [
    { id: "c", name: "Company", level: "company", parentId: null },
  ];
  const potentialCents: Record<string, number> = {};
  const priorBookingsCents: Record<string, number> = {};

  for (let r = 0; r <= randomInt(next, 3); r++) {
    const region = `r${r}`;
    nodes.push({
      id: region,
      name: `Region ${r}`,
      level: "region",
      parentId: "c",
    });
    for (let t = 0; t <= randomInt(next, 4); t++) {
      const territory = `${region}t${t}`;
      nodes.push({
        id: territory,
        name: `T ${t}`,
        level: "territory",
        parentId: region,
      });
      for (let p = 0; p < randomInt(next, 5); p++) {
        const rep = `${territory}p${p}`;
        nodes.push({
          id: rep,
          name: `Rep ${p}`,
          level: "rep",
          parentId: territory,
        });
        potentialCents[rep] =
          randomInt(next, 3) === 0 ? 0 : randomInt(next, 1e9);
        priorBookingsCents[rep] = randomInt(next, 1e8);
      }
      potentialCents[territory] = randomInt(next, 1e10);
      priorBookingsCents[territory] = randomInt(next, 1e9);
    }
  }

  return {
    nodes,
    companyQuota: (randomInt(next, 1e12) / 100).toFixed(2),
    levels: {
      region: randomRule(next),
      territory: randomRule(next),
      rep: randomRule(next),
    },
    potentialCents,
    priorBookingsCents,
    seasonality: randomSeasonality(next),
  };
}

function randomAdjustments(
  seed: number,
  input: QuotaCascadeInput,
): Record<string, QuotaAdjustment> {
  const next = random(seed * 7919);
  const adjustments: Record<string, QuotaAdjustment> = {};
  for (const node of input.nodes) {
    if (node.level === "company" || next() > 0.2) continue;
    adjustments[node.id] =
      next() < 0.5
        ? { amount: (randomInt(next, 1e10) / 100).toFixed(2) }
        : { delta: (randomInt(next, 2e8) / 100 - 1e6).toFixed(2) };
  }
  return adjustments;
}

function cents(text: string): number {
  return toCents(new MoneyDecimal(text));
}

/** Checks that every node's children sum to its pool and its months to its annual quota. */
function expectSumsExact(result: QuotaCascadeResult, seed: number): void {
  for (const quota of result.quotas) {
    const months = quota.months.reduce((sum, m) => sum + cents(m.amount), 0);
    expect(months, `months of ${quota.nodeId}, seed ${seed}`).toBe(
      cents(quota.annual),
    );
    expect(
      cents(quota.annual),
      `${quota.nodeId}, seed ${seed}`,
    ).toBeGreaterThanOrEqual(0);

    const children = result.quotas.filter((q) => q.parentId === quota.nodeId);
    if (children.length === 0) continue;
    const childSum = children.reduce((sum, c) => sum + cents(c.annual), 0);
    expect(childSum, `children of ${quota.nodeId}, seed ${seed}`).toBe(
      cents(quota.childPool!),
    );
  }
}

describe("cascade sums", () => {
  test("children sum exactly to the pool", () => {
    for (let seed = 1; seed <= 200; seed++) {
      expectSumsExact(cascadeQuotas(randomInput(seed)), seed);
    }
  });

  test("pool is parent times over-assignment", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const input = randomInput(seed);
      const result = cascadeQuotas(input);
      const company = result.quotas[0];
      const percent = new MoneyDecimal(
        input.levels.region.overAssignmentPercent,
      );
      const expected = toCents(
        new MoneyDecimal(company.annual).times(percent.dividedBy(100).plus(1)),
      );

      expect(cents(company.childPool!), `seed ${seed}`).toBe(expected);
    }
  });

  test("adjusted cascades sum exactly or raise", () => {
    let valid = 0;
    let rejected = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const input = randomInput(seed);
      input.adjustments = randomAdjustments(seed, input);
      try {
        const result = cascadeQuotas(input);
        expectSumsExact(result, seed);
        for (const [id, adjustment] of Object.entries(input.adjustments)) {
          if (!("amount" in adjustment)) continue;
          const quota = result.quotas.find((q) => q.nodeId === id)!;
          expect(quota.annual, `adjusted ${id}, seed ${seed}`).toBe(
            adjustment.amount,
          );
        }
        valid += 1;
      } catch (error) {
        expect(error, `seed ${seed}`).toBeInstanceOf(QuotaAdjustmentError);
        rejected += 1;
      }
    }

    // Both paths must run, or the loop above checks nothing.
    expect(valid).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(20);
  });

  test("node order does not change quotas", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const input = randomInput(seed);
      const shuffled = { ...input, nodes: [...input.nodes].reverse() };
      const annual = (r: QuotaCascadeResult) =>
        Object.fromEntries(r.quotas.map((q) => [q.nodeId, q.annual]));

      expect(annual(cascadeQuotas(shuffled)), `seed ${seed}`).toEqual(
        annual(cascadeQuotas(input)),
      );
    }
  });
});
