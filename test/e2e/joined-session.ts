import type { Browser, BrowserContext } from "playwright-core";
import type { Role } from "../../sync-server/roles.ts";
import type { PersonalSession } from "../../web/session/types.ts";
import type { AppServer } from "./app-server.ts";

/**
 * Joins the demo plan through POST /api/join, as the name form does, and
 * returns the session the web app would store for this person.
 */
export async function joinOverHttp(
  app: AppServer,
  role: Role,
  name: string,
): Promise<PersonalSession> {
  const invite = new URL(await app.link(role)).searchParams.get("token");
  const response = await fetch(`${app.server.url}/api/join`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: invite, name }),
  });
  if (!response.ok) {
    throw new Error(
      `POST /api/join failed with ${response.status}: ${await response.text()}`,
    );
  }
  const reply = (await response.json()) as Omit<
    PersonalSession,
    "inviteDigest"
  >;
  return { ...reply, inviteDigest: null };
}

/**
 * Creates a browser context whose localStorage contains a joined session
 * before any page script runs, so that `/?plan=<id>` opens the plan with no
 * name form, as on a device that joined before.
 */
export async function joinedContext(
  browser: Browser,
  app: AppServer,
  session: PersonalSession,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(60_000);
  await context.addInitScript(
    ({ origin, stored }) => {
      if (window.location.origin !== origin) return;
      const key = `meridian.session.${stored.planId}`;
      if (!window.localStorage.getItem(key)) {
        window.localStorage.setItem(key, JSON.stringify(stored));
      }
    },
    { origin: new URL(planUrl(app)).origin, stored: session },
  );
  return context;
}

/** Returns the page URL of a plan on the server, as the app shows it after joining. */
export function planUrl(app: AppServer, planId = "demo"): string {
  return `http://localhost:${app.server.port}/?plan=${planId}`;
}
