import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import {
  assignmentsOn,
  joinPlan,
  submitName,
  waitForAssignments,
  waitForMapReady,
} from "./plan-page.ts";

// New Hampshire's ten counties all belong to New England in the demo plan.
// The test first paints three of them into Middle Atlantic, so that two
// territories own counties in the state and their totals differ.
const NEW_HAMPSHIRE = "33";
const NEW_ENGLAND = "demo-new-england";
const MIDDLE_ATLANTIC = "demo-middle-atlantic";
const PAINTED = ["33015", "33017", "33003"]; // Rockingham, Strafford, Carroll
const WORKER_SCRIPT = /\/assets\/balance\.worker[^/]*\.js$/;

let app: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  // The service worker is blocked, so the test's route intercepts the
  // request for the optimizer's worker script instead of a cached copy.
  context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    serviceWorkers: "block",
  });
  context.setDefaultTimeout(60_000);
  page = await context.newPage();
  page.on("pageerror", (error) =>
    console.error(`[page error] ${error.message}`),
  );
  await page.goto(await app.link("editor"));
  await submitName(page, "Ada");
  await waitForMapReady(page);
  await page.evaluate(
    ({ unitIds, territoryId }) => window.meridian.paint(unitIds, territoryId),
    { unitIds: PAINTED, territoryId: MIDDLE_ATLANTIC },
  );
  await page.getByTestId("sidebar-tab-balance").click();
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

/**
 * Holds back the optimizer's worker script until `release` is called, so
 * that a run stays in progress as long as the test needs.
 */
async function holdWorker(): Promise<{ release: () => Promise<void> }> {
  const heldRoutes: Route[] = [];
  const handler = (route: Route) => void heldRoutes.push(route);
  await context.route(WORKER_SCRIPT, handler);
  return {
    release: async () => {
      await context.unroute(WORKER_SCRIPT, handler);
      for (const route of heldRoutes) {
        // A cancelled run's worker is gone, so its request may be too.
        await route.continue().catch(() => {});
      }
    },
  };
}

async function chooseSettings(mode: "minimize-disruption" | "scratch") {
  await page.getByTestId("balance-state").selectOption(NEW_HAMPSHIRE);
  await page.getByTestId(`balance-mode-${mode}`).check();
  await page.getByTestId("balance-metric-choice").selectOption("population");
  await page.getByTestId("balance-tolerance").fill("5");
  await page.getByTestId("balance-seed").fill("1");
}

/** Reads the moves listed by the result: unit id to territory id. */
function listedMoves(): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll("[data-testid=balance-move]")].map(
        (item) => [
          item.getAttribute("data-unit-id"),
          item.getAttribute("data-territory-id"),
        ],
      ),
    ),
  );
}

/** Closes the result of the last run, if one is shown. */
async function closeResult(): Promise<void> {
  const result = page.getByTestId("balance-result");
  if ((await result.count()) === 0) return;
  await page.getByRole("button", { name: "Close this result" }).click();
  await result.waitFor({ state: "detached" });
}

async function text(testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent())?.trim() ?? "";
}

test("metric follows the territory list", async () => {
  // Given the territory list balances on accounts
  await page.getByTestId("sidebar-tab-territories").click();
  await page.getByTestId("balance-metric").selectOption("accounts");

  // Then the Balance tab offers the same metric until one is picked there
  await page.getByTestId("sidebar-tab-balance").click();
  const metric = page.getByTestId("balance-metric-choice");
  expect(await metric.inputValue()).toBe("accounts");
  await metric.selectOption("population");
  await page.getByTestId("sidebar-tab-territories").click();
  await page.getByTestId("balance-metric").selectOption("potential");
  await page.getByTestId("sidebar-tab-balance").click();
  expect(await metric.inputValue()).toBe("population");
});

test("balance run shows progress and applies as one undo step", async () => {
  // Given: the two territories that own counties in the state are ticked.
  await chooseSettings("minimize-disruption");
  const ticked = await page
    .locator("[data-testid=balance-territory]:checked")
    .evaluateAll((boxes) => boxes.map((box) => box.dataset.territoryId));
  expect(ticked).toEqual([MIDDLE_ATLANTIC, NEW_ENGLAND]);
  const before = await assignmentsOn(page);

  // When the run starts, its progress shows until the worker script loads.
  const worker = await holdWorker();
  await page.getByTestId("balance-run").click();
  await page.getByTestId("balance-progress").waitFor();
  expect(await text("balance-percent")).toBe("0%");
  expect(await page.getByTestId("balance-run").isDisabled()).toBe(true);
  await saveScreenshot(page, "balance-progress");
  await worker.release();

  // Then the result shows the deviation before and after, and the moves.
  await page.getByTestId("balance-result").waitFor();
  await saveScreenshot(page, "balance-result");
  const deviationBefore = await text("balance-deviation-before");
  const deviationAfter = await text("balance-deviation-after");
  expect(deviationBefore).toMatch(/^±\d+\.\d%$/);
  expect(Number(deviationAfter.slice(1, -1))).toBeLessThan(
    Number(deviationBefore.slice(1, -1)),
  );
  expect(await text("balance-deviation-now")).toBe(deviationBefore);
  const moves = await listedMoves();
  const moved = Object.keys(moves);
  expect(moved.length).toBeGreaterThan(0);
  expect(await text("balance-units-moved")).toBe(String(moved.length));
  for (const [unitId, territoryId] of Object.entries(moves)) {
    expect(unitId.startsWith(NEW_HAMPSHIRE)).toBe(true);
    expect([NEW_ENGLAND, MIDDLE_ATLANTIC]).toContain(territoryId);
    expect(before[unitId]).not.toBe(territoryId);
  }
  expect(await assignmentsOn(page)).toEqual(before);

  // When the proposal is reviewed and applied in full.
  const deviations = await page
    .getByTestId("balance-result-deviation")
    .allTextContents();
  for (const deviation of deviations) {
    expect(deviation).toMatch(/^([+−]\d+\.\d|0\.0)%$/);
  }
  await page.getByTestId("balance-review").click();
  const preview = page.getByTestId("impact-preview");
  await preview.waitFor();
  expect(await preview.getAttribute("data-moves")).toBe(String(moved.length));
  await saveScreenshot(page, "balance-review");
  await page.getByTestId("preview-apply-all").click();

  // Then the document contains the design, and the tab shows its deviation.
  await waitForAssignments(page, moves);
  const after = await assignmentsOn(page);
  expect(after).toEqual({ ...before, ...moves });
  await page
    .getByTestId("balance-deviation-now")
    .filter({ hasText: deviationAfter })
    .waitFor();
  expect(await page.getByTestId("balance-review").isDisabled()).toBe(true);

  // Ctrl+Z puts every county back.
  await page.keyboard.press("Control+z");
  const restored = Object.fromEntries(moved.map((id) => [id, before[id]]));
  await waitForAssignments(page, restored);
  expect(await assignmentsOn(page)).toEqual(before);
  await page
    .getByTestId("balance-deviation-now")
    .filter({ hasText: deviationBefore })
    .waitFor();
});

test("same seed gives the same moves", async () => {
  await closeResult();
  await chooseSettings("scratch");

  await page.getByTestId("balance-run").click();
  await page.getByTestId("balance-result").waitFor();
  const first = await listedMoves();
  const firstAfter = await text("balance-deviation-after");
  await closeResult();

  await page.getByTestId("balance-run").click();
  await page.getByTestId("balance-result").waitFor();
  const second = await listedMoves();

  expect(Object.keys(first).length).toBeGreaterThan(0);
  expect(second).toEqual(first);
  expect(await text("balance-deviation-after")).toBe(firstAfter);
});

test("cancelled run leaves the plan untouched", async () => {
  await closeResult();
  await chooseSettings("scratch");
  const before = await assignmentsOn(page);
  const worker = await holdWorker();

  await page.getByTestId("balance-run").click();
  await page.getByTestId("balance-progress").waitFor();
  await page.keyboard.press("Escape");

  await page.getByTestId("balance-cancelled").waitFor();
  await worker.release();
  expect(await page.getByTestId("balance-progress").count()).toBe(0);
  expect(await page.getByTestId("balance-result").count()).toBe(0);
  expect(await page.getByTestId("impact-preview").count()).toBe(0);
  expect(await assignmentsOn(page)).toEqual(before);

  // The Run button works again after a cancel.
  await page.getByTestId("balance-run").click();
  await page.getByTestId("balance-result").waitFor();
});

test("narrow window scrolls to the preview", async () => {
  // Given an 800 px window, where the sidebar sits below the map, scrolled
  // down to the result of a run
  await closeResult();
  await page.setViewportSize({ width: 800, height: 900 });
  try {
    await chooseSettings("scratch");
    await page.getByTestId("balance-run").click();
    await page.getByTestId("balance-result").waitFor();
    const review = page.getByTestId("balance-review");
    await review.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

    // When the changes are reviewed from the keyboard
    await review.focus();
    await page.keyboard.press("Enter");

    // Then the preview lies whole in the window, with Apply all focused
    const preview = page.getByTestId("impact-preview");
    await preview.waitFor();
    const box = await preview.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(900);
    const focused = await page.evaluate(() =>
      document.activeElement?.getAttribute("data-testid"),
    );
    expect(focused).toBe("preview-apply-all");
    await saveScreenshot(page, "balance-review-800");

    await page.keyboard.press("Escape");
    await preview.waitFor({ state: "detached" });
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test("viewer sees why balancing is unavailable", async () => {
  const viewer = await joinPlan(browser, await app.link("viewer"), "Vera");
  await viewer.page.getByTestId("sidebar-tab-balance").click();
  const reason = viewer.page.getByTestId("balance-unavailable");
  await reason.waitFor();

  expect((await reason.textContent())?.replace(/\s+/g, " ").trim()).toBe(
    "Only editors can balance territories, because your role in this plan is viewer.",
  );
  expect(await viewer.page.getByTestId("balance-form").count()).toBe(0);
  await viewer.context.close();
});

test("empty states guide the territory choice", async () => {
  // Given: Delaware's three counties are unassigned, so no territory owns
  // any of them.
  await closeResult();
  await page.evaluate(
    (unitIds) => window.meridian.paint(unitIds, null),
    ["10001", "10003", "10005"],
  );
  await page.getByTestId("balance-state").selectOption("10");

  const empty = page.getByTestId("balance-territories-empty");
  await empty.waitFor();
  expect(await empty.textContent()).toContain(
    "No territory owns counties in Delaware yet.",
  );
  expect(await page.getByTestId("balance-run").isDisabled()).toBe(true);
  await saveScreenshot(page, "balance-empty-state");

  // One ticked territory is not enough.
  const box = (id: string) =>
    page.locator(`[data-testid=balance-territory][data-territory-id=${id}]`);
  await box(NEW_ENGLAND).check();
  await page.getByTestId("balance-territories-few").waitFor();
  expect(await page.getByTestId("balance-run").isDisabled()).toBe(true);

  // Two are.
  await box(MIDDLE_ATLANTIC).check();
  await page.getByTestId("balance-territories-few").waitFor({
    state: "detached",
  });
  expect(await page.getByTestId("balance-run").isDisabled()).toBe(false);
});
