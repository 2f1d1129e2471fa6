import type { NewPlan } from "../model/doc/init-plan.ts";
import type { Deal } from "../model/incentives/deals/types.ts";
import {
  centsToString,
  MoneyDecimal,
  parseMoney,
  toCents,
} from "../model/money.ts";
import { SeededRandom } from "../model/optimize/random.ts";
import { OVERLAY_PRODUCT, RATES } from "./demo-incentives.ts";

/**
 * The demo plan's generated deal history, for its incentives and
 * statements. Every deal is marked generated.
 */

/** First day of the demo plan's fiscal year FY2028, where its deal history starts. */
export const DEMO_FISCAL_START = "2027-02-01";

/** Last day of FY2028, the latest close date of the demo history. */
const DEMO_FISCAL_END = "2028-01-31";

/** Seed of the demo deal history, so every server generates the same deals. */
export const DEMO_DEALS_SEED = 2028;

/**
 * Bookings of the demo history in plan currency before each territory's
 * attainment factor, near the AEs' FY2028 quota of about 40.6 million.
 */
export const DEMO_BOOKINGS = "40000000.00";

/**
 * Bookings of each territory over its share of the accounts' potential, by
 * territory in plan order. With the demo's quotas, which weigh prior
 * bookings too, they give AEs yearly attainments from about 60% to 135%.
 */
const TERRITORY_FACTORS = [
  "1.07",
  "0.92",
  "1.75",
  "0.93",
  "0.89",
  "1.40",
  "0.77",
  "0.79",
  "1.03",
];

/** Deals in a typical territory-month. Each deal is 40% to 160% of the month's bookings divided by this. */
const DEALS_PER_MONTH = 14;
const SPLIT_PERCENT = 10;
const FOREIGN_PERCENT = 12;
const CANCEL_PERCENT = 4;
const FOREIGN_CURRENCIES = ["EUR", "GBP", "CAD"];
const PRODUCTS = ["Platform", OVERLAY_PRODUCT, "Support"];

/** A demo account as the accounts dataset lists it. */
export interface DemoAccount {
  id: string;
  unitId: string;
  potential: string;
}

/**
 * Generates the demo plan's FY2028 deal history, the same on every run:
 * 1. Each territory books DEMO_BOOKINGS x its share of the accounts'
 *    potential x its TERRITORY_FACTORS entry.
 * 2. The year's bookings follow the plan's quarterly targets, and each
 *    month's bookings vary from 75% to 125% of that share.
 * 3. Each deal sells to an account of the territory, picked with weight by
 *    potential, on a random day of the month, and its owner is an account
 *    executive of the territory.
 * 4. About 10% of deals are split 60/40 between the owner and an AE of
 *    another territory of the region, and carry splits. The rest carry
 *    none, so the territory rule credits them to the territory's AEs.
 * 5. About 12% are in EUR, GBP or CAD, converted from their plan-currency
 *    size at the demo rate of the close date. About 4% are cancelled by a
 *    negative deal 1 to 30 days later, within the year.
 * A plan without account executives in territories gets no deals.
 */
export function demoDealHistory(
  plan: NewPlan,
  accounts: readonly DemoAccount[],
): Deal[] {
  const territories = demoSalesTerritories(plan, accounts);
  const potentialCents = territories.reduce((sum, t) => sum + t.potential, 0);
  if (potentialCents === 0) return [];

  const random = new SeededRandom(DEMO_DEALS_SEED);
  const weights = monthWeights(plan);
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const bookings = parseMoney(DEMO_BOOKINGS);
  const deals: Deal[] = [];

  territories.forEach((territory, index) => {
    const factor = TERRITORY_FACTORS[index % TERRITORY_FACTORS.length];
    const yearCents = bookings
      .times(territory.potential)
      .dividedBy(potentialCents)
      .times(factor);
    weights.forEach((weight, month) => {
      const noise = 75 + random.below(51);
      const monthCents = toCents(
        yearCents
          .times(weight)
          .dividedBy(weightSum)
          .times(noise)
          .dividedBy(100),
      );
      const monthDeals = territoryMonthDeals(
        random,
        territory,
        month,
        monthCents,
      );
      for (const deal of monthDeals) {
        deal.id = `demo-deal-${deals.length + 1}`;
        deals.push(deal);
        if (random.below(100) < CANCEL_PERCENT) {
          deals.push(cancellation(random, deal, deals.length + 1));
        }
      }
    });
  });
  return deals.sort(
    (a, b) =>
      a.closeDate.localeCompare(b.closeDate) || a.id.localeCompare(b.id),
  );
}

/** A territory with its AEs, the AEs of its region's other territories, and its accounts. */
interface SalesTerritory {
  id: string;
  executives: string[];
  regionExecutives: string[];
  accounts: { id: string; cumulative: number }[];
  /** Sum of the accounts' potential in cents. */
  potential: number;
}

/** Territories that have AEs and accounts with potential, in plan order. */
function demoSalesTerritories(
  plan: NewPlan,
  accounts: readonly DemoAccount[],
): SalesTerritory[] {
  const territoryOf = new Map(plan.assignments ?? []);
  const executivesOf = new Map<string, string[]>();
  for (const rep of plan.planning?.reps ?? []) {
    if (rep.roleId !== "demo-ae" || rep.territoryId === null) continue;
    const list = executivesOf.get(rep.territoryId) ?? [];
    list.push(rep.id);
    executivesOf.set(rep.territoryId, list.sort());
  }
  const accountsOf = new Map<string, { id: string; cumulative: number }[]>();
  for (const account of accounts) {
    const territoryId = territoryOf.get(account.unitId);
    const cents = toCents(parseMoney(account.potential));
    if (territoryId === undefined || cents <= 0) continue;
    const list = accountsOf.get(territoryId) ?? [];
    const before = list.at(-1)?.cumulative ?? 0;
    list.push({ id: account.id, cumulative: before + cents });
    accountsOf.set(territoryId, list);
  }

  const regionOf = new Map(
    (plan.territories ?? []).map((t) => [t.id, t.parentId]),
  );
  const sales: SalesTerritory[] = [];
  for (const territory of plan.territories ?? []) {
    const id = territory.id ?? "";
    const executives = executivesOf.get(id) ?? [];
    const list = accountsOf.get(id) ?? [];
    if (executives.length === 0 || list.length === 0) continue;
    const regionExecutives = [...executivesOf]
      .filter(
        ([other]) => other !== id && regionOf.get(other) === territory.parentId,
      )
      .flatMap(([, reps]) => reps);
    sales.push({
      id,
      executives,
      regionExecutives,
      accounts: list,
      potential: list.at(-1)?.cumulative ?? 0,
    });
  }
  return sales;
}

/** Relative bookings of each fiscal month: its quarter's target total, or 1 each without targets. */
function monthWeights(plan: NewPlan): number[] {
  const quarters = [0, 0, 0, 0];
  for (const target of plan.planning?.targets ?? []) {
    const quarter = /-Q([1-4])$/.exec(target.period);
    if (quarter === null) continue;
    quarters[Number(quarter[1]) - 1] += Number(target.amount);
  }
  if (quarters.some((amount) => amount <= 0)) return new Array(12).fill(1);
  return Array.from(
    { length: 12 },
    (_, month) => quarters[Math.floor(month / 3)],
  );
}

/** Deals of one territory closed in one fiscal month, adding up to `cents`, without ids yet. */
function territoryMonthDeals(
  random: SeededRandom,
  territory: SalesTerritory,
  month: number,
  cents: number,
): Deal[] {
  const typical = Math.max(1, Math.floor(cents / DEALS_PER_MONTH));
  const deals: Deal[] = [];
  let left = cents;
  while (left > 0) {
    const size = Math.floor((typical * (40 + random.below(121))) / 100);
    const dealCents = size <= 0 || left - size < typical * 0.4 ? left : size;
    left -= dealCents;
    deals.push(territoryDeal(random, territory, month, dealCents));
  }
  return deals;
}

function territoryDeal(
  random: SeededRandom,
  territory: SalesTerritory,
  month: number,
  cents: number,
): Deal {
  const { executives, regionExecutives } = territory;
  const owner = executives[random.below(executives.length)];
  const closeDate = dayOfMonth(month, random);
  const foreign = random.below(100) < FOREIGN_PERCENT;
  const currency = foreign
    ? FOREIGN_CURRENCIES[random.below(FOREIGN_CURRENCIES.length)]
    : "USD";
  const split =
    regionExecutives.length > 0 && random.below(100) < SPLIT_PERCENT
      ? regionExecutives[random.below(regionExecutives.length)]
      : null;

  return {
    id: "",
    account: weightedAccount(random, territory.accounts),
    amount: centsToString(
      foreign ? inCurrency(cents, currency, closeDate) : cents,
    ),
    currency,
    closeDate,
    product: PRODUCTS[random.below(PRODUCTS.length)],
    owner,
    splits:
      split === null
        ? []
        : [
            { rep: owner, percent: "60" },
            { rep: split, percent: "40" },
          ],
    generated: true,
  };
}

/** Picks an account with probability in proportion to its potential. */
function weightedAccount(
  random: SeededRandom,
  accounts: readonly { id: string; cumulative: number }[],
): string {
  const total = accounts.at(-1)?.cumulative ?? 0;
  const point = Math.floor((random.nextUint32() / 4294967296) * total);
  let low = 0;
  let high = accounts.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (accounts[middle].cumulative > point) high = middle;
    else low = middle + 1;
  }
  return accounts[low].id;
}

/** Picks a random calendar day of fiscal month `month` (0 is the first) of FY2028. */
function dayOfMonth(month: number, random: SeededRandom): string {
  const start = new Date(`${DEMO_FISCAL_START}T00:00:00Z`);
  const year = start.getUTCFullYear();
  const calendarMonth = start.getUTCMonth() + month;
  const days = new Date(Date.UTC(year, calendarMonth + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(year, calendarMonth, 1 + random.below(days)));
  return date.toISOString().slice(0, 10);
}

/** Converts plan-currency cents to cents of `currency` at the demo rate of `date`. */
function inCurrency(cents: number, currency: string, date: string): number {
  const rates = RATES.filter(
    (r) => r.currency === currency && r.effectiveFrom <= date,
  );
  const rate = rates.at(-1)?.rate ?? "1";
  return toCents(new MoneyDecimal(cents).dividedBy(100).dividedBy(rate));
}

/** Makes the negative deal that cancels `deal` 1 to 30 days later, no later than the year's last day. */
function cancellation(random: SeededRandom, deal: Deal, number: number): Deal {
  const close = Date.parse(`${deal.closeDate}T00:00:00Z`);
  const later = close + (1 + random.below(30)) * 86_400_000;
  const end = Date.parse(`${DEMO_FISCAL_END}T00:00:00Z`);
  return {
    ...deal,
    id: `demo-deal-${number}`,
    amount: `-${deal.amount}`,
    closeDate: new Date(Math.min(later, end)).toISOString().slice(0, 10),
    cancels: deal.id,
  };
}

/** Returns the ids of the demo plan's account executives. */
export function demoAccountExecutives(plan: NewPlan): string[] {
  const reps = plan.planning?.reps ?? [];
  return reps.filter((rep) => rep.roleId === "demo-ae").map((rep) => rep.id);
}
