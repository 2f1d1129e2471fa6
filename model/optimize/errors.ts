/** Invalid optimizer input: the message names the value and what to change. */
export class BalanceInputError extends Error {
  override name = "BalanceInputError";
}
