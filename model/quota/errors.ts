/** Invalid cascade input: the message names the field, the value and what to change. */
export class QuotaInputError extends Error {
  override name = "QuotaInputError";
}

/**
 * A manual adjustment that leaves a quota or a sibling remainder negative,
 * or that cannot add up with its siblings.
 */
export class QuotaAdjustmentError extends Error {
  override name = "QuotaAdjustmentError";

  constructor(
    readonly nodeId: string,
    readonly amount: string,
    message: string,
  ) {
    super(message);
  }
}
