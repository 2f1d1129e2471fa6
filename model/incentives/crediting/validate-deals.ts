import type Decimal from "decimal.js";
import { MoneyDecimal, parseMoney, toCents } from "../../money.ts";
import { isIsoDate } from "../../overrides.ts";
import type { CreditDeal, CreditingProblem } from "./types.ts";

/** A deal with its amount in cents and its split percents as decimals. */
export interface ParsedDeal {
  deal: CreditDeal;
  line: number;
  cents: number;
  splits: { repId: string; percent: Decimal }[];
}

/** Amounts stay below 90 trillion, so their cents are safe integers. */
const MAX_AMOUNT = 90e12;

const HUNDRED = new MoneyDecimal(100);

/**
 * Parses every deal, adding one problem per invalid field to `problems`.
 * A deal with any problem is left out of the result.
 */
export function parseDeals(
  deals: readonly CreditDeal[],
  problems: CreditingProblem[],
): ParsedDeal[] {
  const parsed: ParsedDeal[] = [];
  const seen = new Set<string>();

  deals.forEach((deal, index) => {
    const line = index + 1;
    const before = problems.length;
    const report = (field: string, value: unknown, reason: string): void => {
      problems.push({
        list: "deals",
        line,
        field,
        value: String(value),
        reason,
      });
    };

    checkText(deal.id, "id", report);
    if (typeof deal.id === "string" && seen.has(deal.id)) {
      report(
        "id",
        deal.id,
        "another deal has the same id; give each deal its own id.",
      );
    }
    seen.add(deal.id);
    checkText(deal.accountId, "accountId", report);
    checkText(deal.product, "product", report);
    checkText(deal.ownerRepId, "ownerRepId", report);
    if (typeof deal.closeDate !== "string" || !isIsoDate(deal.closeDate)) {
      report(
        "closeDate",
        deal.closeDate,
        "write a calendar date as YYYY-MM-DD.",
      );
    }
    const cents = parseAmount(deal.amount, report);
    const splits = parseSplits(deal.splits, report);

    if (problems.length === before && cents !== null) {
      parsed.push({ deal, line, cents, splits });
    }
  });
  return parsed;
}

type Report = (field: string, value: unknown, reason: string) => void;

function checkText(value: unknown, field: string, report: Report): void {
  if (typeof value !== "string" || value.trim() === "") {
    report(field, value, `${field} is missing; give a non-empty id or name.`);
  }
}

function parseAmount(text: string, report: Report): number | null {
  let amount: Decimal;
  try {
    amount = parseMoney(text, "amount");
  } catch {
    report("amount", text, 'write a decimal number such as "1250.50".');
    return null;
  }
  if (amount.decimalPlaces() > 2) {
    report(
      "amount",
      text,
      "the amount has more than two decimal places; round it to the cent.",
    );
    return null;
  }
  if (amount.abs().greaterThanOrEqualTo(MAX_AMOUNT)) {
    report(
      "amount",
      text,
      "the amount is too large; enter an amount below 90,000,000,000,000.00.",
    );
    return null;
  }
  return toCents(amount);
}

function parseSplits(
  splits: CreditDeal["splits"],
  report: Report,
): ParsedDeal["splits"] {
  if (splits === undefined || splits.length === 0) return [];
  const parsed: ParsedDeal["splits"] = [];
  const reps = new Set<string>();
  let total = new MoneyDecimal(0);
  let valid = true;

  splits.forEach((split, index) => {
    const field = `splits[${index}]`;
    if (typeof split.repId !== "string" || split.repId.trim() === "") {
      report(
        `${field}.repId`,
        split.repId,
        "the split has no rep; give the rep id.",
      );
      valid = false;
    } else if (reps.has(split.repId)) {
      report(
        `${field}.repId`,
        split.repId,
        "the rep has two splits on this deal; merge them into one.",
      );
      valid = false;
    }
    reps.add(split.repId);

    const percent = parsePercent(split.percent, `${field}.percent`, report);
    if (percent === null) {
      valid = false;
      return;
    }
    total = total.plus(percent);
    parsed.push({ repId: split.repId, percent });
  });

  if (valid && !total.equals(HUNDRED)) {
    report(
      "splits",
      total.toFixed(),
      "the split percents total this instead of exactly 100; change them so they add up to 100.",
    );
  }
  return parsed;
}

function parsePercent(
  text: string,
  field: string,
  report: Report,
): Decimal | null {
  let percent: Decimal;
  try {
    percent = parseMoney(text, field);
  } catch {
    report(
      field,
      text,
      'write the percent as a decimal number such as "33.34".',
    );
    return null;
  }
  if (percent.lessThanOrEqualTo(0) || percent.greaterThan(HUNDRED)) {
    report(field, text, "a split percent must be more than 0 and at most 100.");
    return null;
  }
  return percent;
}
