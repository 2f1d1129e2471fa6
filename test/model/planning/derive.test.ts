import { describe, expect, it } from "vitest";
import { derivePlanning } from "../../../model/planning/derive.ts";
import { newIssue } from "../../../model/planning/check.ts";
import { seasonalityFromTargets } from "../../../model/planning/seasonality.ts";
import { FIXTURE_CONTEXT, planningFixture } from "./fixture.ts";

function annualOf(model: ReturnType<typeof derivePlanning>, id: string) {
  return model.quota?.quotas.find((q) => q.nodeId === id)?.annual;
}

describe("derivePlanning", () => {
  it("takes the company quota from the year's targets", () => {
    const model = derivePlanning(planningFixture(), FIXTURE_CONTEXT);

    expect(model.issues).toEqual([]);
    expect(model.companyQuotaSource).toBe("targets");
    expect(annualOf(model, "company")).toBe("1200000.00");
  });

  it("cascades by the territory design's potential", () => {
    const model = derivePlanning(planningFixture(), FIXTURE_CONTEXT);

    expect(annualOf(model, "east")).toBe("720000.00");
    expect(annualOf(model, "west")).toBe("480000.00");
    expect(annualOf(model, "bos")).toBe("480000.00");
    expect(annualOf(model, "nyc")).toBe("240000.00");
    expect(annualOf(model, "ana")).toBe("240000.00");
  });

  it("moves quota when painting moves potential", () => {
    const context = {
      ...FIXTURE_CONTEXT,
      potentialCents: { bos: 30_000_000, nyc: 30_000_000, sea: 40_000_000 },
    };
    const model = derivePlanning(planningFixture(), context);

    expect(annualOf(model, "bos")).toBe("360000.00");
    expect(annualOf(model, "nyc")).toBe("360000.00");
  });

  it("gives an open seat of a territory its share of quota", () => {
    const model = derivePlanning(planningFixture(), FIXTURE_CONTEXT);
    const seat = model.quota?.quotas.find((q) => q.nodeId === "h1#1");

    expect(seat?.name).toBe("Open seat 1: AE, Apr 2027");
    expect(seat?.annual).toBe("240000.00");
  });

  it("puts territories of no region under a No region node", () => {
    const context = {
      ...FIXTURE_CONTEXT,
      units: FIXTURE_CONTEXT.units.map((u) =>
        u.id === "sea" ? { ...u, parentId: null } : u,
      ),
    };
    const model = derivePlanning(planningFixture(), context);
    const sea = model.quota?.quotas.find((q) => q.nodeId === "sea");

    expect(sea?.parentId).toBe("no-region");
    expect(annualOf(model, "no-region")).toBe("480000.00");
  });

  it("follows the shape of the targets for seasonality", () => {
    const inputs = planningFixture();
    inputs.targets[0] = { ...inputs.targets[0], amount: "600000.00" };
    const model = derivePlanning(inputs, FIXTURE_CONTEXT);
    const months = model.quotaInput?.seasonality;

    expect(model.seasonalitySource).toBe("targets");
    expect(months?.slice(0, 4)).toEqual([
      "13.3333",
      "13.3333",
      "13.3333",
      "6.6667",
    ]);
  });

  it("keeps capacity despite a quota issue", () => {
    const inputs = planningFixture();
    inputs.adjustments = { ana: { amount: "-5.00" } };
    const model = derivePlanning(inputs, FIXTURE_CONTEXT);

    expect(model.quota).toBeNull();
    expect(model.capacity?.months[0].capacity.amount).toBe("300000.00");
    expect(model.issues).toEqual([
      {
        section: "quota",
        nodeId: "ana",
        message:
          'Adjusted quota of rep "Ana" is negative: -5.00. Set an amount of 0 or more.',
      },
    ]);
  });

  it("uses the entered quota despite target errors", () => {
    const inputs = planningFixture();
    inputs.targets.push({
      segment: "Enterprise",
      period: "FY2027-M01",
      amount: "1.00",
    });
    inputs.quota.companyQuota = "1000.00";
    const model = derivePlanning(inputs, FIXTURE_CONTEXT);

    expect(model.targets).toBeNull();
    expect(model.issues.map((i) => i.section)).toEqual(["targets"]);
    expect(annualOf(model, "company")).toBe("1000.00");
  });

  it("stops at an invalid fiscal year", () => {
    const inputs = planningFixture();
    inputs.fiscalStartMonth = 13;
    const model = derivePlanning(inputs, FIXTURE_CONTEXT);

    expect(model.year).toBeNull();
    expect(model.issues[0].section).toBe("fiscal");
    expect(model.capacity).toBeNull();
  });
});

describe("newIssue", () => {
  it("names only a problem the edit causes", () => {
    const before = derivePlanning(planningFixture(), FIXTURE_CONTEXT);
    const broken = planningFixture();
    broken.roles[0] = { ...broken.roles[0], rampPercents: ["50", "90"] };
    const after = derivePlanning(broken, FIXTURE_CONTEXT);

    expect(newIssue(before, after)?.section).toBe("capacity");
    expect(newIssue(after, after)).toBeNull();
  });
});

describe("seasonalityFromTargets", () => {
  it("splits evenly without targets and sums to exactly 100", () => {
    const percents = seasonalityFromTargets(new Array(12).fill(0));

    expect(percents.slice(0, 5)).toEqual([
      "8.3334",
      "8.3334",
      "8.3334",
      "8.3334",
      "8.3333",
    ]);
    const total = percents.reduce((sum, p) => sum + Number(p) * 10_000, 0);
    expect(total).toBe(1_000_000);
  });
});

describe("planQuotaNodes", () => {
  it("leaves out a region without territories", () => {
    const units = [
      ...FIXTURE_CONTEXT.units,
      { id: "north", name: "North", kind: "region" as const, parentId: null },
    ];
    const model = derivePlanning(planningFixture(), {
      ...FIXTURE_CONTEXT,
      units,
    });

    expect(model.issues).toEqual([]);
    expect(model.quota?.quotas.some((q) => q.nodeId === "north")).toBe(false);
  });
});

describe("derivePlanning before potential loads", () => {
  it("waits with quotas", () => {
    const model = derivePlanning(planningFixture(), {
      ...FIXTURE_CONTEXT,
      potentialCents: {},
      potentialLoaded: false,
    });

    expect(model.quotaWaiting).toBe(true);
    expect(model.quota).toBeNull();
    expect(model.issues).toEqual([]);
    expect(model.capacity).not.toBeNull();
  });
});
