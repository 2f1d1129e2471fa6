import { creditDeals } from "../../model/incentives/crediting/credit-deals.ts";
import { CreditingInputError } from "../../model/incentives/crediting/errors.ts";
import {
  resolveTerritory,
  territoryLookup,
} from "../../model/incentives/crediting/territory.ts";
import type { Credit } from "../../model/incentives/crediting/types.ts";
import type { Deal } from "../../model/incentives/deals/types.ts";
import { MoneyDecimal, toCents } from "../../model/money.ts";
import type { PayComputation } from "../pay/compute.ts";

/** Territory id under which bookings of accounts without a territory are listed. */
export const NO_TERRITORY = "unassigned";

/** Bookings of one territory per calendar month "YYYY-MM", in integer cents. */
export interface TerritoryBookings {
  territoryId: string;
  name: string;
  bookings: Record<string, number>;
}

/**
 * Sums sales (deals that cancel nothing) per territory and calendar month of
 * their close date, which is already a date in the plan's time zone. A sale
 * counts in the home territory of its account on the close date, a
 * named-account override in effect winning, as the territory crediting rule
 * reads it. Amounts are in plan currency at the plan's rates.
 * For scope "all" each sale counts whole, so the sums equal the sales'
 * amounts. Otherwise a sale counts with the primary (direct and split)
 * credit the crediting rules give the `visible` reps.
 * Deals the pay computation left out (no currency rate, no creditable rule)
 * count nowhere.
 */
export function territoryBookings(
  pay: PayComputation,
  visible: ReadonlySet<string> | "all",
): TerritoryBookings[] {
  const sales: Sale[] = [];
  pay.input.deals.forEach((deal, index) => {
    if (deal.cancels !== undefined) return;
    const { amount, cents } = pay.input.converted[index].amount;
    sales.push({ deal, amount, cents });
  });
  const counted: Counted[] =
    visible === "all" ? sales : visibleShares(pay, sales, visible);

  const rows = new Map<string, TerritoryBookings>();
  if (visible === "all") {
    for (const territory of pay.plan.territories) {
      if (territory.kind !== "territory") continue;
      rows.set(territory.id, emptyRow(territory.id, territory.name));
    }
  }

  const territoryOf = homeTerritory(pay);
  const names = new Map(pay.plan.territories.map((t) => [t.id, t.name]));
  // A territory deleted since the deal closed keeps its id as its name.
  const nameOf = (id: string) =>
    names.get(id) ?? (id === NO_TERRITORY ? "No territory" : id);
  for (const { deal, cents } of counted) {
    const territoryId = territoryOf(deal) ?? NO_TERRITORY;
    let row = rows.get(territoryId);
    if (row === undefined) {
      row = emptyRow(territoryId, nameOf(territoryId));
      rows.set(territoryId, row);
    }
    const month = deal.closeDate.slice(0, 7);
    row.bookings[month] = (row.bookings[month] ?? 0) + cents;
  }
  return [...rows.values()].map(withSortedMonths);
}

/** A deal and the cents it counts with. */
interface Counted {
  deal: Deal;
  cents: number;
}

function emptyRow(territoryId: string, name: string): TerritoryBookings {
  return { territoryId, name, bookings: {} };
}

function withSortedMonths(row: TerritoryBookings): TerritoryBookings {
  const months = Object.entries(row.bookings).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  return { ...row, bookings: Object.fromEntries(months) };
}

/**
 * Returns the home territory of a deal's account on its close date, or null
 * when it has none or the history is ambiguous on that date.
 */
function homeTerritory(pay: PayComputation): (deal: Deal) => string | null {
  const lookup = territoryLookup({ ...pay.input.tables, deals: [] });
  const overrides = pay.input.tables.overrides ?? [];
  return (deal) => {
    const found = resolveTerritory(
      deal.account,
      deal.closeDate,
      overrides,
      lookup,
    );
    return found.ok ? found.value.territoryId : null;
  };
}

/** A sale with its amount in plan currency, as a decimal string and in cents. */
interface Sale {
  deal: Deal;
  amount: string;
  cents: number;
}

/**
 * Returns each sale with the primary credit that the visible reps get on
 * it, leaving out sales without any. Crediting tables that the model
 * rejects give no credit at all, and the statements' problems list them.
 */
function visibleShares(
  pay: PayComputation,
  sales: readonly Sale[],
  visible: ReadonlySet<string>,
): Counted[] {
  let credits: Credit[];
  try {
    credits = creditDeals({
      ...pay.input.tables,
      deals: sales.map(({ deal, amount }) => ({
        id: deal.id,
        accountId: deal.account,
        amount,
        closeDate: deal.closeDate,
        product: deal.product,
        ownerRepId: deal.owner,
        splits: deal.splits.map((s) => ({ repId: s.rep, percent: s.percent })),
      })),
    });
  } catch (error) {
    if (error instanceof CreditingInputError) return [];
    throw error;
  }
  const shares = new Map<string, number>();
  for (const credit of credits) {
    if (credit.kind !== "direct" && credit.kind !== "split") continue;
    if (!visible.has(credit.repId)) continue;
    const cents = toCents(new MoneyDecimal(credit.amount));
    shares.set(credit.dealId, (shares.get(credit.dealId) ?? 0) + cents);
  }
  return sales
    .filter(({ deal }) => shares.has(deal.id))
    .map(({ deal }) => ({ deal, cents: shares.get(deal.id) ?? 0 }));
}
