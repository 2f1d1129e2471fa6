export { segmentAccounts } from "./segment.ts";
export { proposeName, NAMING_THRESHOLD } from "./describe.ts";
export { assignByNearestCentroid } from "./membership.ts";
export { segmentationImpact } from "./impact.ts";
export type * from "./impact.ts";
export * from "./types.ts";
