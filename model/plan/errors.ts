/** Invalid fiscal calendar, fiscal year or period id. */
export class FiscalPeriodError extends Error {
  override name = "FiscalPeriodError";
}

/** Invalid revenue target input. */
export class TargetError extends Error {
  override name = "TargetError";
}
