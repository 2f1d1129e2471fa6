/**
 * Writes a value as canonical JSON: object keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings as JSON.stringify writes them.
 * Equal data gives equal text whatever order its keys were inserted in.
 * As in JSON.stringify, object properties that are undefined are left out,
 * and undefined array items and non-finite numbers become null. Raises a
 * TypeError on values JSON has no form for (bigint, functions, symbols).
 */
export function canonicalJson(value: unknown): string {
  const text = writeValue(value, "$");
  return text ?? "null";
}

// Returns undefined for a value that an object leaves out.
function writeValue(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return "null";

  switch (typeof value) {
    case "boolean":
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "object":
      return writeObject(value, path);
    default:
      throw new TypeError(
        `Cannot write ${typeof value} at ${path} as JSON. Convert it to a string or number first.`,
      );
  }
}

function writeObject(value: object, path: string): string {
  if (Array.isArray(value)) {
    const items = value.map((item, i) => writeValue(item, `${path}[${i}]`));
    return `[${items.map((item) => item ?? "null").join(",")}]`;
  }

  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    return writeValue(toJSON.call(value), path) ?? "null";
  }

  const record = value as Record<string, unknown>;
  const fields: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const text = writeValue(record[key], `${path}.${key}`);
    if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${fields.join(",")}}`;
}
