/**
 * Deterministic ordering and JSON output, so that a rebuild from the same
 * sources writes the same bytes (and so the same sha256) on every machine.
 */

/** Compares strings by UTF-16 code units, independent of the locale. */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * Serializes a value as minified JSON, writing a Map as an object with its
 * entries in insertion order. A plain object cannot keep that order for
 * keys such as "10001", which JavaScript lists before all other keys.
 */
export function serializeJson(value: unknown): string {
  if (value instanceof Map) {
    const entries = [...value].map(
      ([key, item]) => `${JSON.stringify(String(key))}:${serializeJson(item)}`,
    );
    return `{${entries.join(",")}}`;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => serializeJson(item)).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}:${serializeJson(item)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}
