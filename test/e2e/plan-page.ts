import type { Browser, BrowserContext, Page } from "playwright-core";
import type { County } from "./app-server.ts";
import { openIsolatedPage } from "./browser.ts";

/** Maximum wait for the map and for synced edits, because software WebGL on two cores draws a map in seconds. */
export const PAGE_TIMEOUT_MS = 90_000;

/** A person's page, in a browser context of its own. */
export interface PersonPage {
  context: BrowserContext;
  page: Page;
  name: string;
}

/** Opens an invite link in a fresh context, joins with `name` and waits for the coloured map. */
export async function joinPlan(
  browser: Browser,
  inviteUrl: string,
  name: string,
): Promise<PersonPage> {
  const { context, page } = await openIsolatedPage(browser, inviteUrl);
  await submitName(page, name);
  await waitForMapReady(page);
  return { context, page, name };
}

/** Fills in and submits the name form that an invite link shows. */
export async function submitName(page: Page, name: string): Promise<void> {
  const form = page.getByTestId("name-form");
  await form.locator("input").fill(name);
  await form.locator('button[type="submit"]').click();
}

/** Waits until the plan is open and the map is coloured and idle (`window.meridian.ready`). */
export async function waitForMapReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.body.dataset.mapReady === "true",
    undefined,
    { timeout: PAGE_TIMEOUT_MS },
  );
  await page.evaluate(() => window.meridian.ready);
}

/** Reads the territory of each unit from the page's plan document, or null for an unassigned unit. */
export function territoriesOn(
  page: Page,
  unitIds: string[],
): Promise<(string | null)[]> {
  return page.evaluate((ids) => {
    const planDoc = window.meridian.planDoc;
    if (!planDoc) throw new Error("The page has no plan document yet.");
    return ids.map((id) => planDoc.territoryOf(id));
  }, unitIds);
}

/**
 * Waits until the page's plan document assigns each unit to the territory
 * in `expected` (null for unassigned), checking every 50 ms.
 */
export async function waitForAssignments(
  page: Page,
  expected: Record<string, string | null>,
): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const planDoc = window.meridian.planDoc;
      if (!planDoc) return false;
      return Object.entries(wanted).every(
        ([unitId, territoryId]) => planDoc.territoryOf(unitId) === territoryId,
      );
    },
    expected,
    { timeout: PAGE_TIMEOUT_MS, polling: 50 },
  );
}

/** Reads every assignment of the page's plan document, unit id to territory id. */
export function assignmentsOn(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(window.meridian.planDoc?.readAssignments() ?? []),
  );
}

/** Returns the person id this page joined as, from its stored session. */
export function personIdOf(page: Page, planId = "demo"): Promise<string> {
  return page.evaluate((key) => {
    const raw = window.localStorage.getItem(key);
    if (!raw) throw new Error(`No stored session under ${key}.`);
    return (JSON.parse(raw) as { person: { id: string } }).person.id;
  }, `meridian.session.${planId}`);
}

/** Moves the map to a centre and zoom at once and waits until it has drawn. */
export async function showArea(
  page: Page,
  center: [number, number],
  zoom: number,
): Promise<void> {
  await page.evaluate(
    async ({ center, zoom }) => {
      const map = window.meridian.map;
      if (!map) throw new Error("The map is not created yet.");
      const idle = window.meridian.whenMapIdle();
      map.jumpTo({ center, zoom });
      await idle;
    },
    { center, zoom },
  );
}

/** Returns the viewport position of a county's point on the map, in CSS pixels. */
export function viewportPoint(
  page: Page,
  place: County,
): Promise<{ x: number; y: number }> {
  return page.evaluate(({ lon, lat }) => {
    const map = window.meridian.map;
    if (!map) throw new Error("The map is not created yet.");
    const point = map.project([lon, lat]);
    const rect = map.getCanvasContainer().getBoundingClientRect();
    return { x: rect.left + point.x, y: rect.top + point.y };
  }, place);
}

/** Returns the FIPS codes of the counties drawn under a viewport point. */
export function countiesAt(
  page: Page,
  point: { x: number; y: number },
): Promise<string[]> {
  return page.evaluate(({ x, y }) => {
    const map = window.meridian.map;
    if (!map) throw new Error("The map is not created yet.");
    const rect = map.getCanvasContainer().getBoundingClientRect();
    return map
      .queryRenderedFeatures([x - rect.left, y - rect.top], {
        layers: ["county-fill"],
      })
      .map((feature) => String(feature.properties.fips));
  }, point);
}

/**
 * Drags the mouse in a straight line from one county's point to
 * another's, as a person paints. It presses, moves in `steps` events and
 * releases.
 */
export async function dragBetween(
  page: Page,
  from: County,
  to: County,
  steps = 30,
): Promise<void> {
  const start = await viewportPoint(page, from);
  const end = await viewportPoint(page, to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps });
  await page.mouse.up();
}

/** Clicks a territory's row in the list, which selects it and the paint tool. */
export async function selectTerritory(
  page: Page,
  territoryId: string,
): Promise<void> {
  await page
    .locator(
      `[data-testid="territory-row"][data-territory-id="${territoryId}"] button`,
    )
    .click();
  await page.waitForSelector('[data-testid="map"][data-tool="paint"]');
}

/** Waits until the connection badge shows a status: connected, syncing, connecting, offline or rejected. */
export async function waitForConnection(
  page: Page,
  status: string,
): Promise<void> {
  await page
    .locator(`[data-testid="connection-badge"][data-status="${status}"]`)
    .waitFor();
}

/** Returns the colour the map fills a county with (its `color` feature state), or null when it has none. */
export function mapColorOf(page: Page, unitId: string): Promise<string | null> {
  return page.evaluate((id) => {
    const map = window.meridian.map;
    if (!map) throw new Error("The map is not created yet.");
    const state = map.getFeatureState({ source: "counties", id: Number(id) });
    return typeof state.color === "string" ? state.color : null;
  }, unitId);
}

/**
 * Waits until the service worker controls the page and its cache contains
 * the app shell and every built asset the page loaded, so that a reload
 * works with the server down. The check polls inside the page, because
 * `waitForFunction` does not await an async predicate.
 */
export async function waitForOfflineShell(page: Page): Promise<void> {
  // NOTE: Functions passed to page.evaluate declare no named inner
  // functions, because tsx (which runs the benchmarks) wraps those in a
  // `__name` helper that the page does not have.
  await page.evaluate(async () => {
    for (;;) {
      const cache = await caches.open("meridian-shell-v1");
      const assets = performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((url) => new URL(url).pathname.startsWith("/assets/"));
      const cached = await Promise.all(
        ["/", ...assets].map((url) => cache.match(url)),
      );
      const complete =
        navigator.serviceWorker.controller !== null &&
        assets.length > 0 &&
        cached.every((response) => response !== undefined);
      if (complete) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
}

/**
 * Drags the mouse through the points of several counties in order, waiting
 * for two animation frames at each, so that the stroke writes its counties
 * in several batches (one transaction per frame) instead of one.
 */
export async function dragThrough(page: Page, places: County[]): Promise<void> {
  const points = [];
  for (const place of places) points.push(await viewportPoint(page, place));
  const nextFrames = () =>
    page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
        ),
    );

  await page.mouse.move(points[0].x, points[0].y);
  await page.mouse.down();
  await nextFrames();
  for (const point of points.slice(1)) {
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await nextFrames();
  }
  await page.mouse.up();
}
