/**
 * Returns the hex SHA-256 of a string or bytes, or null where Web Crypto is
 * unavailable, which is any insecure origin other than localhost.
 */
export async function sha256Hex(
  input: string | Uint8Array<ArrayBuffer>,
): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const bytes =
    typeof input === "string" ? new TextEncoder().encode(input) : input;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}
