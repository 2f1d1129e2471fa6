import { centsToString, MoneyDecimal, toCents } from "../../money.ts";
import { makeTrace, type MoneyFigure } from "../../trace.ts";
import type { Credit } from "../crediting/types.ts";
import type { Deal } from "../deals/types.ts";
import type {
  Cancellation,
  PayoutLine,
  PeriodPayout,
} from "../payout/index.ts";
import type { FiscalPeriod, StatementCancellation } from "./types.ts";

/** A cancellation of a sale that the rep was credited on, with that credit. */
export interface RepCancellation {
  cancellation: Deal;
  sale: Deal;
  credit: Credit;
}

/**
 * Lists, per rep id, the cancellations of the sales each rep was credited
 * on. A cancellation of a deal missing from `deals` is left out (see
 * missingSaleProblems).
 */
export function cancellationsByRep(
  deals: readonly Deal[],
  creditsByDeal: ReadonlyMap<string, readonly Credit[]>,
): Map<string, RepCancellation[]> {
  const sales = new Map(deals.map((deal) => [deal.id, deal]));
  const byRep = new Map<string, RepCancellation[]>();

  for (const cancellation of deals) {
    const sale = sales.get(cancellation.cancels ?? "");
    if (sale === undefined) continue;
    for (const credit of creditsByDeal.get(sale.id) ?? []) {
      const rows = byRep.get(credit.repId) ?? [];
      rows.push({ cancellation, sale, credit });
      byRep.set(credit.repId, rows);
    }
  }
  return byRep;
}

/** Describes each cancellation that names a deal missing from `deals`. */
export function missingSaleProblems(deals: readonly Deal[]): string[] {
  const ids = new Set(deals.map((deal) => deal.id));
  return deals
    .filter((deal) => deal.cancels !== undefined && !ids.has(deal.cancels))
    .map(
      (deal) =>
        `Deal "${deal.id}" cancels deal "${deal.cancels}", which is not among the deals, so nothing is clawed back. Include the cancelled deal.`,
    );
}

/** The pass without cancellations that gives the earnings each paid amount is derived from. */
export interface FirstPass {
  periods: readonly FiscalPeriod[];
  periodOfDeal: ReadonlyMap<string, number>;
  payouts: readonly PeriodPayout[];
  creditedCents: readonly number[];
}

/**
 * Puts each of the rep's cancellations in the period of its cancel date,
 * with the amount paid on the cancelled credit. A cancellation dated
 * outside the periods, or of a sale closed outside them, reaches no
 * period, and `problems` describes those in one sentence per reason.
 */
export function placeCancellations(
  repId: string,
  rows: readonly RepCancellation[],
  first: FirstPass,
): { byPeriod: StatementCancellation[][]; problems: string[] } {
  const byPeriod = first.periods.map((): StatementCancellation[] => []);
  const saleOutside: RepCancellation[] = [];
  const cancelOutside: RepCancellation[] = [];

  for (const row of rows) {
    const saleIndex = first.periodOfDeal.get(row.sale.id) ?? -1;
    const cancelIndex = first.periodOfDeal.get(row.cancellation.id) ?? -1;
    if (saleIndex < 0) {
      saleOutside.push(row);
    } else if (cancelIndex < 0) {
      cancelOutside.push(row);
    } else {
      const placed = statementCancellation(repId, row, first, saleIndex);
      byPeriod[cancelIndex]!.push(placed);
    }
  }

  const problems: string[] = [];
  if (saleOutside.length > 0) {
    const dates = dateRange(saleOutside.map((row) => row.sale.closeDate));
    const [deals, them] =
      saleOutside.length === 1 ? ["a deal", "it"] : ["deals", "them"];
    problems.push(
      `Rep "${repId}" has ${cancellationList(saleOutside)} of ${deals} closed ${dates}, outside the periods, so the amount paid on ${them} is unknown and nothing is clawed back. Add periods that contain these close dates.`,
    );
  }
  if (cancelOutside.length > 0) {
    const dates = dateRange(
      cancelOutside.map((row) => row.cancellation.closeDate),
    );
    problems.push(
      `Rep "${repId}" has ${cancellationList(cancelOutside)} dated ${dates}, outside the periods, so nothing is clawed back. Add periods that contain these dates.`,
    );
  }
  return { byPeriod, problems };
}

/** Writes "2 cancellations (c1 of d1, c2 of d2)", naming at most five. */
function cancellationList(rows: readonly RepCancellation[]): string {
  const names = rows
    .slice(0, 5)
    .map((row) => `${row.cancellation.id} of ${row.sale.id}`);
  if (rows.length > 5) names.push(`${rows.length - 5} more`);
  const noun = rows.length === 1 ? "cancellation" : "cancellations";
  return `${rows.length} ${noun} (${names.join(", ")})`;
}

function dateRange(dates: readonly string[]): string {
  const sorted = [...dates].sort();
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  return first === last ? `on ${first}` : `from ${first} to ${last}`;
}

/**
 * Derives the amount paid on a cancelled credit. The cancelled credit is
 * the rep's credit on the sale times the cancelled share of the sale,
 * rounded to the cent. It is paid at the effective rate of the period the
 * sale was credited in: that period's earnings (component lines after the
 * total cap, before draws and adjustments) divided by its credit.
 *
 * NOTE: a sale that lifted the rep into a higher tier or over a bonus
 * threshold is clawed back at the period's average rate, not at what the
 * sale added to the period's pay.
 */
function statementCancellation(
  repId: string,
  { cancellation, sale, credit }: RepCancellation,
  first: FirstPass,
  saleIndex: number,
): StatementCancellation {
  const share = new MoneyDecimal(cancellation.amount)
    .negated()
    .dividedBy(sale.amount);
  const cancelledCents = toCents(new MoneyDecimal(credit.amount).times(share));
  const earnedCents = first.payouts[saleIndex]!.lines.reduce(
    (sum, line) => sum + line.cents,
    0,
  );
  const creditedCents = first.creditedCents[saleIndex]!;
  const rate =
    creditedCents === 0
      ? new MoneyDecimal(0)
      : new MoneyDecimal(earnedCents).dividedBy(creditedCents);
  const cancelledCredit = centsToString(cancelledCents);
  const paidCents = toCents(new MoneyDecimal(cancelledCredit).times(rate));
  const paid = centsToString(paidCents);
  const trace = makeTrace(
    `Paid on deal ${sale.id} to ${repId}`,
    paid,
    "cancelled credit x earnings / credited of the period the deal was credited in, rounded half-even to the cent",
    {
      "credit on deal": credit.amount,
      "cancelled amount": `${new MoneyDecimal(cancellation.amount).negated().toFixed(2)} ${cancellation.currency}`,
      "deal amount": `${sale.amount} ${sale.currency}`,
      "cancelled credit": cancelledCredit,
      "credited period": first.periods[saleIndex]!.id,
      "period earnings": centsToString(earnedCents),
      "period credited": centsToString(creditedCents),
      "effective rate (rounded)": rate.toDecimalPlaces(6).toFixed(),
    },
    [credit.trace],
  );
  const paidAmount: MoneyFigure = { cents: paidCents, amount: paid, trace };
  return {
    dealId: sale.id,
    cancellationId: cancellation.id,
    closeDate: sale.closeDate,
    cancelDate: cancellation.closeDate,
    cancelledCredit,
    paidAmount,
  };
}

/** Turns statement cancellations into the clawback input of the payout model. */
export function payoutCancellations(
  rows: readonly StatementCancellation[],
): Cancellation[] {
  return rows.map((row) => ({
    dealId: row.dealId,
    closeDate: row.closeDate,
    cancelDate: row.cancelDate,
    paidAmount: row.paidAmount.amount,
  }));
}

/**
 * Adds the trace of each paid amount as the part of its clawback line. The
 * line's trace object is also a part of the payable's trace, so the payable
 * shows the derivation too. A line is matched on deal id, cancel date and
 * paid amount, the inputs the clawback trace names.
 */
export function linkClawbackTraces(
  adjustments: readonly PayoutLine[],
  rows: readonly StatementCancellation[],
): void {
  const open = [...rows];
  for (const line of adjustments) {
    if (line.componentId !== "clawback") continue;
    const input = (name: string) =>
      line.trace.inputs.find((i) => i.name === name)?.value;
    const index = open.findIndex(
      (row) =>
        line.label === `Clawback ${row.dealId}` &&
        input("cancel date") === row.cancelDate &&
        input("paid amount") === row.paidAmount.amount,
    );
    if (index < 0) continue;
    line.trace.parts = [open[index]!.paidAmount.trace];
    open.splice(index, 1);
  }
}
