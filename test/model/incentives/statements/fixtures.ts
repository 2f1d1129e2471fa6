import { convertAll } from "../../../../model/incentives/deals/rates.ts";
import type { Deal } from "../../../../model/incentives/deals/types.ts";
import type { CompPlan } from "../../../../model/incentives/payout/index.ts";
import type {
  FiscalPeriod,
  StatementInput,
} from "../../../../model/incentives/statements/types.ts";

/** Returns a USD deal of account acc-1, product core, split as given (rep, percent). */
export function deal(
  id: string,
  amount: string,
  closeDate: string,
  splits: [string, string][],
): Deal {
  return {
    id,
    account: "acc-1",
    amount,
    currency: "USD",
    closeDate,
    product: "core",
    owner: splits[0]?.[0] ?? "ana",
    splits: splits.map(([rep, percent]) => ({ rep, percent })),
    generated: false,
  };
}

/** Returns a cancellation of `sale` for the given negative amount. */
export function cancellation(
  id: string,
  sale: Deal,
  amount: string,
  closeDate: string,
): Deal {
  return { ...sale, id, amount, closeDate, cancels: sale.id };
}

/** Returns the calendar month "YYYY-MM" as a period, with an optional fiscal year. */
export function month(id: string, year?: string): FiscalPeriod {
  const [y, m] = id.split("-").map(Number);
  const last = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
  const period: FiscalPeriod = {
    id,
    start: `${id}-01`,
    end: `${id}-${String(last).padStart(2, "0")}`,
  };
  return year === undefined ? period : { ...period, year };
}

export const COMMISSION_10: CompPlan = {
  components: [
    { id: "comm", label: "Commission", type: "commission", rate: "0.10" },
  ],
};

/** Returns statement input over USD deals with one split rule and the same plan for every rep. */
export function splitInput(
  deals: Deal[],
  plan: CompPlan,
  quotas: Record<string, Record<string, string>>,
  periods: FiscalPeriod[],
): StatementInput {
  return {
    deals,
    converted: convertAll(deals, [], "USD"),
    tables: {
      territoryHistory: [],
      territoryReps: [],
      rules: [
        { id: "split", kind: "split", effectiveFrom: null, effectiveTo: null },
      ],
    },
    plans: { all: plan },
    quotas,
    periods,
  };
}

/** Returns the same quota for each rep in each period. */
export function flatQuotas(
  reps: string[],
  periods: FiscalPeriod[],
  quota: string,
): Record<string, Record<string, string>> {
  return Object.fromEntries(
    reps.map((rep) => [
      rep,
      Object.fromEntries(periods.map((p) => [p.id, quota])),
    ]),
  );
}
