import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * An HTTP error reply: status, a stable code for programs and a sentence for
 * people.
 */
export class HttpError extends Error {
  override name = "HttpError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...headers,
  });
  response.end(text);
}

/** Sends `{ "error": { "code", "message" } }` with the error's status. */
export function sendError(response: ServerResponse, error: HttpError): void {
  sendJson(response, error.status, {
    error: { code: error.code, message: error.message },
  });
}

/**
 * Reads a JSON request body of at most `maxBytes`; throws an HttpError
 * otherwise.
 */
export async function readJsonBody(
  request: IncomingMessage,
  maxBytes: number,
): Promise<unknown> {
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      `Content-Type "${type}" is not application/json. Send the body as JSON.`,
    );
  }

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      throw new HttpError(
        413,
        "BODY_TOO_LARGE",
        `The request body exceeds ${maxBytes} bytes. Send a smaller body.`,
      );
    }
    chunks.push(chunk as Buffer);
  }

  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (error) {
    throw new HttpError(
      400,
      "INVALID_JSON",
      `The request body is not valid JSON: ${(error as Error).message}.`,
    );
  }
}

/** Returns the token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** Throws a 405 reply unless `method` is one of `allowed`. */
export function requireMethod(method: string, allowed: string[]): void {
  if (!allowed.includes(method)) {
    throw new HttpError(
      405,
      "METHOD_NOT_ALLOWED",
      `Method ${method} is not allowed here; use ${allowed.join(" or ")}.`,
    );
  }
}
