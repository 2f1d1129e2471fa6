import type { CompPlan, RepPeriodInput } from "./plan.ts";
import { PayoutInputError } from "./errors.ts";
import { ProblemList } from "./checks.ts";

/**
 * Checks the input of one rep-period against its plan and raises
 * PayoutInputError listing every bad field and row.
 */
export function validateInput(plan: CompPlan, input: RepPeriodInput): void {
  const list = new ProblemList();
  checkInput(list, plan, input);
  if (list.problems.length > 0) {
    throw new PayoutInputError(`period "${input.periodId}"`, list.problems);
  }
}

/** Records every problem of one rep-period's input in `list`. */
export function checkInput(
  list: ProblemList,
  plan: CompPlan,
  input: RepPeriodInput,
): void {
  list.text("repId", input.repId);
  list.text("periodId", input.periodId);
  const start = list.date("start", input.start);
  const end = list.date("end", input.end);
  if (start !== undefined && end !== undefined && end < start) {
    list.add(
      "end",
      `is ${input.end}, before start ${input.start}. Swap the dates.`,
    );
  }

  const credited = list.decimal("credited", input.credited, "any");
  if (credited?.isNegative()) {
    list.add(
      "credited",
      `is negative: ${input.credited}. Record reversed deals as cancellations so they are clawed back.`,
    );
  }
  list.decimal("quota", input.quota, "positive");
  checkYearToDate(list, plan, input);
  checkProductCredits(list, input);
  checkCancellations(list, input);
}

function checkYearToDate(
  list: ProblemList,
  plan: CompPlan,
  input: RepPeriodInput,
): void {
  const needed = plan.components.some(
    (c) => c.type === "tiered" && c.basis === "yearToDate",
  );
  if (input.yearToDate === undefined) {
    if (needed) {
      list.add(
        "yearToDate",
        "missing. A year-to-date tiered component needs creditedBefore and quota.",
      );
    }
    return;
  }
  list.decimal("yearToDate.creditedBefore", input.yearToDate.creditedBefore);
  list.decimal("yearToDate.quota", input.yearToDate.quota, "positive");
}

function checkProductCredits(list: ProblemList, input: RepPeriodInput): void {
  (input.productCredits ?? []).forEach((row, index) => {
    const at = `productCredits[${index}]`;
    list.text(`${at}.dealId`, row.dealId);
    list.text(`${at}.product`, row.product);
    list.date(`${at}.date`, row.date);
    list.decimal(`${at}.amount`, row.amount);
  });
}

function checkCancellations(list: ProblemList, input: RepPeriodInput): void {
  (input.cancellations ?? []).forEach((row, index) => {
    const at = `cancellations[${index}]`;
    list.text(`${at}.dealId`, row.dealId);
    const closed = list.date(`${at}.closeDate`, row.closeDate);
    const cancelled = list.date(`${at}.cancelDate`, row.cancelDate);
    if (closed !== undefined && cancelled !== undefined && cancelled < closed) {
      list.add(
        `${at}.cancelDate`,
        `is ${row.cancelDate}, before the close date ${row.closeDate}. Check the deal dates.`,
      );
    }
    list.decimal(`${at}.paidAmount`, row.paidAmount);
  });
}
