export * from "./types.ts";
export { canonicalStatement } from "./canonical.ts";
export { settleLedger, settleStatements } from "./settle.ts";
export { LedgerInputError } from "./errors.ts";
export { adjustmentAmountProblem } from "./check.ts";
export { isLedgerLine, withLedgerLines } from "./lines.ts";
