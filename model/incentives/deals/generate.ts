import {
  centsToString,
  MoneyDecimal,
  parseMoney,
  toCents,
} from "../../money.ts";
import { SeededRandom } from "../../optimize/random.ts";
import { DealGeneratorInputError } from "./errors.ts";
import { isCalendarDate } from "./fields.ts";
import type { Deal } from "./types.ts";

/** An account the generator sells to, with its yearly potential as a decimal string. */
export interface GeneratorAccount {
  id: string;
  potential: string;
}

export interface GenerateDealsOptions {
  /** First day of the 12-month history, "YYYY-MM-DD" (default "2026-01-01"). */
  startDate?: string;
  /** Currency of most deals (default "USD"). */
  planCurrency?: string;
  /** Currencies of the other deals (default EUR and GBP). */
  foreignCurrencies?: readonly string[];
  /** Percent of deals in a foreign currency, 0 to 100 (default 15). */
  foreignPercent?: number;
  /** Percent of deals cancelled later, 0 to 100 (default 5). */
  cancelPercent?: number;
  /** Percent of deals split with a second rep, 0 to 100 (default 10). */
  splitPercent?: number;
  products?: readonly string[];
}

const DEFAULT_PRODUCTS = ["Platform", "Analytics", "Support"];
const DAY_MS = 86_400_000;

/**
 * Generates a deterministic 12-month deal history. Each account with
 * non-zero potential gets 1 to 4 deals, each 50% to 150% of its potential
 * divided by the deal count. Some deals are in a foreign currency, some are
 * split 60/40 with a second rep, and a few are cancelled by a later
 * negative deal. The same seed and input give the same deals.
 */
export function generateDeals(
  seed: number,
  accounts: readonly GeneratorAccount[],
  reps: readonly string[],
  options: GenerateDealsOptions = {},
): Deal[] {
  const settings = readOptions(options, reps);
  const random = new SeededRandom(seed);
  const start = Date.parse(`${settings.startDate}T00:00:00Z`);
  const days = Math.round((addYear(start) - start) / DAY_MS);
  const deals: Deal[] = [];

  for (const account of accounts) {
    const potentialCents = toCents(
      parseMoney(account.potential, `potential of account "${account.id}"`),
    );
    if (potentialCents <= 0) continue;
    const count = 1 + random.below(4);
    for (let n = 0; n < count; n++) {
      const id = `gen-${seed >>> 0}-${deals.length + 1}`;
      const deal = makeDeal(random, settings, {
        id,
        account: account.id,
        cents: shareCents(random, potentialCents, count),
        closeDay: random.below(days),
        start,
      });
      deals.push(deal);
      if (random.below(100) < settings.cancelPercent) {
        const offset = 1 + random.below(30);
        const day = Math.min(days - 1, dayOf(deal.closeDate, start) + offset);
        deals.push(cancellation(deal, `${id}-cancel`, toDate(start, day)));
      }
    }
  }
  return deals.sort(
    (a, b) =>
      a.closeDate.localeCompare(b.closeDate) || a.id.localeCompare(b.id),
  );
}

type Settings = Required<GenerateDealsOptions> & { reps: readonly string[] };

interface DealSeed {
  id: string;
  account: string;
  cents: number;
  closeDay: number;
  start: number;
}

function makeDeal(
  random: SeededRandom,
  settings: Settings,
  seed: DealSeed,
): Deal {
  const { reps, products, foreignCurrencies } = settings;
  const owner = reps[random.below(reps.length)];
  const foreign =
    foreignCurrencies.length > 0 && random.below(100) < settings.foreignPercent;
  const currency = foreign
    ? foreignCurrencies[random.below(foreignCurrencies.length)]
    : settings.planCurrency;
  const partner = reps[random.below(reps.length)];
  const split = partner !== owner && random.below(100) < settings.splitPercent;

  return {
    id: seed.id,
    account: seed.account,
    amount: centsToString(seed.cents),
    currency,
    closeDate: toDate(seed.start, seed.closeDay),
    product: products[random.below(products.length)],
    owner,
    splits: split
      ? [
          { rep: owner, percent: "60" },
          { rep: partner, percent: "40" },
        ]
      : [],
    generated: true,
  };
}

// One deal's size in cents: potential / count times a factor from 50% to
// 150%, rounded half-even, and never below one cent.
// NOTE: a foreign-currency deal keeps this size as its own-currency amount,
// because the generator has no rates to rescale it with.
function shareCents(
  random: SeededRandom,
  potentialCents: number,
  count: number,
): number {
  const factor = 50 + random.below(101);
  const cents = new MoneyDecimal(potentialCents)
    .times(factor)
    .dividedBy(100 * count)
    .toDecimalPlaces(0)
    .toNumber();
  return Math.max(1, cents);
}

function cancellation(deal: Deal, id: string, closeDate: string): Deal {
  return {
    ...deal,
    id,
    amount: `-${deal.amount}`,
    closeDate,
    cancels: deal.id,
  };
}

function readOptions(
  options: GenerateDealsOptions,
  reps: readonly string[],
): Settings {
  if (reps.length === 0) {
    throw new DealGeneratorInputError(
      "No reps given. Pass at least one rep id to own the deals.",
    );
  }
  const settings: Settings = {
    startDate: options.startDate ?? "2026-01-01",
    planCurrency: options.planCurrency ?? "USD",
    foreignCurrencies: options.foreignCurrencies ?? ["EUR", "GBP"],
    foreignPercent: options.foreignPercent ?? 15,
    cancelPercent: options.cancelPercent ?? 5,
    splitPercent: options.splitPercent ?? 10,
    products: options.products ?? DEFAULT_PRODUCTS,
    reps,
  };
  if (!isCalendarDate(settings.startDate)) {
    throw new DealGeneratorInputError(
      `Invalid startDate "${settings.startDate}". Write it as YYYY-MM-DD.`,
    );
  }
  if (settings.products.length === 0) {
    throw new DealGeneratorInputError(
      "No products given. Pass at least one product name.",
    );
  }
  for (const name of [
    "foreignPercent",
    "cancelPercent",
    "splitPercent",
  ] as const) {
    const value = settings[name];
    if (!Number.isInteger(value) || value < 0 || value > 100) {
      throw new DealGeneratorInputError(
        `Invalid ${name}: ${value}. Give a whole percent from 0 to 100.`,
      );
    }
  }
  return settings;
}

function addYear(start: number): number {
  const date = new Date(start);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.getTime();
}

function toDate(start: number, day: number): string {
  return new Date(start + day * DAY_MS).toISOString().slice(0, 10);
}

function dayOf(date: string, start: number): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - start) / DAY_MS);
}
