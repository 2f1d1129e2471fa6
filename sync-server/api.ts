import type { IncomingMessage } from "node:http";
import { randomId } from "../model/doc/plan-doc.ts";
import { bearerToken, HttpError, readJsonBody } from "./http-json.ts";
import { checkDisplayName, personColor, type Person } from "./person.ts";
import type { Role } from "./roles.ts";
import type { Storage } from "./storage.ts";
import {
  MIN_PERSON_TOKEN_SECONDS,
  signToken,
  TokenError,
  verifyToken,
  type TokenClaims,
} from "./tokens.ts";

export interface ApiContext {
  secret: Uint8Array;
  storage: Storage;
}

/** A person's session in one plan, as /api/join and /api/session return it. */
export interface SessionBody {
  person: Person;
  planId: string;
  role: Role;
  /** ISO 8601 time the person token expires. */
  expiresAt: string;
}

const MAX_JOIN_BODY_BYTES = 16 * 1024;

/**
 * POST /api/join: exchanges an invite (or an existing person token, to
 * rename) and a display name for a person token. The person token keeps the
 * invite's lifetime, at least 30 days, counted from now.
 */
export async function join(
  context: ApiContext,
  request: IncomingMessage,
): Promise<SessionBody & { token: string }> {
  const body = await readJsonBody(request, MAX_JOIN_BODY_BYTES);
  const fields = (body ?? {}) as Record<string, unknown>;
  const claims = await verifyOrThrow(context, stringOrNull(fields.token));
  const name = checkDisplayName(fields.name);
  if (!name.ok) throw new HttpError(400, "NAME_INVALID", name.message);
  requirePlan(context, claims.plan);

  const now = Math.floor(Date.now() / 1000);
  const lifetime = Math.max(claims.exp - claims.iat, MIN_PERSON_TOKEN_SECONDS);
  const expiresAt = now + lifetime;
  const personId = claims.kind === "person" ? claims.sub : randomId();
  const token = await signToken(
    context.secret,
    {
      sub: personId,
      name: name.name,
      plan: claims.plan,
      role: claims.role,
      kind: "person",
    },
    expiresAt,
  );

  return {
    token,
    person: { id: personId, name: name.name, color: personColor(personId) },
    planId: claims.plan,
    role: claims.role,
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  };
}

/** GET /api/session: describes the person token in the Authorization header. */
export async function session(
  context: ApiContext,
  request: IncomingMessage,
): Promise<SessionBody> {
  const claims = await verifyOrThrow(context, bearerToken(request));
  if (claims.kind !== "person") {
    throw new HttpError(
      401,
      "INVITE_TOKEN",
      "This token is an invite, not a person token. POST it to /api/join with a display name first.",
    );
  }
  requirePlan(context, claims.plan);
  return {
    person: {
      id: claims.sub,
      name: claims.name,
      color: personColor(claims.sub),
    },
    planId: claims.plan,
    role: claims.role,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
  };
}

async function verifyOrThrow(
  context: ApiContext,
  token: string | null,
): Promise<TokenClaims> {
  try {
    return await verifyToken(context.secret, token);
  } catch (error) {
    if (error instanceof TokenError)
      throw new HttpError(401, error.code, error.message);
    throw error;
  }
}

function requirePlan(context: ApiContext, planId: string): void {
  if (!context.storage.getPlan(planId)) {
    throw new HttpError(
      404,
      "PLAN_NOT_FOUND",
      `Plan "${planId}" does not exist on this server. Ask for an invite to an existing plan.`,
    );
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
