import type { CompPlan } from "../payout/index.ts";
import type { StatementInput } from "./types.ts";

/** Returns the rep's comp plan, or undefined when the input assigns none. */
export function planFor(
  input: StatementInput,
  repId: string,
): CompPlan | undefined {
  if ("all" in input.plans) return input.plans.all;
  return Object.hasOwn(input.plans.byRep, repId)
    ? input.plans.byRep[repId]
    : undefined;
}
