import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { ApiError } from "../session/api.ts";
import { openPlanSession } from "../session/plans-api.ts";
import type { PlanChoice } from "../session/my-plans.ts";
import { saveSession } from "../session/stored-sessions.ts";
import {
  liveTokenParams,
  newerStoredToken,
  renewalTime,
  renewSession,
} from "../session/token-renewal.ts";
import type { PersonalSession } from "../session/types.ts";

/** Another plan's document, synced from the server for reading only. */
export interface ReadOnlyPlan {
  doc: Y.Doc;
  /** Resolves after the first sync, and rejects when the server closes the socket for good. */
  synced: Promise<void>;
  close(): void;
}

/**
 * Returns a token that opens the chosen plan: the session stored for it,
 * renewed and stored again when less than a third of its lifetime is left,
 * or else one exchanged on the server (POST /api/plans/<id>/session) with
 * the token the plans list came with, or the open plan's token.
 */
export async function tokenForChoice(
  choice: PlanChoice,
  current: PersonalSession,
): Promise<string> {
  if (choice.session && !choice.expired)
    return (await renewIfDue(choice.session)).token;
  const via = choice.viaToken ?? current.token;
  const reply = await openPlanSession(via, choice.planId);
  return reply.token;
}

/**
 * Connects a fresh in-memory Y.Doc to a plan's room. Nothing writes to the
 * document, and it is not stored in IndexedDB, so closing it leaves no trace.
 */
export function openReadOnlyPlan(
  socketBase: string,
  planId: string,
  token: string,
): ReadOnlyPlan {
  const doc = new Y.Doc();
  // A reconnect uses the plan's stored session when it has been renewed
  // since, such as by a tab that has this plan open.
  const provider = new WebsocketProvider(`${socketBase}/sync`, planId, doc, {
    params: liveTokenParams(() => newerStoredToken(planId, token)),
  });
  const synced = new Promise<void>((resolve, reject) => {
    provider.on("sync", (isSynced: boolean) => {
      if (isSynced) resolve();
    });
    // The client stops reconnecting after a close code of 4400 to 4499,
    // such as 4401 for an expired token or 4403 for a removed person.
    provider.on("closed", ({ code, reason }) => {
      reject(new Error(rejectionText(planId, code, reason)));
    });
  });
  return {
    doc,
    synced,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

// A renewal that fails offline or on a 5xx keeps the stored session, which
// still opens the plan until it expires. A 4xx, such as 401 for an expired
// token or 403 for a removed person, is raised because the socket would be
// rejected too.
async function renewIfDue(session: PersonalSession): Promise<PersonalSession> {
  if (Date.now() < renewalTime(session)) return session;
  try {
    const renewed = await renewSession(session);
    saveSession(renewed);
    return renewed;
  } catch (error) {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500)
      throw error;
    return session;
  }
}

/** Returns the address of this page's server as a WebSocket URL. */
export function pageSocketBase(): string {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}`;
}

function rejectionText(planId: string, code: number, reason: string): string {
  const detail = reason ? ` ${reason}` : "";
  return `The server refused to open plan "${planId}" (code ${code}).${detail} Open the plan from the plans menu to renew your access.`;
}
