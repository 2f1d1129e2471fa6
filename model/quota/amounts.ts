import type Decimal from "decimal.js";
import { MoneyFormatError, parseMoney, toCents } from "../money.ts";
import { QuotaInputError } from "./errors.ts";

/** Parses a decimal string with at most two decimal places into integer cents. */
export function parseCents(text: string, field: string): number {
  const amount = parseDecimal(text, field);
  if (amount.decimalPlaces() > 2) {
    throw new QuotaInputError(
      `${field} is ${text}, which has more than two decimal places; round it to the cent.`,
    );
  }
  if (amount.abs().greaterThanOrEqualTo(MAX_AMOUNT)) {
    throw new QuotaInputError(
      `${field} is ${text}, which is too large; enter an amount below 90,000,000,000,000.00.`,
    );
  }
  return toCents(amount);
}

/** Amounts stay below 90 trillion, so their cents are safe integers. */
const MAX_AMOUNT = 90e12;

/** Parses a decimal string, raising QuotaInputError that names the field. */
export function parseDecimal(text: string, field: string): Decimal {
  try {
    return parseMoney(text, field);
  } catch (error) {
    if (error instanceof MoneyFormatError) {
      throw new QuotaInputError(error.message);
    }
    throw error;
  }
}

/** Checks that a per-node figure in cents is a safe integer of zero or more. */
export function checkNodeCents(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new QuotaInputError(
      `${field} is ${value}; give whole cents of zero or more.`,
    );
  }
}
