import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { county, startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import {
  joinPlan,
  mapColorOf,
  PAGE_TIMEOUT_MS,
  selectTerritory,
  showArea,
  viewportPoint,
  waitForAssignments,
  type PersonPage,
} from "./plan-page.ts";

// Three Kansas counties in a row, west to east: Wichita County touches
// both others, and Greeley and Scott do not touch each other.
const GREELEY = "20071";
const WICHITA = "20203";
const SCOTT = "20171";
const CLINCH_GA = "13065";

let app: AppServer;
let browser: Browser;
let ada: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  ada = await joinPlan(browser, await app.link("editor"), "Ada");
  await recordOutlines(ada.page);
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

test("split territory shows two pieces", async () => {
  const page = ada.page;

  // Given: a territory of three Kansas counties in a row, in one piece.
  const stripe = await createTerritory(page, "Stripe");
  await page.evaluate(({ units, id }) => window.meridian.paint(units, id), {
    units: [GREELEY, WICHITA, SCOTT],
    id: stripe,
  });
  const figures = (pieces: number) =>
    rowOf(page, stripe).locator(
      `[data-testid="shape-figures"][data-pieces="${pieces}"]`,
    );
  await figures(1).waitFor();

  // When: Ada clicks the middle county with Mountain selected.
  await showArea(page, [-101.35, 38.48], 7);
  await selectTerritory(page, "demo-mountain");
  const middle = await viewportPoint(page, county(WICHITA));
  await page.mouse.click(middle.x, middle.y);
  await waitForAssignments(page, { [WICHITA]: "demo-mountain" });

  // Then: the row shows two pieces, and the finder lists the smaller one.
  await figures(2).waitFor();
  expect(await figures(2).getByTestId("figure-pieces").textContent()).toBe(
    "2 pieces",
  );
  await page.getByTestId("sidebar-tab-find").click();
  const split = page.locator(
    `[data-testid="split-territory"][data-territory-id="${stripe}"]`,
  );
  await split.waitFor();
  expect(await split.getAttribute("data-pieces")).toBe("2");
  const piece = split.getByTestId("split-piece");
  expect(await piece.count()).toBe(1);
  expect(await piece.getAttribute("data-units")).toBe("1");
  await saveScreenshot(page, "metrics-split");

  // Clicking the piece outlines its county on the map.
  const smaller = await piece.getAttribute("data-first-unit");
  expect([GREELEY, SCOTT]).toContain(smaller);
  await piece.click();
  await waitForOutline(page, smaller!);

  // Painting Wichita back joins the pieces, and the finder drops the territory.
  await page.evaluate(({ units, id }) => window.meridian.paint(units, id), {
    units: [WICHITA],
    id: stripe,
  });
  await split.waitFor({ state: "detached" });
  await page.getByTestId("sidebar-tab-territories").click();
  await figures(1).waitFor();
});

test("search flies to a county", async () => {
  const page = ada.page;
  const input = page.getByTestId("search-input");

  // "/" focuses the search field from anywhere but a text field.
  await page.evaluate(() => (document.activeElement as HTMLElement)?.blur());
  await page.keyboard.press("/");
  expect(await isFocused(page, "map-search")).toBe(true);
  await page.keyboard.type("clinch");

  // Arrow keys move through the results: the county, then its account.
  const results = page.getByTestId("search-result");
  await results.nth(1).waitFor();
  expect(await results.nth(0).getAttribute("data-id")).toBe(CLINCH_GA);
  expect(await results.nth(1).getAttribute("data-kind")).toBe("account");
  await page.keyboard.press("ArrowDown");
  expect(await results.nth(1).getAttribute("aria-selected")).toBe("true");
  await page.keyboard.press("ArrowUp");
  expect(await results.nth(0).getAttribute("aria-selected")).toBe("true");

  // Enter flies there: the county's point is in view, zoomed in, outlined.
  await page.keyboard.press("Enter");
  expect(await input.inputValue()).toBe("Clinch, GA");
  await waitForOutline(page, CLINCH_GA);
  const clinch = county(CLINCH_GA);
  await page.waitForFunction(
    ({ lon, lat }) => {
      const map = window.meridian.map;
      if (!map || map.isMoving()) return false;
      return map.getBounds().contains([lon, lat]) && map.getZoom() > 6;
    },
    { lon: clinch.lon, lat: clinch.lat },
    { timeout: PAGE_TIMEOUT_MS, polling: 100 },
  );
  await saveScreenshot(page, "metrics-search");

  // Ctrl+K focuses the field again, even from another text field.
  await page.locator("#new-territory-name").focus();
  await page.keyboard.press("Control+k");
  expect(await isFocused(page, "map-search")).toBe(true);
  await page.keyboard.press("Escape");
});

test("region rolls up and colours map", async () => {
  const page = ada.page;
  await page.getByTestId("sidebar-tab-regions").click();
  await page.getByTestId("region-card").first().waitFor();

  // Ada creates "Coasts" and moves two divisions from the demo's Census
  // regions into it.
  await page.locator("#new-region-name").fill("Coasts");
  await page.locator("#new-region-name").press("Enter");
  const card = page.getByTestId("region-card").filter({ hasText: "Coasts" });
  await card.waitFor();
  const regionId = (await card.getAttribute("data-region-id"))!;
  for (const territoryId of ["demo-pacific", "demo-new-england"]) {
    await page
      .locator(
        `[data-testid="territory-region-select"][data-territory-id="${territoryId}"]`,
      )
      .selectOption(regionId);
  }

  // The region row is the exact sum of its two rows.
  await page.getByTestId("sidebar-tab-territories").click();
  const region = page.locator(
    `[data-testid="region-row"][data-region-id="${regionId}"]`,
  );
  await region.waitFor();
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="territory-row"]')]
      .filter((row) =>
        ["demo-pacific", "demo-new-england"].includes(
          row.dataset.territoryId ?? "",
        ),
      )
      .map((row) => ({
        units: Number(row.dataset.units),
        cents: Number(row.dataset.potential?.replace(".", "")),
      })),
  );
  expect(rows).toHaveLength(2);
  expect(Number(await region.getAttribute("data-units"))).toBe(
    rows[0].units + rows[1].units,
  );
  const regionCents = Number(
    (await region.getAttribute("data-potential"))!.replace(".", ""),
  );
  expect(regionCents).toBe(rows[0].cents + rows[1].cents);

  // Colouring by region fills Pacific's counties with the region's colour.
  const regionColor = await page.evaluate(
    (id) => window.meridian.planDoc?.readTerritory(id)?.color,
    regionId,
  );
  const losAngeles = "06037";
  const ownColor = await mapColorOf(page, losAngeles);
  await page.getByTestId("color-mode-region").click();
  await page.waitForFunction(
    ({ id, color }) =>
      window.meridian.map?.getFeatureState({ source: "counties", id }).color ===
      color,
    { id: Number(losAngeles), color: regionColor },
    { timeout: PAGE_TIMEOUT_MS },
  );
  await page.getByTestId("color-mode-territory").click();
  await page.waitForFunction(
    ({ id, color }) =>
      window.meridian.map?.getFeatureState({ source: "counties", id }).color ===
      color,
    { id: Number(losAngeles), color: ownColor },
    { timeout: PAGE_TIMEOUT_MS },
  );
});

/** Creates a territory through the sidebar form and returns its id. */
async function createTerritory(page: Page, name: string): Promise<string> {
  const form = page.getByTestId("new-territory-form");
  await form.locator("input").fill(name);
  await form.locator('button[type="submit"]').click();
  const row = page.locator('[data-testid="territory-row"]', { hasText: name });
  await row.waitFor();
  return (await row.getAttribute("data-territory-id"))!;
}

/** Returns a territory's row in the list. */
function rowOf(page: Page, territoryId: string) {
  return page.locator(
    `[data-testid="territory-row"][data-territory-id="${territoryId}"]`,
  );
}

/**
 * Records every county the map outlines as found from now on. The outline
 * fades after a few seconds, so the test checks the record rather than
 * racing the fade.
 */
async function recordOutlines(page: Page): Promise<void> {
  await page.evaluate(() => {
    const map = window.meridian.map;
    if (!map) throw new Error("The map is not created yet.");
    const record = window as unknown as { outlined: number[] };
    record.outlined = [];
    const setFeatureState = map.setFeatureState.bind(map);
    map.setFeatureState = (feature, state) => {
      if (state.found === true) record.outlined.push(Number(feature.id));
      return setFeatureState(feature, state);
    };
  });
}

/** Waits until the map has outlined a county as found (its `found` feature state). */
async function waitForOutline(page: Page, unitId: string): Promise<void> {
  await page.waitForFunction(
    (id) => (window as unknown as { outlined: number[] }).outlined.includes(id),
    Number(unitId),
    { timeout: PAGE_TIMEOUT_MS, polling: 50 },
  );
}

function isFocused(page: Page, id: string): Promise<boolean> {
  return page.evaluate((wanted) => document.activeElement?.id === wanted, id);
}
