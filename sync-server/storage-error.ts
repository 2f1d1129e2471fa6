/**
 * A storage operation that failed; the message names the room or file and
 * the cause.
 */
export class StorageError extends Error {
  override name = "StorageError";
}
