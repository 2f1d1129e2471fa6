/**
 * Plain-data shapes of a compensation plan and of one rep-period of input.
 * Money and rates are decimal strings, attainment is a fraction of quota
 * ("1.00" is 100%), and dates are "YYYY-MM-DD".
 */

/** Rule by which a tiered rate table applies its rates to the credited amount. */
export type TierMode = "marginal" | "retroactive";

/**
 * One band of a tiered rate table, by attainment. The band covers
 * attainment from `from` (inclusive) up to `to` (exclusive). The last band
 * has no `to` and is open above.
 */
export interface TierBand {
  from: string;
  to?: string;
  rate: string;
}

/** Fields shared by every plan component. */
interface ComponentBase {
  id: string;
  label: string;
  /** Maximum the component pays in one period. */
  cap?: string;
  /** Minimum attainment to earn anything on the component. */
  gate?: string;
}

/** Rate x credited amount. */
export interface CommissionComponent extends ComponentBase {
  type: "commission";
  rate: string;
}

/**
 * Rate table by attainment. Accelerators and decelerators are bands: a
 * band above 1.00 with a higher rate, or below a threshold with a lower one.
 * With basis "yearToDate" the table runs on year-to-date figures and the
 * period earns the growth of the year-to-date result.
 */
export interface TieredComponent extends ComponentBase {
  type: "tiered";
  mode: TierMode;
  bands: TierBand[];
  basis?: "period" | "yearToDate";
}

/** Fixed amount when attainment reaches the threshold. */
export interface BonusComponent extends ComponentBase {
  type: "bonus";
  threshold: string;
  amount: string;
}

/**
 * Sales incentive on one product within a date range: either an amount per
 * deal or a rate on the product credit. Exactly one of the two is set.
 */
export interface SpifComponent extends ComponentBase {
  type: "spif";
  product: string;
  from: string;
  to: string;
  perDeal?: string;
  rate?: string;
}

export type PlanComponent =
  CommissionComponent | TieredComponent | BonusComponent | SpifComponent;

/** Draw paid when earnings fall short of `amount` in a period. */
export interface DrawRule {
  kind: "recoverable" | "nonRecoverable";
  amount: string;
}

/** Days after the close date within which a cancellation is clawed back. */
export interface ClawbackRule {
  windowDays: number;
}

export interface CompPlan {
  components: PlanComponent[];
  /** Maximum of all component lines together in one period. */
  totalCap?: string;
  draw?: DrawRule;
  clawback?: ClawbackRule;
}

/** Credit of one deal on one product, for SPIFs. */
export interface ProductCredit {
  dealId: string;
  product: string;
  date: string;
  amount: string;
}

/** A cancelled deal and the amount that was paid on it. */
export interface Cancellation {
  dealId: string;
  closeDate: string;
  cancelDate: string;
  paidAmount: string;
}

/** Year-to-date figures: credit before this period and quota through it. */
export interface YearToDate {
  creditedBefore: string;
  quota: string;
}

export interface RepPeriodInput {
  repId: string;
  periodId: string;
  /** First and last day of the period, inclusive. */
  start: string;
  end: string;
  credited: string;
  quota: string;
  yearToDate?: YearToDate;
  productCredits?: ProductCredit[];
  cancellations?: Cancellation[];
}
