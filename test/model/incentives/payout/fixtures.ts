import type {
  CompPlan,
  RepPeriodInput,
  TierBand,
} from "../../../../model/incentives/payout/index.ts";

/** Quarter input for rep "r1" with quota 100000.00. */
export function quarter(
  credited: string,
  extra: Partial<RepPeriodInput> = {},
): RepPeriodInput {
  return {
    repId: "r1",
    periodId: "2027-Q1",
    start: "2027-01-01",
    end: "2027-03-31",
    credited,
    quota: "100000.00",
    ...extra,
  };
}

/** Decelerator below 50%, base rate to 100%, accelerator above. */
export const BANDS: TierBand[] = [
  { from: "0", to: "0.5", rate: "0.02" },
  { from: "0.5", to: "1.0", rate: "0.04" },
  { from: "1.0", rate: "0.08" },
];

export function planOf(...components: CompPlan["components"]): CompPlan {
  return { components };
}
