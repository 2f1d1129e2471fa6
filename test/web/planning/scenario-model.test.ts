import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CoverageIndex } from "../../../model/coverage.ts";
import { initPlan } from "../../../model/doc/init-plan.ts";
import { derivePlanning } from "../../../model/planning/derive.ts";
import {
  readOtherPlan,
  samePotentialDatasets,
} from "../../../web/planning/scenario-model.ts";
import {
  FIXTURE_CONTEXT,
  FIXTURE_UNITS,
  planningFixture,
} from "../../model/planning/fixture.ts";

const DATASETS = { geometry: "g1", units: "u1", accounts: "a1" };

// One county per territory, so potential matches FIXTURE_POTENTIAL.
const INDEX = new CoverageIndex(
  [
    { id: "c-bos", population: 10 },
    { id: "c-nyc", population: 10 },
    { id: "c-sea", population: 10 },
  ],
  [
    { unitId: "c-bos", potentialCents: 40_000_000 },
    { unitId: "c-nyc", potentialCents: 20_000_000 },
    { unitId: "c-sea", potentialCents: 40_000_000 },
  ],
);

function fixtureDoc(datasets: Record<string, string> = DATASETS): Y.Doc {
  const doc = new Y.Doc();
  initPlan(doc, {
    planId: "other",
    name: "Acme",
    datasets,
    territories: FIXTURE_UNITS.map((unit) => ({
      id: unit.id,
      name: unit.name,
      color: "#123456",
      parentId: unit.parentId,
      ownerId: null,
      locked: false,
      kind: unit.kind,
    })),
    assignments: [
      ["c-bos", "bos"],
      ["c-nyc", "nyc"],
      ["c-sea", "sea"],
    ],
    planning: planningFixture(),
  });
  return doc;
}

const current = {
  datasets: DATASETS,
  coverageIndex: INDEX,
  fallbackYear: 2027,
};

describe("readOtherPlan", () => {
  it("derives the same model as the plan's own page", () => {
    const other = readOtherPlan(fixtureDoc(), current);
    const expected = derivePlanning(planningFixture(), FIXTURE_CONTEXT);

    expect(other.name).toBe("Acme");
    expect(other.planId).toBe("other");
    expect(other.scenarioOf).toBeNull();
    expect(other.potentialComparable).toBe(true);
    expect(other.model.issues).toEqual([]);
    expect(other.model.quota!.quotas.map((q) => [q.nodeId, q.annual])).toEqual(
      expected.quota!.quotas.map((q) => [q.nodeId, q.annual]),
    );
  });

  it("drops potential when the datasets differ", () => {
    const doc = fixtureDoc({ ...DATASETS, accounts: "a2" });
    const other = readOtherPlan(doc, current);

    expect(other.potentialComparable).toBe(false);
    expect(other.model.quotaInput!.potentialCents).toEqual({});
  });

  it("drops potential while the datasets load", () => {
    const other = readOtherPlan(fixtureDoc(), {
      ...current,
      coverageIndex: null,
    });
    expect(other.potentialComparable).toBe(false);
  });
});

describe("samePotentialDatasets", () => {
  it("compares units and accounts only", () => {
    expect(
      samePotentialDatasets(DATASETS, { ...DATASETS, geometry: "g2" }),
    ).toBe(true);
    expect(samePotentialDatasets(DATASETS, { ...DATASETS, units: "u2" })).toBe(
      false,
    );
    expect(samePotentialDatasets({}, {})).toBe(false);
  });
});
