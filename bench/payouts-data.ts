// Seeded input of the payout benchmark: deals with cents, split credit,
// foreign currencies, two comp plans and a monthly quota per rep.
import type { Deal, DealSplit } from "../model/incentives/deals/types.ts";
import type { RateEntry } from "../model/incentives/deals/rates.ts";
import type { CompPlan } from "../model/incentives/payout/index.ts";
import type {
  CreditingTables,
  FiscalPeriod,
} from "../model/incentives/statements/types.ts";
import { centsToString, parseMoney, toCents } from "../model/money.ts";
import { seededRandom } from "./harness.ts";

export interface PayoutBenchSize {
  deals: number;
  reps: number;
}

/** Everything buildStatements reads except the converted amounts. */
export interface PayoutBenchInput {
  deals: Deal[];
  rates: RateEntry[];
  planCurrency: string;
  tables: CreditingTables;
  plans: Record<string, CompPlan>;
  /** Quota per rep id, then per period id, as a decimal string. */
  quotas: Record<string, Record<string, string>>;
  periods: FiscalPeriod[];
}

export const YEAR = 2026;
const ACCOUNTS_PER_REP = 50;
const PRODUCTS = ["Platform", "Analytics", "Support"];

/** Smallest and largest deal amount in cents. Amounts are spread log-uniformly between them. */
const MIN_DEAL_CENTS = 5_000;
const MAX_DEAL_CENTS = 5_000_000;

/** Percent splits a deal may carry, with how many deals in 100 get each. */
const SPLIT_SHAPES: { percents: string[]; per100: number }[] = [
  { percents: ["100"], per100: 70 },
  { percents: ["60", "40"], per100: 18 },
  { percents: ["33.33", "33.33", "33.34"], per100: 12 },
];

/** Currency of the deal, with how many deals in 100 are in it. */
const CURRENCIES: { code: string; per100: number }[] = [
  { code: "USD", per100: 85 },
  { code: "EUR", per100: 10 },
  { code: "GBP", per100: 5 },
];

const RATES: RateEntry[] = [
  { currency: "EUR", effectiveFrom: `${YEAR}-01-01`, rate: "1.0825" },
  { currency: "EUR", effectiveFrom: `${YEAR}-07-01`, rate: "1.0931" },
  { currency: "GBP", effectiveFrom: `${YEAR}-01-01`, rate: "1.2675" },
  { currency: "GBP", effectiveFrom: `${YEAR}-07-01`, rate: "1.2590" },
];

/**
 * Marginal plan: a marginal rate table with a component cap, a bonus at
 * full attainment and a total cap. Sized for the generated deals, so that
 * the caps bind for the reps far above quota.
 */
export const MARGINAL_PLAN: CompPlan = {
  components: [
    {
      id: "commission",
      label: "Commission",
      type: "tiered",
      mode: "marginal",
      bands: [
        { from: "0", to: "0.5", rate: "0.0425" },
        { from: "0.5", to: "1", rate: "0.0725" },
        { from: "1", rate: "0.1150" },
      ],
      cap: "60000.00",
    },
    {
      id: "bonus",
      label: "Quota bonus",
      type: "bonus",
      threshold: "1",
      amount: "750.00",
    },
  ],
  totalCap: "60500.00",
};

/** Retroactive plan: a retroactive rate table with a component cap, a bonus and a total cap. */
export const RETROACTIVE_PLAN: CompPlan = {
  components: [
    {
      id: "commission",
      label: "Commission",
      type: "tiered",
      mode: "retroactive",
      bands: [
        { from: "0", to: "0.8", rate: "0.0325" },
        { from: "0.8", to: "1", rate: "0.0575" },
        { from: "1", rate: "0.0725" },
      ],
      cap: "55000.00",
    },
    {
      id: "bonus",
      label: "Stretch bonus",
      type: "bonus",
      threshold: "1.1",
      amount: "1250.50",
    },
  ],
  totalCap: "55500.00",
};

/** Returns the 12 calendar months of YEAR, with ids such as "2026-03". */
export function monthlyPeriods(): FiscalPeriod[] {
  return Array.from({ length: 12 }, (_, month) => {
    const id = `${YEAR}-${String(month + 1).padStart(2, "0")}`;
    const lastDay = new Date(Date.UTC(YEAR, month + 1, 0)).getUTCDate();
    return { id, start: `${id}-01`, end: `${id}-${lastDay}` };
  });
}

/**
 * Generates the input from a seed. Deals are spread evenly over the reps
 * and the year, and the reps take the marginal and the retroactive plan by
 * turns. Each monthly quota is 75 % to 130 % of the rep's expected monthly
 * credit, in whole hundreds. Every deal carries its splits, so the split
 * rule credits every deal, as it does in the app when a deal has splits.
 */
export function generatePayoutInput(
  seed: number,
  size: PayoutBenchSize,
): PayoutBenchInput {
  const random = seededRandom(seed);
  const reps = Array.from(
    { length: size.reps },
    (_, i) => `rep-${String(i + 1).padStart(4, "0")}`,
  );
  const accountCount = size.reps * ACCOUNTS_PER_REP;
  const periods = monthlyPeriods();
  const yearStart = Date.UTC(YEAR, 0, 1);
  const days = (Date.UTC(YEAR + 1, 0, 1) - yearStart) / 86_400_000;

  const deals: Deal[] = [];
  for (let n = 0; n < size.deals; n++) {
    const owner = reps[Math.floor(random() * reps.length)];
    const day = Math.floor(random() * days);
    const cents = Math.round(
      MIN_DEAL_CENTS * (MAX_DEAL_CENTS / MIN_DEAL_CENTS) ** random(),
    );
    deals.push({
      id: `deal-${String(n + 1).padStart(7, "0")}`,
      account: `acct-${Math.floor(random() * accountCount)}`,
      amount: centsToString(cents),
      currency: pick(CURRENCIES, random()).code,
      closeDate: new Date(yearStart + day * 86_400_000)
        .toISOString()
        .slice(0, 10),
      product: PRODUCTS[Math.floor(random() * PRODUCTS.length)],
      owner,
      splits: makeSplits(owner, reps, random),
      generated: true,
    });
  }

  const plans: Record<string, CompPlan> = {};
  reps.forEach((rep, i) => {
    plans[rep] = i % 2 === 0 ? MARGINAL_PLAN : RETROACTIVE_PLAN;
  });
  const quotas = makeQuotas(deals, reps, periods, random);
  return {
    deals,
    rates: RATES,
    planCurrency: "USD",
    tables: creditingTables(reps, accountCount),
    plans,
    quotas,
    periods,
  };
}

function makeSplits(
  owner: string,
  reps: readonly string[],
  random: () => number,
): DealSplit[] {
  const shape = pick(SPLIT_SHAPES, random());
  const chosen = [owner];
  while (chosen.length < Math.min(shape.percents.length, reps.length)) {
    const rep = reps[Math.floor(random() * reps.length)];
    if (!chosen.includes(rep)) chosen.push(rep);
  }
  if (chosen.length < shape.percents.length) {
    return [{ rep: owner, percent: "100" }];
  }
  return chosen.map((rep, i) => ({ rep, percent: shape.percents[i] }));
}

function makeQuotas(
  deals: readonly Deal[],
  reps: readonly string[],
  periods: readonly FiscalPeriod[],
  random: () => number,
): Record<string, Record<string, string>> {
  // Expected monthly credit of one rep: the whole year's deal amounts in
  // cents (foreign ones counted at par) over reps and months.
  const totalCents = deals.reduce(
    (sum, deal) => sum + toCents(parseMoney(deal.amount)),
    0,
  );
  const expected = totalCents / reps.length / periods.length;
  const quotas: Record<string, Record<string, string>> = {};
  for (const rep of reps) {
    quotas[rep] = {};
    for (const period of periods) {
      const hundreds = Math.max(
        1,
        Math.round((expected * (0.75 + 0.55 * random())) / 10_000),
      );
      quotas[rep][period.id] = `${hundreds}00.00`;
    }
  }
  return quotas;
}

/**
 * Crediting tables as the app builds them: a split rule, then a territory
 * rule for deals without splits, one territory per rep and every account
 * in one territory for the whole year.
 */
function creditingTables(
  reps: readonly string[],
  accountCount: number,
): CreditingTables {
  const open = { effectiveFrom: null, effectiveTo: null };
  return {
    rules: [
      { id: "split", kind: "split", ...open },
      { id: "territory", kind: "territory", ...open },
    ],
    territoryHistory: Array.from({ length: accountCount }, (_, i) => ({
      accountId: `acct-${i}`,
      territoryId: `terr-${i % reps.length}`,
      ...open,
    })),
    territoryReps: reps.map((repId, i) => ({
      territoryId: `terr-${i}`,
      repId,
      ...open,
    })),
    managers: [],
  };
}

function pick<T extends { per100: number }>(options: readonly T[], r: number) {
  let left = r * 100;
  for (const option of options) {
    left -= option.per100;
    if (left < 0) return option;
  }
  return options[options.length - 1];
}
