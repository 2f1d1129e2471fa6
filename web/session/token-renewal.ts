import { ApiError } from "./api.ts";
import { openPlanSession } from "./plans-api.ts";
import { loadSession } from "./stored-sessions.ts";
import type { PersonalSession } from "./types.ts";

/** Share of a token's lifetime left when the page renews it. */
export const RENEW_WHEN_LEFT = 1 / 3;

/** Lifetime assumed for a token whose payload has no readable `iat` and `exp`: the server's minimum, 30 days. */
const DEFAULT_LIFETIME_MS = 30 * 86_400_000;

/** First wait before a failed renewal is tried again; each retry doubles it up to `MAX_RETRY_MS`. */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 5 * 60_000;

// setTimeout fires at once for a delay above 2^31 - 1 ms (about 24.8 days),
// so a longer wait runs as several timers.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Returns the time (milliseconds since the epoch) from which the session's
 * token should be renewed: when less than a third of its lifetime is left.
 */
export function renewalTime(session: PersonalSession): number {
  const expiry = Date.parse(session.expiresAt);
  const payload = readTokenTimes(session.token);
  const lifetimeMs =
    payload !== null && payload.exp > payload.iat
      ? (payload.exp - payload.iat) * 1000
      : DEFAULT_LIFETIME_MS;
  return expiry - lifetimeMs * RENEW_WHEN_LEFT;
}

/**
 * Exchanges the session's token for a new one of the same person and plan
 * (POST /api/plans/<planId>/session), which the server issues with the
 * token's lifetime, at least 30 days, counted from now. The person's name
 * stays as this page has it, because a rename made offline may still be
 * pending. Raises ApiError: status 0 offline, 401 for an expired or invalid
 * token, 403 for a person removed from the plan.
 */
export async function renewSession(
  session: PersonalSession,
): Promise<PersonalSession> {
  const reply = await openPlanSession(session.token, session.planId);
  if (reply.planId !== session.planId || reply.person.id !== session.person.id)
    throw new ApiError(
      "invalid_reply",
      `The server renewed the session of another person or plan (${reply.planId}) than plan "${session.planId}". Reload the page.`,
      200,
    );
  return {
    ...session,
    token: reply.token,
    role: reply.role,
    expiresAt: reply.expiresAt,
  };
}

/** Callbacks through which a SessionRenewer reads the session and reports the outcome. */
export interface RenewalHandlers {
  /** The session the page uses now. */
  current(): PersonalSession;
  /** Receives the renewed session; the caller stores it and uses its token from now on. */
  renewed(session: PersonalSession): void;
  /** Receives the server's 401 or 403: the token can no longer be renewed. */
  rejected(error: ApiError): void;
}

/** Dependencies of a SessionRenewer that a test can replace. The defaults are the page's own. */
export interface RenewerParts {
  /** Function that exchanges the session's token for a new one, `renewSession` unless given. */
  renew?: (session: PersonalSession) => Promise<PersonalSession>;
  /** Target of the browser's `online` event, `window` unless given. */
  events?: Pick<EventTarget, "addEventListener" | "removeEventListener">;
}

/**
 * Renews the page's personal token before it expires: at start when it is
 * already due (page load), else on a timer. A renewal that fails because
 * the server cannot be reached or returns a 5xx status is tried again after 5
 * seconds, doubling up to 5 minutes, and at once when the browser comes
 * back online. A 401 or 403 stops it and goes to `rejected`.
 */
export class SessionRenewer {
  readonly #handlers: RenewalHandlers;
  readonly #renewSession: (
    session: PersonalSession,
  ) => Promise<PersonalSession>;
  readonly #events: RenewerParts["events"];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #retryMs = FIRST_RETRY_MS;
  #renewing = false;
  #stopped = false;
  readonly #onOnline = () => {
    if (this.#retryMs > FIRST_RETRY_MS) this.schedule();
  };

  constructor(handlers: RenewalHandlers, parts: RenewerParts = {}) {
    this.#handlers = handlers;
    this.#renewSession = parts.renew ?? renewSession;
    this.#events = parts.events;
  }

  start(): void {
    this.#eventTarget().addEventListener("online", this.#onOnline);
    this.schedule();
  }

  stop(): void {
    this.#stopped = true;
    this.#clearTimer();
    this.#eventTarget().removeEventListener("online", this.#onOnline);
  }

  /** Plans the next renewal from the current session; call it after the session's token changed. */
  schedule(): void {
    if (this.#stopped) return;
    this.#clearTimer();
    const wait = renewalTime(this.#handlers.current()) - Date.now();
    if (wait <= 0) {
      void this.#renew();
      return;
    }
    this.#timer = setTimeout(
      () => this.schedule(),
      Math.min(wait, MAX_TIMER_MS),
    );
  }

  async #renew(): Promise<void> {
    if (this.#renewing) return;
    this.#renewing = true;
    const sent = this.#handlers.current();
    try {
      const next = await this.#renewSession(sent);
      if (this.#stopped) return;
      this.#retryMs = FIRST_RETRY_MS;
      // A rename during the request replaced the token; that one is newer.
      if (this.#handlers.current().token === sent.token)
        this.#handlers.renewed(next);
      this.schedule();
    } catch (error) {
      if (this.#stopped) return;
      if (
        error instanceof ApiError &&
        (error.status === 401 || error.status === 403)
      ) {
        this.#handlers.rejected(error);
        return;
      }
      console.warn(
        `Renewing the token of plan "${sent.planId}" failed; retrying in ${this.#retryMs / 1000} s.`,
        error,
      );
      this.#clearTimer();
      this.#timer = setTimeout(() => void this.#renew(), this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
    } finally {
      this.#renewing = false;
    }
  }

  // Read at start and stop, not in the constructor, so that building a
  // renewer needs no `window`.
  #eventTarget(): NonNullable<RenewerParts["events"]> {
    return this.#events ?? window;
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/**
 * Returns y-websocket `params` whose `token` is read each time the provider
 * builds its URL, which it does on every (re)connect. A renewed token then
 * opens the next connection without closing the current one.
 */
export function liveTokenParams(
  readToken: () => string,
): Record<string, string> {
  return {
    get token() {
      return readToken();
    },
  };
}

/**
 * Returns the token of the plan's session stored in this browser when it
 * expires later than `token`, else `token`. A client made with a token then
 * follows the renewals that the open plan stores.
 */
export function newerStoredToken(planId: string, token: string): string {
  const stored = loadSession(planId);
  if (stored === null || stored.token === token) return token;
  const expiry = readTokenTimes(token)?.exp ?? 0;
  return Date.parse(stored.expiresAt) > expiry * 1000 ? stored.token : token;
}

/**
 * Reads `iat` and `exp` (seconds since the epoch) from a compact JWT's
 * payload without verifying it, or returns null when they are missing.
 */
export function readTokenTimes(
  token: string,
): { iat: number; exp: number } | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as {
      iat?: unknown;
      exp?: unknown;
    };
    if (typeof payload.iat !== "number" || typeof payload.exp !== "number")
      return null;
    return { iat: payload.iat, exp: payload.exp };
  } catch {
    return null;
  }
}
