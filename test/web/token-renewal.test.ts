import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { ApiError } from "../../web/session/api.ts";
import {
  FIRST_RETRY_MS,
  MAX_RETRY_MS,
  renewalTime,
  SessionRenewer,
} from "../../web/session/token-renewal.ts";
import type { PersonalSession } from "../../web/session/types.ts";

const DAY_MS = 86_400_000;
const NOW = Date.parse("2027-01-01T00:00:00.000Z");

/** Builds an unsigned compact JWT with the given `iat` and `exp` (milliseconds). */
function jwt(iatMs: number, expMs: number, id = "a"): string {
  const payload = { iat: iatMs / 1000, exp: expMs / 1000, jti: id };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `eyJhbGciOiJIUzI1NiJ9.${body}.signature`;
}

function session(token: string, expiresMs: number): PersonalSession {
  return {
    token,
    person: { id: "p-ada", name: "Ada", color: "#1f77b4" },
    planId: "demo",
    role: "editor",
    expiresAt: new Date(expiresMs).toISOString(),
    inviteDigest: null,
  };
}

/** Builds a session issued at `issuedMs` that lives `lifetimeMs`. */
function issued(issuedMs: number, lifetimeMs: number, id = "a") {
  const expires = issuedMs + lifetimeMs;
  return session(jwt(issuedMs, expires, id), expires);
}

const offline = () => new ApiError("offline", "The server is offline.", 0);

/**
 * Starts a renewer on `first` whose handlers keep the current session as
 * the page does, with `renew` in place of the request to the server.
 */
function startRenewer(
  first: PersonalSession,
  renew: (sent: PersonalSession) => Promise<PersonalSession>,
) {
  const events = new EventTarget();
  const state = {
    current: first,
    renewed: [] as PersonalSession[],
    rejected: [] as ApiError[],
    calls: [] as { at: number; token: string }[],
  };
  const renewer = new SessionRenewer(
    {
      current: () => state.current,
      renewed: (next) => {
        state.renewed.push(next);
        state.current = next;
      },
      rejected: (error) => state.rejected.push(error),
    },
    {
      events,
      renew: (sent) => {
        state.calls.push({ at: Date.now(), token: sent.token });
        return renew(sent);
      },
    },
  );
  renewer.start();
  return { renewer, events, state };
}

let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("renewalTime", () => {
  test("a third of the lifetime left", () => {
    const token = issued(NOW, 30 * DAY_MS);
    expect(renewalTime(token)).toBe(NOW + 20 * DAY_MS);
  });

  test("unreadable token assumes 30 days", () => {
    const opaque = session("not-a-jwt", NOW + 45 * DAY_MS);
    expect(renewalTime(opaque)).toBe(NOW + 35 * DAY_MS);
  });
});

describe("SessionRenewer", () => {
  test("first renewal at a third left", async () => {
    const first = issued(NOW, 30 * DAY_MS);
    const next = issued(NOW + 20 * DAY_MS, 30 * DAY_MS, "b");
    const { state, renewer } = startRenewer(first, async () => next);

    await vi.advanceTimersByTimeAsync(20 * DAY_MS - 1);
    expect(state.calls).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    expect(state.calls).toEqual([
      { at: NOW + 20 * DAY_MS, token: first.token },
    ]);
    expect(state.renewed).toEqual([next]);
    renewer.stop();
  });

  test("wait beyond the timer limit", async () => {
    // 60 days is more than setTimeout's 2^31 - 1 ms, about 24.8 days.
    const first = issued(NOW, 90 * DAY_MS);
    const { state, renewer } = startRenewer(first, async () => first);

    await vi.advanceTimersByTimeAsync(60 * DAY_MS - 1);
    expect(state.calls).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    expect(state.calls.map((call) => call.at)).toEqual([NOW + 60 * DAY_MS]);
    renewer.stop();
  });

  test("next renewal follows the new token", async () => {
    const first = issued(NOW, 30 * DAY_MS);
    const next = issued(NOW + 20 * DAY_MS, 60 * DAY_MS, "b");
    const { state, renewer } = startRenewer(first, async (sent) =>
      sent.token === first.token ? next : sent,
    );

    await vi.advanceTimersByTimeAsync(20 * DAY_MS);
    expect(state.calls).toHaveLength(1);

    // The new token lives 60 days from day 20, so it is due on day 60.
    await vi.advanceTimersByTimeAsync(40 * DAY_MS - 1);
    expect(state.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.calls[1]).toEqual({
      at: NOW + 60 * DAY_MS,
      token: next.token,
    });
    renewer.stop();
  });

  test("backoff doubles up to 5 minutes", async () => {
    // Due at start: 5 of 30 days are left.
    const due = issued(NOW - 25 * DAY_MS, 30 * DAY_MS);
    const { state, renewer } = startRenewer(due, () =>
      Promise.reject(offline()),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(state.calls.map((call) => call.at)).toEqual([NOW]);

    const waits = [5, 10, 20, 40, 80, 160, 300, 300, 300].map((s) => s * 1000);
    expect(waits[0]).toBe(FIRST_RETRY_MS);
    expect(waits.at(-1)).toBe(MAX_RETRY_MS);
    let at = NOW;
    for (const [index, wait] of waits.entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(state.calls, `before retry ${index + 1}`).toHaveLength(index + 1);
      await vi.advanceTimersByTimeAsync(1);
      at += wait;
      expect(state.calls, `retry ${index + 1}`).toHaveLength(index + 2);
      expect(state.calls[index + 1].at).toBe(at);
    }
    expect(state.renewed).toEqual([]);
    expect(state.rejected).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(waits.length + 1);
    expect(warn.mock.calls[0][0]).toContain("retrying in 5 s");
    expect(warn.mock.calls.at(-1)?.[0]).toContain("retrying in 300 s");
    renewer.stop();
  });

  test("server error retries like offline", async () => {
    const due = issued(NOW - 25 * DAY_MS, 30 * DAY_MS);
    const unavailable = new ApiError("unavailable", "Try later.", 503);
    const { state, renewer } = startRenewer(due, () =>
      Promise.reject(unavailable),
    );
    await vi.advanceTimersByTimeAsync(FIRST_RETRY_MS);

    expect(state.calls).toHaveLength(2);
    expect(state.rejected).toEqual([]);
    renewer.stop();
  });

  test("retries at once when online", async () => {
    const due = issued(NOW - 25 * DAY_MS, 30 * DAY_MS);
    const next = issued(NOW, 30 * DAY_MS, "b");
    let reachable = false;
    const { state, events, renewer } = startRenewer(due, async () => {
      if (!reachable) throw offline();
      return next;
    });
    await vi.advanceTimersByTimeAsync(FIRST_RETRY_MS + 1_000);
    expect(state.calls).toHaveLength(2);

    reachable = true;
    events.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(0);

    expect(state.calls).toHaveLength(3);
    expect(state.calls[2].at).toBe(NOW + FIRST_RETRY_MS + 1_000);
    expect(state.renewed).toEqual([next]);

    // The pending retry was replaced by the schedule of the new token.
    await vi.advanceTimersByTimeAsync(MAX_RETRY_MS);
    expect(state.calls).toHaveLength(3);
    renewer.stop();
  });

  test("online before due keeps the time", async () => {
    const first = issued(NOW, 30 * DAY_MS);
    const { state, events, renewer } = startRenewer(first, async () => first);

    events.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(20 * DAY_MS - 1);
    expect(state.calls).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    expect(state.calls.map((call) => call.at)).toEqual([NOW + 20 * DAY_MS]);
    renewer.stop();
  });

  test("success resets the backoff", async () => {
    const due = issued(NOW - 25 * DAY_MS, 30 * DAY_MS);
    // Lives 3 days, so the renewed token is due again after 2 days.
    const short = issued(NOW + 15_000, 3 * DAY_MS, "b");
    const outcomes: (PersonalSession | null)[] = [null, null, short, null];
    const { state, renewer } = startRenewer(due, async () => {
      const outcome = outcomes.shift() ?? null;
      if (outcome === null) throw offline();
      return outcome;
    });

    // Fails at 0 and 5 s, succeeds at 15 s.
    await vi.advanceTimersByTimeAsync(15_000);
    expect(state.renewed).toEqual([short]);

    await vi.advanceTimersByTimeAsync(2 * DAY_MS);
    expect(state.calls).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(FIRST_RETRY_MS - 1);
    expect(state.calls).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.calls).toHaveLength(5);
    renewer.stop();
  });

  test("stop cancels timer and listener", async () => {
    const first = issued(NOW, 30 * DAY_MS);
    const { state, events, renewer } = startRenewer(first, () =>
      Promise.reject(offline()),
    );

    renewer.stop();
    await vi.advanceTimersByTimeAsync(30 * DAY_MS);
    events.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(0);

    expect(state.calls).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("stop cancels a pending retry", async () => {
    const due = issued(NOW - 25 * DAY_MS, 30 * DAY_MS);
    const { state, events, renewer } = startRenewer(due, () =>
      Promise.reject(offline()),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(state.calls).toHaveLength(1);

    renewer.stop();
    events.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(MAX_RETRY_MS);

    expect(state.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("stop drops a renewal in flight", async () => {
    const due = issued(NOW - 25 * DAY_MS, 30 * DAY_MS);
    const next = issued(NOW, 30 * DAY_MS, "b");
    let answer: (session: PersonalSession) => void = () => {};
    const { state, renewer } = startRenewer(
      due,
      () => new Promise((resolve) => (answer = resolve)),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(state.calls).toHaveLength(1);

    renewer.stop();
    answer(next);
    await vi.advanceTimersByTimeAsync(0);

    expect(state.renewed).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("rename during renewal keeps its token", async () => {
    const due = issued(NOW - 25 * DAY_MS, 30 * DAY_MS);
    const renamed = issued(NOW, 30 * DAY_MS, "renamed");
    const next = issued(NOW, 30 * DAY_MS, "b");
    let answer: (session: PersonalSession) => void = () => {};
    const { state, renewer } = startRenewer(
      due,
      () => new Promise((resolve) => (answer = resolve)),
    );
    await vi.advanceTimersByTimeAsync(0);

    state.current = renamed;
    answer(next);
    await vi.advanceTimersByTimeAsync(0);

    expect(state.renewed).toEqual([]);
    expect(state.current).toBe(renamed);
    renewer.stop();
  });

  test.each([401, 403])("expired token gets %i: rejected", async (status) => {
    const expired = issued(NOW - 31 * DAY_MS, 30 * DAY_MS);
    const refusal = new ApiError("token_invalid", "Expired.", status);
    const { state, renewer } = startRenewer(expired, () =>
      Promise.reject(refusal),
    );

    await vi.advanceTimersByTimeAsync(0);
    expect(state.calls.map((call) => call.at)).toEqual([NOW]);
    expect(state.rejected).toEqual([refusal]);

    await vi.advanceTimersByTimeAsync(MAX_RETRY_MS * 2);
    expect(state.calls).toHaveLength(1);
    expect(state.renewed).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    renewer.stop();
  });
});
