/** One invalid field: where it is and what is wrong with it. */
export interface PayoutProblem {
  /** Path of the field, such as "components[1].bands[2].from". */
  field: string;
  message: string;
}

function countProblems(problems: PayoutProblem[]): string {
  const count = problems.length;
  return count === 1 ? "1 problem" : `${count} problems`;
}

function listProblems(intro: string, problems: PayoutProblem[]): string {
  const lines = problems.map((p) => `- ${p.field}: ${p.message}`);
  return [intro, ...lines].join("\n");
}

/** Raised when a compensation plan is invalid. It lists every problem. */
export class PayoutPlanError extends Error {
  override name = "PayoutPlanError";

  constructor(readonly problems: PayoutProblem[]) {
    super(
      listProblems(
        `Invalid compensation plan (${countProblems(problems)}). Fix these fields:`,
        problems,
      ),
    );
  }
}

/**
 * Raised when payout input is invalid, before any payout is computed. It
 * lists every bad field and row. `subject` names the input, such as
 * `period "2027-01"`.
 */
export class PayoutInputError extends Error {
  override name = "PayoutInputError";

  constructor(
    readonly subject: string,
    readonly problems: PayoutProblem[],
  ) {
    super(
      listProblems(
        `Invalid payout input for ${subject} (${countProblems(problems)}). Fix these fields:`,
        problems,
      ),
    );
  }
}
