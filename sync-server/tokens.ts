import { errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { PLAN_ID_PATTERN } from "../model/doc/schema.ts";
import { randomId } from "../model/doc/plan-doc.ts";
import { isRole, type Role } from "./roles.ts";

/**
 * An invite token lets anyone holding it join; a person token names one person.
 */
export type TokenKind = "invite" | "person";

/** The verified claims of a Meridian token. */
export interface TokenClaims {
  /** Person id for a person token, invite id for an invite. */
  sub: string;
  /** Display name; empty for an invite. */
  name: string;
  plan: string;
  role: Role;
  kind: TokenKind;
  /**
   * Id of the invite a person token's person joined with. It is absent for
   * a plan's creator and for tokens issued before invites were recorded.
   */
  invite?: string;
  /** Issue and expiry times in seconds since the epoch. */
  iat: number;
  exp: number;
}

export const DAY_SECONDS = 86_400;

/**
 * Shortest lifetime of a person token, so that a workshop link keeps working.
 */
export const MIN_PERSON_TOKEN_SECONDS = 30 * DAY_SECONDS;

const ALGORITHM = "HS256";

/** Why a token was rejected: a stable code and a sentence for people. */
export class TokenError extends Error {
  override name = "TokenError";

  constructor(
    readonly code: "TOKEN_MISSING" | "TOKEN_INVALID" | "TOKEN_EXPIRED",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Signs a token carrying `claims` that expires at `expiresAt` (seconds since
 * the epoch). HS256 is deterministic, so the same claims and times sign the
 * same token again: the server rebuilds a recorded invite's link that way.
 */
export async function signToken(
  secret: Uint8Array,
  claims: Omit<TokenClaims, "iat" | "exp">,
  expiresAt: number,
  issuedAt: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  const payload: JWTPayload = {
    name: claims.name,
    plan: claims.plan,
    role: claims.role,
    kind: claims.kind,
  };
  if (claims.invite !== undefined) payload.inv = claims.invite;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(secret);
}

/**
 * Signs an invite to `planId` with `role`, valid for `days` days from now,
 * without recording it. The server records such an invite the first time it
 * is used; `mintInvite` in invites.ts records it at once.
 */
export async function signInvite(
  secret: Uint8Array,
  planId: string,
  role: Role,
  days: number,
): Promise<string> {
  const expiresAt = Math.floor(Date.now() / 1000) + days * DAY_SECONDS;
  return signToken(
    secret,
    { sub: randomId(), name: "", plan: planId, role, kind: "invite" },
    expiresAt,
  );
}

/**
 * Verifies a token's signature, expiry and claims. Throws a TokenError
 * whose message never contains the token.
 */
export async function verifyToken(
  secret: Uint8Array,
  token: string | null | undefined,
): Promise<TokenClaims> {
  if (!token) {
    throw new TokenError(
      "TOKEN_MISSING",
      "No token was sent. Open the plan through an invite link.",
    );
  }

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, secret, {
      algorithms: [ALGORITHM],
    }));
  } catch (error) {
    throw toTokenError(error);
  }
  return readClaims(payload);
}

function toTokenError(error: unknown): TokenError {
  if (error instanceof errors.JWTExpired) {
    return new TokenError(
      "TOKEN_EXPIRED",
      "The token has expired. Ask the plan owner for a new invite link.",
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenError(
      "TOKEN_INVALID",
      "The token's signature is invalid: it was signed by another server or altered. Ask for a new invite link.",
    );
  }
  if (error instanceof errors.JOSEError) {
    return new TokenError(
      "TOKEN_INVALID",
      `The token is malformed (${error.code}). Copy the whole invite link again.`,
    );
  }
  throw error;
}

function readClaims(payload: JWTPayload): TokenClaims {
  const { sub, name, plan, role, kind, inv, iat, exp } = payload;
  const valid =
    typeof sub === "string" &&
    sub.length > 0 &&
    typeof name === "string" &&
    typeof plan === "string" &&
    PLAN_ID_PATTERN.test(plan) &&
    isRole(role) &&
    (kind === "invite" || kind === "person") &&
    (inv === undefined || (typeof inv === "string" && inv.length > 0)) &&
    typeof iat === "number" &&
    typeof exp === "number";
  if (!valid) {
    throw new TokenError(
      "TOKEN_INVALID",
      "The token lacks the Meridian claims sub, name, plan, role, kind, iat and exp. Ask for a new invite link.",
    );
  }
  const claims: TokenClaims = { sub, name, plan, role, kind, iat, exp };
  if (typeof inv === "string") claims.invite = inv;
  return claims;
}
