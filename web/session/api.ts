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
  const body = await request("/api/join", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: inviteToken, name }),
  });
  return readJoinReply(body);
}

/** Reads who a personal token belongs to; raises ApiError 401 when the token is expired or revoked. */
export async function fetchSession(token: string): Promise<SessionReply> {
  const body = await request("/api/session", {
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

async function request(path: string, init: RequestInit): Promise<unknown> {
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

function readJoinReply(body: unknown): JoinReply {
  const reply = body as JoinReply;
  const valid =
    typeof reply?.token === "string" &&
    typeof reply.person?.id === "string" &&
    typeof reply.planId === "string" &&
    isRole(reply.role);
  if (!valid) {
    throw new ApiError(
      "invalid_reply",
      "The server's join reply is missing the token, person, plan id or role.",
      200,
    );
  }
  return reply;
}
