import { describe, expect, it } from "vitest";
import { derivePlanning } from "../../../model/planning/derive.ts";
import { quotaMoves } from "../../../web/planning/quota-moves.ts";
import {
  FIXTURE_CONTEXT,
  planningFixture,
} from "../../model/planning/fixture.ts";

function quotasWith(potentialCents: Record<string, number>) {
  const model = derivePlanning(planningFixture(), {
    ...FIXTURE_CONTEXT,
    potentialCents,
  });
  return model.quota!.quotas;
}

describe("quotaMoves", () => {
  it("lists territories whose quota moved, largest first", () => {
    const before = quotasWith({
      bos: 40_000_000,
      nyc: 20_000_000,
      sea: 40_000_000,
    });
    const after = quotasWith({
      bos: 35_000_000,
      nyc: 25_000_000,
      sea: 40_000_000,
    });

    const moves = quotaMoves(before, after);

    expect(moves.map((m) => [m.name, m.before, m.after, m.delta])).toEqual([
      ["Boston", "480000.00", "420000.00", "-60000.00"],
      ["New York", "240000.00", "300000.00", "+60000.00"],
    ]);
    expect(moves[1].reps).toEqual([
      { name: "Open seat 1: AE, Apr 2027", after: "300000.00" },
    ]);
  });

  it("is empty when no quota moved", () => {
    const quotas = quotasWith(FIXTURE_CONTEXT.potentialCents);

    expect(quotaMoves(quotas, quotas)).toEqual([]);
  });
});
