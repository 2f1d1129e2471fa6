import type { IncomingMessage } from "node:http";
import { HttpError, readJsonBody } from "../http-json.ts";

/** Largest JSON body of the pay API, apart from a deals import. */
export const MAX_PAY_BODY_BYTES = 16 * 1024;

/** Reads a JSON object body; any other JSON value is a 400. */
export async function readObject(
  request: IncomingMessage,
  maxBytes = MAX_PAY_BODY_BYTES,
): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request, maxBytes);
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new HttpError(
      400,
      "BODY_INVALID",
      `The request body is ${JSON.stringify(body)?.slice(0, 40)}, not a JSON object. Send the fields as an object.`,
    );
  }
  return body as Record<string, unknown>;
}

/** Throws a 400 naming `field` unless `value` is a string of 1 to `max` characters after trimming. */
export function requireText(
  value: unknown,
  field: string,
  max: number,
): string {
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "" || [...text].length > max) {
    throw new HttpError(
      400,
      "FIELD_INVALID",
      `"${field}" is ${JSON.stringify(value ?? null)}; send text of 1 to ${max} characters.`,
    );
  }
  return text;
}
