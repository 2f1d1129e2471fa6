/** Raised when statement input is missing a plan, a quota or a converted deal. It lists every problem. */
export class StatementInputError extends Error {
  override name = "StatementInputError";

  constructor(readonly problems: string[]) {
    super(
      [
        `Invalid statement input (${problems.length} ${problems.length === 1 ? "problem" : "problems"}). Fix these:`,
        ...problems.map((p) => `- ${p}`),
      ].join("\n"),
    );
  }
}

/** Raised when a what-if request names an unknown rep or period, or an invalid deal. It lists every problem. */
export class WhatIfInputError extends Error {
  override name = "WhatIfInputError";

  constructor(readonly problems: string[]) {
    super(
      [
        `Invalid what-if request (${problems.length} ${problems.length === 1 ? "problem" : "problems"}). Fix these:`,
        ...problems.map((p) => `- ${p}`),
      ].join("\n"),
    );
  }
}
