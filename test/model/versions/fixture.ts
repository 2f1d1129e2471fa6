import type {
  DiffAccount,
  DiffPlanInput,
  DiffTerritoryInput,
} from "../../../model/versions/diff.ts";
import { planningFixture } from "../planning/fixture.ts";

const territory = (
  id: string,
  name: string,
  color: string,
  parentId: string | null,
): DiffTerritoryInput => ({
  id,
  name,
  color,
  kind: parentId === null ? "region" : "territory",
  parentId,
});

/** Two regions over Boston, New York and Seattle, with one county each and New York two. */
export function basePlan(): DiffPlanInput {
  return {
    name: "Acme",
    territories: [
      territory("east", "East", "#111111", null),
      territory("west", "West", "#222222", null),
      territory("bos", "Boston", "#333333", "east"),
      territory("nyc", "New York", "#444444", "east"),
      territory("sea", "Seattle", "#555555", "west"),
    ],
    assignments: new Map([
      ["25025", "bos"],
      ["36047", "nyc"],
      ["36061", "nyc"],
      ["53033", "sea"],
    ]),
    overrides: [],
    planning: planningFixture(),
  };
}

/** Potential 400,000.00 in each of Boston, New York and Seattle. */
export const ACCOUNTS: DiffAccount[] = [
  { id: "a1", name: "Alpha", unitId: "25025", potential: "400000.00" },
  { id: "a2", name: "Beta", unitId: "36061", potential: "200000.00" },
  { id: "a3", name: "Gamma", unitId: "53033", potential: "400000.00" },
  { id: "a4", name: "Delta", unitId: "36047", potential: "200000.00" },
];
