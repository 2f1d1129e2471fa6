/**
 * Raised by an edit of the plan's incentives (comp plans, crediting rules,
 * currency rates, managers) that fails its checks. The edit writes nothing.
 * `field` and `value` name the input at fault, and the message ends with
 * what to enter instead.
 */
export class IncentivesEditError extends Error {
  override name = "IncentivesEditError";

  constructor(
    readonly field: string,
    readonly value: string,
    message: string,
  ) {
    super(message);
  }
}
