import type { CreditingProblem } from "./types.ts";

/**
 * Invalid crediting input. `problems` lists every invalid row, and the
 * message names each one, so a caller can fix them all in one pass.
 */
export class CreditingInputError extends Error {
  override name = "CreditingInputError";

  constructor(readonly problems: readonly CreditingProblem[]) {
    super(describeProblems(problems));
  }
}

function describeProblems(problems: readonly CreditingProblem[]): string {
  const lines = problems.map(
    (p) =>
      `${p.list} line ${p.line}: ${p.field} is ${JSON.stringify(p.value)}: ${p.reason}`,
  );
  return `Crediting input has ${problems.length} invalid row(s); nothing was credited.\n${lines.join("\n")}`;
}
