import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, storedPlan, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import {
  joinPlan,
  PAGE_TIMEOUT_MS,
  waitForAssignments,
  type PersonPage,
} from "./plan-page.ts";

// Greeley County, Kansas, which the demo plan puts in West North Central.
const GREELEY = "20071";
const ORIGINAL = "demo-west-north-central";
const REPAINTED = "demo-pacific";
// Ida County, Iowa, which the demo plan also puts in West North Central.
const IDA = "19093";
/** A version name of the maximum length, 80 characters. */
const LONG_NAME =
  "Second quarter territory realignment after the Des Moines team review meeting v2";

let app: AppServer;
let browser: Browser;
let ada: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  ada = await joinPlan(browser, await app.link("editor"), "Ada");
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

test("version compares with now and restores", async () => {
  const page = ada.page;
  const names = await page.evaluate(
    (ids) => ids.map((id) => window.meridian.planDoc?.readTerritory(id)?.name),
    [ORIGINAL, REPAINTED],
  );

  // Given a saved version
  await page.getByTestId("view-tab-versions").click();
  await page.getByTestId("versions-empty").waitFor();
  await page.getByTestId("version-name").fill("Before the repaint");
  await page.getByTestId("version-note").fill("Greeley still in the plains");
  await page.getByTestId("save-version").click();
  const item = page.getByTestId("version-item");
  await item.waitFor();
  expect(await item.textContent()).toContain("Before the repaint");
  expect(await item.textContent()).toContain("Ada");

  // When Greeley is repainted and the version is compared with now
  await page.evaluate(
    ([unitId, territoryId]) => window.meridian.paint([unitId], territoryId),
    [GREELEY, REPAINTED],
  );
  await waitForAssignments(page, { [GREELEY]: REPAINTED });
  await page.getByTestId("compare-from").selectOption({ index: 1 });
  await page.getByTestId("compare-run").click();
  await page
    .getByTestId("compare-result")
    .waitFor({ timeout: PAGE_TIMEOUT_MS });

  // Then the county shows as changed from its old to its new territory
  const pairs = page.getByTestId("change-pair");
  expect(await pairs.count()).toBe(1);
  const pair = await pairs.first().innerText();
  expect(pair).toMatch(new RegExp(`${names[0]}\\s+${names[1]}\\s+1`));
  expect(
    await page
      .locator(`[data-testid="compare-map"] [data-outline="${GREELEY}"]`)
      .count(),
  ).toBe(1);
  await saveScreenshot(page, "versions-compare");

  // And the CSV has its row
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("compare-csv").click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8");
  const row = csv.split(/\r?\n/).find((line) => line.includes(GREELEY));
  expect(row).toBeDefined();
  expect(row).toContain(names[0]!);
  expect(row).toContain(names[1]!);

  // When the version is restored, Greeley goes back, here and on the server
  await page.getByTestId("restore-version").click();
  const dialog = page.getByTestId("restore-dialog");
  expect(await dialog.innerText()).toContain("Undo takes it back");
  await page.getByTestId("restore-confirm").click();
  await waitForAssignments(page, { [GREELEY]: ORIGINAL });
  await page.getByTestId("versions-notice").waitFor();

  // And the comparison with now shows it is out of date until it runs again
  await page.getByTestId("compare-out-of-date").waitFor();
  await page
    .getByTestId("compare-result")
    .evaluate((element) => element.scrollIntoView());
  await saveScreenshot(page, "versions-compare-out-of-date");
  await page.getByTestId("compare-run").click();
  await page
    .getByTestId("compare-summary")
    .filter({ hasText: "0 counties" })
    .waitFor({ timeout: PAGE_TIMEOUT_MS });
  expect(await page.getByTestId("compare-out-of-date").count()).toBe(0);
  expect(await page.getByTestId("change-pair").count()).toBe(0);
  await expect
    .poll(() => storedPlan(app.server).territoryOf(GREELEY), {
      timeout: PAGE_TIMEOUT_MS,
    })
    .toBe(ORIGINAL);

  // And the time slider shows the plan before the restore
  await page.getByTestId("time-slider-reload").click();
  const lastSeq = app.server.storage.countUpdates("demo");
  await page.waitForFunction(
    (max) =>
      document
        .querySelector('[data-testid="time-slider-input"]')
        ?.getAttribute("max") === String(max),
    lastSeq - 1,
    { timeout: PAGE_TIMEOUT_MS },
  );
  const slider = page.getByTestId("time-slider-input");
  await slider.focus();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  const opened = page.getByTestId("opened-plan");
  await opened.waitFor({ timeout: PAGE_TIMEOUT_MS });
  expect(await opened.innerText()).toContain("after an edit by Ada");
  expect(
    await page
      .locator(`[data-testid="opened-map"] [data-unit="${GREELEY}"]`)
      .getAttribute("fill"),
  ).toBe(
    await page.evaluate(
      (id) => window.meridian.planDoc?.readTerritory(id)?.color,
      REPAINTED,
    ),
  );
  await saveScreenshot(page, "versions-time-slider");

  // And one undo takes the restore back
  await page.evaluate(() => window.meridian.undoManager?.undo());
  await waitForAssignments(page, { [GREELEY]: REPAINTED });
});

test("viewer opens versions read-only", async () => {
  const rey = await joinPlan(browser, await app.link("viewer"), "Rey");
  const page = rey.page;

  await page.getByTestId("view-tab-versions").click();
  await page.getByTestId("version-item").first().waitFor();
  await page.getByTestId("open-version").first().click();
  await page.getByTestId("opened-plan").waitFor({ timeout: PAGE_TIMEOUT_MS });

  expect(await page.getByTestId("save-version-form").count()).toBe(0);
  expect(await page.getByTestId("restore-version").count()).toBe(0);
  expect(await page.getByTestId("opened-plan").innerText()).toContain(
    "Before the repaint",
  );
  expect(
    await page
      .locator(`[data-testid="opened-map"] [data-unit="${GREELEY}"]`)
      .getAttribute("fill"),
  ).toBe(
    await page.evaluate(
      (id) => window.meridian.planDoc?.readTerritory(id)?.color,
      ORIGINAL,
    ),
  );
  await saveScreenshot(page, "versions-viewer");
});

test("rapid saves make one version", async () => {
  const page = ada.page;
  const before = app.server.storage.versions.list("demo").length;

  // When Save version is clicked five times in one task, before the page re-renders
  await page.getByTestId("version-name").fill(LONG_NAME);
  await page.evaluate(() => {
    const button = document.querySelector<HTMLButtonElement>(
      '[data-testid="save-version"]',
    );
    for (let i = 0; i < 5; i++) button?.click();
  });

  // Then one version is saved
  await page
    .getByTestId("version-item")
    .filter({ hasText: LONG_NAME })
    .first()
    .waitFor({ timeout: PAGE_TIMEOUT_MS });
  await page
    .getByTestId("versions-progress")
    .waitFor({ state: "detached", timeout: PAGE_TIMEOUT_MS });
  expect(app.server.storage.versions.list("demo").length).toBe(before + 1);
  expect(
    await page
      .getByTestId("version-item")
      .filter({ hasText: LONG_NAME })
      .count(),
  ).toBe(1);
});

test("version comparison never goes out of date", async () => {
  const page = ada.page;

  // Given a comparison of two saved versions
  await page.getByTestId("compare-from").selectOption({ index: 2 });
  await page.getByTestId("compare-to").selectOption({ index: 1 });
  await page.getByTestId("compare-run").click();
  await page
    .getByTestId("compare-result")
    .waitFor({ timeout: PAGE_TIMEOUT_MS });
  expect(await page.getByTestId("change-pair").count()).toBe(1);

  // When the live plan changes
  await page.evaluate(
    ([unitId, territoryId]) => window.meridian.paint([unitId], territoryId),
    [IDA, REPAINTED],
  );
  await waitForAssignments(page, { [IDA]: REPAINTED });

  // Then the comparison is still current
  await expect
    .poll(() => storedPlan(app.server).territoryOf(IDA), {
      timeout: PAGE_TIMEOUT_MS,
    })
    .toBe(REPAINTED);
  expect(await page.getByTestId("compare-out-of-date").count()).toBe(0);
});

test("long version name fits at 1280 and 900 px", async () => {
  const page = ada.page;
  expect(LONG_NAME).toHaveLength(80);
  await page.getByTestId("compare-result").waitFor();
  await page.getByTestId("time-slider-show").click();
  await page.getByTestId("opened-plan").waitFor({ timeout: PAGE_TIMEOUT_MS });

  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 900 });
    const overflowing = await page.evaluate(() => {
      const view = document.querySelector<HTMLElement>(
        '[data-testid="view-versions"]',
      )!;
      const right = view.getBoundingClientRect().right;
      const wide = [...view.querySelectorAll<HTMLElement>("*")].filter(
        (element) =>
          !element.closest("svg") &&
          element.getBoundingClientRect().right > right + 1,
      );
      return {
        scroll: view.scrollWidth - view.clientWidth,
        elements: wide.map(
          (element) => element.dataset.testid ?? element.id ?? element.tagName,
        ),
      };
    });
    expect(overflowing.elements, `${width} px`).toEqual([]);
    expect(overflowing.scroll, `${width} px`).toBe(0);
    await saveScreenshot(page, `versions-long-name-${width}`);
    for (const part of ["compare-result", "territory-quotas"]) {
      await page
        .getByTestId(part)
        .evaluate((element) => element.scrollIntoView());
      await saveScreenshot(page, `versions-long-name-${width}-${part}`);
    }
    await page
      .getByTestId("view-versions")
      .evaluate((element) => element.scrollTo(0, 0));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});
