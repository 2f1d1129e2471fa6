import type { IncomingMessage } from "node:http";
import { checkAccess } from "./access.ts";
import { bearerToken, HttpError } from "./http-json.ts";
import type { Logger } from "./log.ts";
import type { RoomMember } from "./room.ts";
import type { Storage } from "./storage.ts";
import { TokenError, verifyToken, type TokenClaims } from "./tokens.ts";

/** The server parts that every API handler uses. */
export interface ApiContext {
  secret: Uint8Array;
  storage: Storage;
  logger: Logger;
  /** Folder of manifest.json, whose datasets a new plan names. */
  publicDataDir: string;
  /** Base URL of invite links when a request has no usable Host header. */
  publicBaseUrl(): string;
  /**
   * Closes the open sockets of a plan's rooms that `match` selects, with
   * 4403 and `reason`; returns how many it closed.
   */
  closeSockets(
    planId: string,
    match: (member: RoomMember) => boolean,
    reason: string,
  ): number;
  /**
   * Brings the SQLite copy of a plan's room up to date before a request
   * reads it. Set in cluster mode only.
   */
  refreshPlan?: (planId: string) => Promise<void>;
}

/** Verifies a token, turning a TokenError into a 401 reply. */
export async function verifyOrThrow(
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

export function requirePlan(context: ApiContext, planId: string): void {
  if (!context.storage.getPlan(planId)) {
    throw new HttpError(
      404,
      "PLAN_NOT_FOUND",
      `Plan ${quotePlanId(planId)} does not exist on this server. Ask for an invite to an existing plan.`,
    );
  }
}

/** Maximum characters of a requested plan id that an error message repeats. */
const QUOTED_ID_CHARS = 80;

/**
 * Quotes a plan id from a request for an error message: control characters
 * escaped as JSON escapes them, and an id over 80 characters cut short.
 */
export function quotePlanId(planId: string): string {
  if (planId.length <= QUOTED_ID_CHARS) return JSON.stringify(planId);
  return `${JSON.stringify(planId.slice(0, QUOTED_ID_CHARS))}... (${planId.length} characters)`;
}

/** Rejects a revoked invite or a removed person with 403. */
export function requireAccess(context: ApiContext, claims: TokenClaims): void {
  const denial = checkAccess(context.storage, claims);
  if (denial) throw new HttpError(403, denial.code, denial.message);
}

/**
 * Reads the person token of the Authorization header and checks that its
 * plan exists and that the person was not removed from it.
 */
export async function authenticatePerson(
  context: ApiContext,
  request: IncomingMessage,
): Promise<TokenClaims> {
  const claims = await verifyOrThrow(context, bearerToken(request));
  if (claims.kind !== "person") {
    throw new HttpError(
      401,
      "INVITE_TOKEN",
      "This token is an invite, not a person token. POST it to /api/join with a display name first.",
    );
  }
  requirePlan(context, claims.plan);
  requireAccess(context, claims);
  return claims;
}

/** Rejects a token of another plan with 403, after checking the plan exists. */
export function requireMember(
  context: ApiContext,
  claims: TokenClaims,
  planId: string,
): void {
  requirePlan(context, planId);
  if (claims.plan !== planId) {
    throw new HttpError(
      403,
      "WRONG_PLAN",
      `This token is for plan "${claims.plan}", not "${planId}". Use the token you got for plan "${planId}".`,
    );
  }
}

/** Rejects anyone but an editor of `planId` with 403. */
export function requireEditor(
  context: ApiContext,
  claims: TokenClaims,
  planId: string,
  action: string,
): void {
  requireMember(context, claims, planId);
  if (claims.role !== "editor") {
    throw new HttpError(
      403,
      "EDITOR_REQUIRED",
      `Only editors can ${action}; your role in plan "${planId}" is ${claims.role}. Ask an editor of the plan.`,
    );
  }
}
