/** One rep's share of a deal's credit, as a percent with at most 2 decimals. */
export interface DealSplit {
  rep: string;
  /** Percent as a decimal string, such as "60" or "33.33". */
  percent: string;
}

/**
 * One closed deal (a transaction) in its own currency. A negative amount is
 * a cancellation or refund of the earlier deal named in `cancels`.
 */
export interface Deal {
  id: string;
  account: string;
  /** Amount in `currency` as a decimal string to the cent, such as "1250.00". */
  amount: string;
  /** ISO 4217 currency code, such as "EUR". */
  currency: string;
  /** Calendar date "YYYY-MM-DD" the deal closed, in the plan's time zone. */
  closeDate: string;
  product: string;
  owner: string;
  /**
   * Credit shares adding up to exactly 100. Empty when the deal names
   * none, so that the named-account or territory rule credits it.
   */
  splits: DealSplit[];
  /** Id of the deal this one cancels, present only on a negative amount. */
  cancels?: string;
  /** True for deals made by the generator, false for imported ones. */
  generated: boolean;
}

/** One invalid value in a deals file: the line, the column, the value and why. */
export interface DealRowError {
  line: number;
  field: string;
  value: string;
  reason: string;
}

/** Outcome of reading a deals file: every deal, or every error and no deals. */
export type DealsCsvResult =
  | { deals: Deal[] }
  | {
      errors: DealRowError[];
      /** The rows that did read as deals, with their lines, for further checks. */
      parsed: { line: number; deal: Deal }[];
    };
