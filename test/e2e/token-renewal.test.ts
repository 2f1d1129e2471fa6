import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { signToken } from "../../sync-server/tokens.ts";
import type { PersonalSession } from "../../web/session/types.ts";
import { startAppServer, storedPlan, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import { joinedContext, joinOverHttp, planUrl } from "./joined-session.ts";
import {
  waitForAssignments,
  waitForConnection,
  waitForMapReady,
} from "./plan-page.ts";

// The server issues person tokens for at least 30 days, so the test signs
// a short-lived token of a joined person with the running server's secret.
// The page renews it when a third of its lifetime is left; the server
// renews it for 30 days.
const LIFETIME_SECONDS = 45;

// Counties of the demo plan and territories to paint them into, in turn:
// before, during and after the renewal, and while the server is down.
const EDITS: [unitId: string, territoryId: string][] = [
  ["48201", "demo-pacific"],
  ["17031", "demo-new-england"],
  ["06037", "demo-mountain"],
  ["36061", "demo-pacific"],
  ["04013", "demo-new-england"],
  ["12086", "demo-mountain"],
  ["53033", "demo-pacific"],
  ["13121", "demo-new-england"],
  ["26163", "demo-mountain"],
  ["39035", "demo-pacific"],
  ["29189", "demo-new-england"],
  ["27053", "demo-mountain"],
  ["32003", "demo-pacific"],
];

let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

/** Replaces a joined session's token with one that expires after `lifetimeSeconds`, issued now. */
async function shortLived(
  session: PersonalSession,
  lifetimeSeconds: number,
): Promise<PersonalSession> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + lifetimeSeconds;
  const token = await signToken(
    app.server.secret,
    {
      sub: session.person.id,
      name: session.person.name,
      plan: session.planId,
      role: session.role,
      kind: "person",
    },
    expiresAt,
    issuedAt,
  );
  return {
    ...session,
    token,
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  };
}

async function openPlan(session: PersonalSession): Promise<Page> {
  const context = await joinedContext(browser, app, session);
  const page = await context.newPage();
  page.on("pageerror", (error) =>
    console.error(`[page error] ${error.message}`),
  );
  await page.goto(planUrl(app));
  await waitForMapReady(page);
  return page;
}

/** Starts recording the plan socket's status changes in `window.socketStatuses`. */
async function recordSocketStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const statuses: string[] = [];
    (window as unknown as { socketStatuses: string[] }).socketStatuses =
      statuses;
    window.meridian.provider?.on("status", ({ status }) =>
      statuses.push(status),
    );
  });
}

function socketStatuses(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { socketStatuses: string[] }).socketStatuses,
  );
}

function pageToken(page: Page): Promise<string | undefined> {
  return page.evaluate(() => window.meridian.session?.token);
}

function storedSession(page: Page): Promise<PersonalSession> {
  return page.evaluate(() =>
    JSON.parse(window.localStorage.getItem("meridian.session.demo") ?? "null"),
  );
}

function paint(page: Page, [unitId, territoryId]: [string, string]) {
  return page.evaluate(
    ([unit, territory]) => {
      window.meridian.paint([unit], territory);
    },
    [unitId, territoryId] as const,
  );
}

async function waitPast(expiresAtSeconds: number): Promise<void> {
  while (Date.now() / 1000 <= expiresAtSeconds + 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test("renewal keeps socket, next reconnect uses it", async () => {
  // Given an editor whose page opened with a token that expires soon
  const joined = await joinOverHttp(app, "editor", "Ada");
  const session = await shortLived(joined, LIFETIME_SECONDS);
  const oldExpiry = Date.parse(session.expiresAt) / 1000;
  const page = await openPlan(session);
  await waitForConnection(page, "connected");
  expect(
    await pageToken(page),
    `the page renewed before it was ready; raise LIFETIME_SECONDS above ${LIFETIME_SECONDS}`,
  ).toBe(session.token);
  await recordSocketStatuses(page);

  // When it keeps painting while the page renews the token
  const painted: Record<string, string> = {};
  let next = 0;
  const paintNext = async () => {
    const [unitId, territoryId] = EDITS[next++ % EDITS.length];
    await paint(page, [unitId, territoryId]);
    painted[unitId] = territoryId;
  };
  await paintNext();
  while ((await pageToken(page)) === session.token) {
    expect(
      Date.now() / 1000,
      "the token was not renewed before it expired",
    ).toBeLessThan(oldExpiry);
    await paintNext();
    await page.waitForTimeout(1_500);
  }
  const renewed = (await pageToken(page))!;
  await paintNext();

  // Then the open socket stayed and the renewed session is stored
  expect(await socketStatuses(page)).toEqual([]);
  expect(await page.evaluate(() => window.meridian.provider?.wsconnected)).toBe(
    true,
  );
  const stored = await storedSession(page);
  expect(stored.token).toBe(renewed);
  expect(stored.person.id).toBe(joined.person.id);
  expect(Date.parse(stored.expiresAt)).toBeGreaterThan(
    Date.now() + 29 * 86_400_000,
  );
  expect(await page.evaluate(() => window.meridian.provider?.url)).toContain(
    `token=${renewed}`,
  );

  // When the old token has expired and the server restarts meanwhile
  await waitPast(oldExpiry);
  await paintNext();
  await app.stop();
  await waitForConnection(page, "offline");
  await paintNext();
  await app.restart();

  // Then the page reconnects with the renewed token, stays writable, and
  // every edit reaches a second editor
  await waitForConnection(page, "connected");
  expect(await socketStatuses(page)).toContain("connected");
  expect(await page.getByTestId("access-banner").count()).toBe(0);
  const grace = await openPlan(await joinOverHttp(app, "editor", "Grace"));
  await waitForAssignments(grace, painted);
  await waitForAssignments(page, painted);
  await saveScreenshot(page, "token-renewal-after-restart");

  const plan = storedPlan(app.server);
  for (const [unitId, territoryId] of Object.entries(painted))
    expect(plan.territoryOf(unitId)).toBe(territoryId);
  const logs = app.logs.join("\n");
  expect(logs).not.toContain(session.token);
  expect(logs).not.toContain(renewed);
});

test("expired session shows access banner", async () => {
  // Given a page whose renewal requests fail as if the network were down
  const joined = await joinOverHttp(app, "editor", "Edsger");
  const session = await shortLived(joined, 30);
  const expiresAt = Date.parse(session.expiresAt) / 1000;
  const context = await joinedContext(browser, app, session);
  const renewal = "**/api/plans/demo/session";
  let attempts = 0;
  await context.route(renewal, (route) => {
    attempts += 1;
    return route.abort("internetdisconnected");
  });
  const page = await context.newPage();
  await page.goto(planUrl(app));
  await waitForMapReady(page);
  await waitForConnection(page, "connected");

  // When the token expires before a renewal gets through
  await waitPast(expiresAt);
  await context.unroute(renewal);

  // Then the server refuses to renew it and the page says to open a new
  // invite, while the open socket stays
  const banner = page.getByTestId("access-banner");
  await banner.waitFor();
  expect(attempts).toBeGreaterThan(0);
  expect(await banner.textContent()).toMatch(/expired/);
  expect(await pageToken(page)).toBe(session.token);
  expect((await storedSession(page)).token).toBe(session.token);
  await waitForConnection(page, "connected");
  await saveScreenshot(page, "token-renewal-expired");
});
