/** A failed check on the source data; the message lists the values at fault. */
export class DataBuildError extends Error {
  override name = "DataBuildError";
}
