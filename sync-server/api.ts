import type { IncomingMessage } from "node:http";
import { randomId } from "../model/doc/plan-doc.ts";
import {
  authenticatePerson,
  requireAccess,
  requirePlan,
  verifyOrThrow,
  type ApiContext,
} from "./api-auth.ts";
import { HttpError, readJsonBody } from "./http-json.ts";
import { claimPayInvite } from "./pay/invites.ts";
import { checkDisplayName, personColor, type Person } from "./person.ts";
import type { Role } from "./roles.ts";
import {
  MIN_PERSON_TOKEN_SECONDS,
  signToken,
  type TokenClaims,
} from "./tokens.ts";

export type { ApiContext };

/** A person's session in one plan, as /api/join and /api/session return it. */
export interface SessionBody {
  person: Person;
  planId: string;
  role: Role;
  /** ISO 8601 time the person token expires. */
  expiresAt: string;
}

/** Largest JSON body the API reads. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * POST /api/join: exchanges an invite (or an existing person token, to
 * rename) and a display name for a person token. The person token keeps the
 * invite's lifetime, at least 30 days, counted from now. An invite records a
 * new person in the plan, with the pay access a pay invite grants, and a
 * person token renames its person.
 */
export async function join(
  context: ApiContext,
  request: IncomingMessage,
): Promise<SessionBody & { token: string }> {
  const fields = await readFields(request);
  const claims = await verifyOrThrow(context, stringOrNull(fields.token));
  const name = readDisplayName(fields.name);
  requirePlan(context, claims.plan);
  requireAccess(context, claims);

  const now = Math.floor(Date.now() / 1000);
  const lifetime = Math.max(claims.exp - claims.iat, MIN_PERSON_TOKEN_SECONDS);
  const isInvite = claims.kind === "invite";
  const personId = isInvite ? randomId() : claims.sub;
  const inviteId = isInvite ? claims.sub : claims.invite;
  if (isInvite) {
    context.storage.transaction(() => {
      claimPayInvite(context.storage, claims.sub, personId);
      context.storage.people.insert({
        planId: claims.plan,
        personId,
        name,
        role: claims.role,
        inviteId: claims.sub,
        joinedAt: Date.now(),
      });
    });
  } else {
    context.storage.people.rename(personId, name);
  }

  return issuePersonToken(context, {
    personId,
    name,
    planId: claims.plan,
    role: claims.role,
    invite: inviteId,
    expiresAt: now + lifetime,
  });
}

/**
 * GET /api/session: describes the person token in the Authorization header,
 * with the name the server has for the person now.
 */
export async function session(
  context: ApiContext,
  request: IncomingMessage,
): Promise<SessionBody> {
  const claims = await authenticatePerson(context, request);
  const member = context.storage.people.get(claims.plan, claims.sub);
  return sessionBody(claims, member?.name ?? claims.name);
}

/**
 * PATCH /api/session `{ name }`: renames the person in every plan they belong
 * to and returns a person token with the new name. The token keeps the plan,
 * role and expiry of the one sent.
 */
export async function renameSession(
  context: ApiContext,
  request: IncomingMessage,
): Promise<SessionBody & { token: string }> {
  const claims = await authenticatePerson(context, request);
  const name = readDisplayName((await readFields(request)).name);
  context.storage.people.rename(claims.sub, name);
  return issuePersonToken(context, {
    personId: claims.sub,
    name,
    planId: claims.plan,
    role: claims.role,
    invite: claims.invite,
    expiresAt: claims.exp,
  });
}

/** Signs a person token and describes it as the join reply does. */
export async function issuePersonToken(
  context: ApiContext,
  person: {
    personId: string;
    name: string;
    planId: string;
    role: Role;
    invite: string | undefined;
    /** Seconds since the epoch. */
    expiresAt: number;
  },
): Promise<SessionBody & { token: string }> {
  const claims: Omit<TokenClaims, "iat" | "exp"> = {
    sub: person.personId,
    name: person.name,
    plan: person.planId,
    role: person.role,
    kind: "person",
  };
  if (person.invite !== undefined) claims.invite = person.invite;
  const token = await signToken(context.secret, claims, person.expiresAt);
  return {
    token,
    person: {
      id: person.personId,
      name: person.name,
      color: personColor(person.personId),
    },
    planId: person.planId,
    role: person.role,
    expiresAt: new Date(person.expiresAt * 1000).toISOString(),
  };
}

/** Reads a JSON object body; anything else counts as an empty object. */
export async function readFields(
  request: IncomingMessage,
): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  return body !== null && typeof body === "object" && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

function readDisplayName(value: unknown): string {
  const name = checkDisplayName(value);
  if (!name.ok) throw new HttpError(400, "NAME_INVALID", name.message);
  return name.name;
}

function sessionBody(claims: TokenClaims, name: string): SessionBody {
  return {
    person: { id: claims.sub, name, color: personColor(claims.sub) },
    planId: claims.plan,
    role: claims.role,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
