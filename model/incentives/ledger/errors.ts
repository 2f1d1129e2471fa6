/** Raised when the periods, current statements or approved records of a settlement are invalid. It lists every problem. */
export class LedgerInputError extends Error {
  override name = "LedgerInputError";

  constructor(readonly problems: string[]) {
    super(
      [
        `Invalid ledger input (${problems.length} ${problems.length === 1 ? "problem" : "problems"}). Fix these:`,
        ...problems.map((p) => `- ${p}`),
      ].join("\n"),
    );
  }
}
