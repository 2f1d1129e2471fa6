import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type * as Y from "yjs";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import {
  joinPlan,
  PAGE_TIMEOUT_MS,
  showArea,
  waitForAssignments,
  type PersonPage,
} from "./plan-page.ts";

// Austin's city account sits in Travis County, Texas, which the demo plan
// gives to West South Central.
const AUSTIN = "city-4671654";
const AUSTIN_POINT: [number, number] = [-97.7431, 30.2672];
const TRAVIS = "48453";
const MOUNTAIN = "demo-mountain";
const REGION = "region-west";

let app: AppServer;
let browser: Browser;
let ada: PersonPage;
let grace: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  const link = await app.link("editor");
  [ada, grace] = await Promise.all([
    joinPlan(browser, link, "Ada"),
    joinPlan(browser, link, "Grace"),
  ]);
  // A region with Mountain alone, so its header shows Mountain's figures.
  await ada.page.evaluate(
    ({ region, member }) => {
      const planDoc = window.meridian.planDoc!;
      planDoc.createTerritory({
        id: region,
        name: "West",
        color: "#444444",
        parentId: null,
        ownerId: null,
        locked: false,
        kind: "region",
      });
      planDoc.updateTerritory(member, { parentId: region });
    },
    { region: REGION, member: MOUNTAIN },
  );
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

test("an override syncs, survives a repaint and undoes", async () => {
  // Given Grace's page shows the West region's account count
  await expect
    .poll(() => regionAccounts(grace.page), { timeout: PAGE_TIMEOUT_MS })
    .toBeGreaterThan(0);
  const before = await regionAccounts(grace.page);
  const rowBefore = await territoryAccounts(grace.page, MOUNTAIN);

  // When Ada pins Austin to Mountain in the Accounts tab
  await ada.page.getByTestId("sidebar-tab-accounts").click();
  await expect
    .poll(() => ada.page.getByTestId("overrides-empty").textContent())
    .toContain("Add override");
  await addOverride(ada.page, MOUNTAIN, "2020-01-01", "");

  const row = ada.page.locator(
    `[data-testid="override-row"][data-account-id="${AUSTIN}"]`,
  );
  await row.waitFor();
  expect(await row.getAttribute("data-status")).toBe("in-effect");
  await saveScreenshot(ada.page, "overrides-panel");

  // An "as of" date before the override leaves Austin in his county
  const asOf = ada.page.getByTestId("overrides-as-of");
  const today = await asOf.inputValue();
  await asOf.fill("2019-12-31");
  await expect.poll(() => row.getAttribute("data-status")).toBe("not-yet");
  await waitForRegionAccounts(ada.page, before);
  await asOf.fill(today);
  // Leave the field, because shortcuts such as Ctrl+Z skip text fields.
  await asOf.blur();
  await expect.poll(() => row.getAttribute("data-status")).toBe("in-effect");

  // Then Grace's region and territory row gain the account, and her map
  // draws the point
  await waitForRegionAccounts(grace.page, before + 1);
  await expect
    .poll(() => territoryAccounts(grace.page, MOUNTAIN))
    .toBe(rowBefore + 1);
  await waitForPoint(grace.page, AUSTIN);
  const pinned =
    "Pinned to Mountain from 2020-01-01 (home county: Travis, West South Central)";
  expect(await hoverPoint(grace.page)).toContain(pinned);
  await saveScreenshot(grace.page, "overrides-tooltip");

  // Focusing the point's button from the keyboard shows the same text
  await grace.page.mouse.move(5, 5);
  await grace.page
    .getByTestId("override-tooltip")
    .waitFor({ state: "detached" });
  await grace.page
    .locator(`[data-testid="override-point"][data-account-id="${AUSTIN}"]`)
    .focus();
  expect(
    await grace.page.getByTestId("override-tooltip").textContent(),
  ).toContain(pinned);
  await grace.page.locator("body").focus();

  // When Ada repaints Travis County to Pacific
  await ada.page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-pacific"),
    TRAVIS,
  );
  await waitForAssignments(grace.page, { [TRAVIS]: "demo-pacific" });

  // Then Austin stays pinned, and the region keeps its count
  expect(await regionAccounts(grace.page)).toBe(before + 1);
  expect(await territoryAccounts(grace.page, MOUNTAIN)).toBe(rowBefore + 1);
  expect(await hoverPoint(grace.page)).toContain(
    "Pinned to Mountain from 2020-01-01 (home county: Travis, Pacific)",
  );

  // When Ada undoes twice: the repaint, then the override
  await ada.page.keyboard.press("Control+z");
  await waitForAssignments(grace.page, {
    [TRAVIS]: "demo-west-south-central",
  });
  await ada.page.keyboard.press("Control+z");

  // Then the override is gone on both pages
  await ada.page.getByTestId("overrides-empty").waitFor();
  await waitForRegionAccounts(grace.page, before);
  await grace.page.waitForFunction(
    () => (window.meridian.planDoc?.readOverrides().length ?? -1) === 0,
    undefined,
    { timeout: PAGE_TIMEOUT_MS },
  );
  expect(await pointCount(grace.page)).toBe(0);
});

test("reversed dates show an error and write nothing", async () => {
  await ada.page.getByTestId("override-add").click();
  await ada.page.getByTestId("override-account").fill("Austin");
  await ada.page
    .locator(`[data-testid="override-account-option"][data-id="${AUSTIN}"]`)
    .click();
  await ada.page.getByTestId("override-territory").selectOption(MOUNTAIN);
  await ada.page.getByTestId("override-from").fill("2021-01-01");
  await ada.page.getByTestId("override-to").fill("2020-01-01");
  await ada.page.getByTestId("override-save").click();

  const error = ada.page.getByTestId("override-error");
  expect(await error.textContent()).toContain(
    "The override starts on 2021-01-01, after it ends on 2020-01-01.",
  );
  await saveScreenshot(ada.page, "overrides-error");
  expect(
    await ada.page.evaluate(
      () => window.meridian.planDoc?.readOverrides().length,
    ),
  ).toBe(0);
  await ada.page.getByRole("button", { name: "Cancel" }).click();
});

test("add override from the keyboard", async () => {
  // Given the Add override button has keyboard focus
  const add = ada.page.getByTestId("override-add");
  await add.focus();

  // When Ada presses Enter, the Account field takes focus, so typing "E"
  // and "S" fills it instead of choosing drawing tools
  await ada.page.keyboard.press("Enter");
  const account = ada.page.getByTestId("override-account");
  await expect
    .poll(() => account.evaluate((input) => input === document.activeElement))
    .toBe(true);
  await ada.page.keyboard.type("ES");
  expect(await account.inputValue()).toBe("ES");

  // Escape closes the results first, then cancels the form and returns
  // focus to the Add override button
  await ada.page.keyboard.press("Escape");
  expect(await ada.page.getByTestId("override-form").count()).toBe(1);
  await ada.page.keyboard.press("Escape");
  await ada.page.getByTestId("override-form").waitFor({ state: "detached" });
  expect(
    await add.evaluate((button) => button === document.activeElement),
  ).toBe(true);
});

test("a viewer sees the overrides read-only", async () => {
  await addOverride(ada.page, MOUNTAIN, "2019-01-01", "2020-12-31");
  const viewer = await joinPlan(browser, await app.link("viewer"), "Vera");
  try {
    await viewer.page.getByTestId("sidebar-tab-accounts").click();
    const row = viewer.page.locator(
      `[data-testid="override-row"][data-account-id="${AUSTIN}"]`,
    );
    await row.waitFor();
    expect(await row.getAttribute("data-status")).toBe("ended");
    expect(await row.getByTestId("override-remove").count()).toBe(0);
    expect(await viewer.page.getByTestId("override-add").count()).toBe(0);
    await viewer.page.getByTestId("overrides-read-only").waitFor();
  } finally {
    await viewer.context.close();
  }
});

test("a lock shows an override removed behind it", async () => {
  // Given Austin is pinned to Mountain (by the test before) and Ada locks
  // Mountain from its row
  await expect
    .poll(() =>
      ada.page.evaluate(() => window.meridian.planDoc?.readOverrides().length),
    )
    .toBe(1);
  await ada.page.getByTestId("sidebar-tab-territories").click();
  await ada.page
    .locator(
      `[data-testid="territory-row"][data-territory-id="${MOUNTAIN}"] button`,
    )
    .first()
    .click();
  await ada.page.getByTestId("lock-territory").click();
  await expect
    .poll(() =>
      grace.page.evaluate(
        (id) =>
          window.meridian.planDoc
            ?.readLocks()
            .some((lock) => lock.territoryId === id),
        MOUNTAIN,
      ),
    )
    .toBe(true);

  // When Grace's replica removes the override without the lock check, as
  // an edit made offline before the lock would arrive
  await grace.page.evaluate(
    (accountId) => window.meridian.planDoc?.overrides.delete(accountId),
    AUSTIN,
  );

  // Then Ada's Accounts tab shows the conflict instead of losing it
  await ada.page.getByTestId("sidebar-tab-accounts").click();
  await ada.page
    .getByTestId("override-conflicts")
    .waitFor({ timeout: PAGE_TIMEOUT_MS });

  await ada.page.getByTestId("sidebar-tab-territories").click();
  await ada.page.getByTestId("lock-territory").click();
});

test("override of a missing account", async () => {
  // Given an override whose account the dataset lacks, as after a CRM
  // refresh drops the account
  const missing = "account-not-in-dataset";
  await ada.page.evaluate(
    ({ accountId, territoryId }) => {
      const planDoc = window.meridian.planDoc!;
      // The page exposes no Y module, so build the entry from the class of
      // the overrides map itself.
      const YMap = planDoc.overrides.constructor as new () => Y.Map<unknown>;
      planDoc.doc.transact(() => {
        const created = new YMap();
        planDoc.overrides.set(accountId, created);
        created.set("territoryId", territoryId);
        created.set("effectiveFrom", null);
        created.set("effectiveTo", null);
      });
    },
    { accountId: missing, territoryId: MOUNTAIN },
  );

  // Then its row shows the status, offers no map link, and is not in effect
  await ada.page.getByTestId("sidebar-tab-accounts").click();
  const row = ada.page.locator(
    `[data-testid="override-row"][data-account-id="${missing}"]`,
  );
  await row.waitFor({ timeout: PAGE_TIMEOUT_MS });
  expect(await row.getAttribute("data-status")).toBe("account-missing");
  expect(await row.getByTestId("override-status").textContent()).toBe(
    "account missing",
  );
  expect(await row.getByTestId("override-show").count()).toBe(0);
  const count = await ada.page.getByTestId("overrides-count").innerText();
  expect(count).toContain("0 in effect");
  expect(count).toContain("1 account missing");

  await row.getByTestId("override-remove").click();
  await row.waitFor({ state: "detached" });
});

// Adds an override of Austin through the Accounts tab's form.
async function addOverride(
  page: Page,
  territoryId: string,
  from: string,
  to: string,
): Promise<void> {
  await page.getByTestId("override-add").click();
  await page.getByTestId("override-account").fill("Austin");
  await page
    .locator(`[data-testid="override-account-option"][data-id="${AUSTIN}"]`)
    .click();
  await page.getByTestId("override-territory").selectOption(territoryId);
  await page.getByTestId("override-from").fill(from);
  await page.getByTestId("override-to").fill(to);
  await page.getByTestId("override-save").click();
  await page.getByTestId("override-form").waitFor({ state: "detached" });
}

async function regionAccounts(page: Page): Promise<number> {
  const text = await page
    .locator(
      `[data-testid="region-row"][data-region-id="${REGION}"] [data-testid="figure-accounts"]`,
    )
    .textContent();
  return Number((text ?? "").replace(/[^0-9]/g, ""));
}

async function territoryAccounts(
  page: Page,
  territoryId: string,
): Promise<number> {
  const value = await page
    .locator(
      `[data-testid="territory-row"][data-territory-id="${territoryId}"]`,
    )
    .getAttribute("data-accounts");
  return Number(value);
}

async function waitForRegionAccounts(page: Page, count: number) {
  await expect
    .poll(() => regionAccounts(page), { timeout: PAGE_TIMEOUT_MS })
    .toBe(count);
}

function pointCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      window.meridian.map?.querySourceFeatures("override-points").length ?? 0,
  );
}

async function waitForPoint(page: Page, accountId: string): Promise<void> {
  await page.waitForFunction(
    (id) =>
      (window.meridian.map?.querySourceFeatures("override-points") ?? []).some(
        (f) => f.properties?.accountId === id,
      ),
    accountId,
    { timeout: PAGE_TIMEOUT_MS, polling: 100 },
  );
}

// Moves the pointer onto Austin's point and returns the tooltip's text.
async function hoverPoint(page: Page): Promise<string> {
  await page.mouse.move(5, 5);
  await showArea(page, AUSTIN_POINT, 7);
  const { x, y } = await page.evaluate((lngLat) => {
    const map = window.meridian.map!;
    const point = map.project(lngLat);
    const rect = map.getCanvasContainer().getBoundingClientRect();
    return { x: rect.left + point.x, y: rect.top + point.y };
  }, AUSTIN_POINT);
  await page.mouse.move(x, y);
  const tooltip = page.getByTestId("override-tooltip");
  await tooltip.waitFor();
  return (await tooltip.textContent()) ?? "";
}
