import { isRole, type Person, type Role } from "./types.ts";

/** An error reply of the Meridian server: `{ error: { code, message } }` with its HTTP status. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export interface JoinReply {
  token: string;
  person: Person;
  planId: string;
  role: Role;
  expiresAt: string;
}

export interface SessionReply {
  person: Person;
  planId: string;
  role: Role;
  expiresAt: string;
}

/** Exchanges an invite token and a display name for a personal token. */
export async function joinPlan(
  inviteToken: string,
  name: string,
): Promise<JoinReply> {
  const body = await apiRequest("/api/join", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: inviteToken, name }),
  });
  return readJoinReply(body);
}

/**
 * Reads who a personal token belongs to, with the name the server has for
 * them now. Raises ApiError 401 when the token is invalid or expired, and 403
 * when the person was removed from the plan.
 */
export async function fetchSession(token: string): Promise<SessionReply> {
  const body = await apiRequest("/api/session", {
    headers: { authorization: `Bearer ${token}` },
  });
  const reply = body as SessionReply;
  if (!isRole(reply?.role) || typeof reply.planId !== "string") {
    throw new ApiError(
      "invalid_reply",
      "The server sent a session without a valid role or plan id.",
      200,
    );
  }
  return reply;
}

/** Renames the token's person on the server and returns a token with the new name. */
export async function renameSelf(
  token: string,
  name: string,
): Promise<JoinReply> {
  const body = await apiRequest("/api/session", {
    method: "PATCH",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ name }),
  });
  return readJoinReply(body);
}

/**
 * Sends one request to the Meridian API and returns the parsed JSON body.
 * Raises ApiError with the server's code and message for an error status,
 * and with status 0 when the server cannot be reached.
 */
export async function apiRequest(
  path: string,
  init: RequestInit = {},
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(
      "unreachable",
      `Could not reach the Meridian server at ${window.location.host}. Check your connection or that the server is running, then try again.`,
      0,
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } })
      ?.error;
    throw new ApiError(
      error?.code ?? `http_${response.status}`,
      error?.message ??
        `The server rejected ${path} with HTTP ${response.status}.`,
      response.status,
    );
  }
  return body;
}

export function readJoinReply(body: unknown): JoinReply {
  const reply = body as JoinReply;
  const valid =
    typeof reply?.token === "string" &&
    typeof reply.person?.id === "string" &&
    typeof reply.planId === "string" &&
    isRole(reply.role);
  if (!valid) {
    throw new ApiError(
      "invalid_reply",
      "The server's reply is missing the token, person, plan id or role.",
      200,
    );
  }
  return reply;
}
