export { segmentAccounts } from "./segment.ts";
export { proposeName, NAMING_THRESHOLD } from "./describe.ts";
export * from "./types.ts";
