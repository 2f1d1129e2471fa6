/** Invalid role, rep or hire input to the capacity model. */
export class CapacityInputError extends Error {
  override name = "CapacityInputError";
}
