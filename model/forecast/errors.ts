/**
 * Raised when a bookings history or forecast option cannot be used. `field`
 * names the input at fault, and the message ends with what to change.
 */
export class ForecastError extends Error {
  override name = "ForecastError";

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
