import { fiscalYear } from "../../../model/plan/periods.ts";
import type { RoleInput } from "../../../model/capacity/roles.ts";

export const year = fiscalYear({ startMonth: 1, firstFiscalYear: 2027 }, 2027);

/** Returns an AE role making 100,000.00 a month fully ramped, with overrides. */
export function aeRole(overrides: Partial<RoleInput> = {}): RoleInput {
  return {
    id: "ae",
    name: "AE",
    onTargetEarnings: "160000.00",
    loadedCost: "240000.00",
    annualProductivity: "1200000.00",
    rampPercents: ["50", "100"],
    annualAttritionPercent: "0",
    backfillMonths: 2,
    ...overrides,
  };
}
