import type {
  ChildLevel,
  LevelRule,
  QuotaCascadeInput,
  QuotaNode,
} from "../../../model/quota/types.ts";

/** Cascade input whose level rules a test may replace. */
export type ExampleInput = QuotaCascadeInput & {
  levels: Record<ChildLevel, LevelRule>;
};

/** Builds the worked example of docs/QUOTA.md: Acme, two regions, three territories, seven reps. */
export function exampleInput(): ExampleInput {
  const nodes: QuotaNode[] = [
    { id: "c", name: "Acme", level: "company", parentId: null },
    { id: "east", name: "East", level: "region", parentId: "c" },
    { id: "west", name: "West", level: "region", parentId: "c" },
    { id: "bos", name: "Boston", level: "territory", parentId: "east" },
    { id: "nyc", name: "New York", level: "territory", parentId: "east" },
    { id: "sea", name: "Seattle", level: "territory", parentId: "west" },
    { id: "ana", name: "Ana", level: "rep", parentId: "bos" },
    { id: "ben", name: "Ben", level: "rep", parentId: "bos" },
    { id: "cy", name: "Cy", level: "rep", parentId: "bos" },
    { id: "dee", name: "Dee", level: "rep", parentId: "nyc" },
    { id: "eli", name: "Eli", level: "rep", parentId: "nyc" },
    { id: "gus", name: "Gus", level: "rep", parentId: "sea" },
    { id: "hal", name: "Hal", level: "rep", parentId: "sea" },
  ];
  return {
    nodes,
    companyQuota: "1000000.00",
    levels: {
      region: { method: "potential", overAssignmentPercent: "10" },
      territory: {
        method: "blend",
        blendWeights: { even: "0.5", priorBookings: "0.5" },
        overAssignmentPercent: "5",
      },
      rep: { method: "even", overAssignmentPercent: "0" },
    },
    potentialCents: { bos: 40_000_000, nyc: 20_000_000, sea: 40_000_000 },
    priorBookingsCents: { bos: 30_000_000, nyc: 10_000_000, sea: 5_000_000 },
    seasonality: ["8", "8", "8", "8", "8", "8", "8", "8", "8", "8", "10", "10"],
  };
}
