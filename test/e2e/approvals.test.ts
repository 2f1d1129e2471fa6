import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { county, startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import {
  dragBetween,
  joinPlan,
  selectTerritory,
  showArea,
  territoriesOn,
  waitForAssignments,
  PAGE_TIMEOUT_MS,
  type PersonPage,
} from "./plan-page.ts";

// Two neighbouring Kansas counties on one line of latitude, which the demo
// plan puts in West North Central.
const GREELEY = "20071";
const WICHITA = "20203";

let app: AppServer;
let browser: Browser;
let ada: PersonPage;
let rita: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  [ada, rita] = await Promise.all([
    joinPlan(browser, await app.link("editor"), "Ada"),
    joinPlan(browser, await app.link("reviewer"), "Rita"),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

/** Waits until the page's review badge shows `label`. */
async function waitForBadge(page: Page, label: string): Promise<void> {
  await page
    .getByTestId("review-badge")
    .filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) })
    .waitFor({ timeout: PAGE_TIMEOUT_MS });
}

/** Opens the review dialog from the keyboard: focus on the badge, then Enter. */
async function openReview(page: Page): Promise<void> {
  await page.getByTestId("review-badge").focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("review-dialog").waitFor();
}

/** Reads the person token the page stored when it joined the demo plan. */
function tokenOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const stored = window.localStorage.getItem("meridian.session.demo");
    if (!stored) throw new Error("The page has no stored session.");
    return (JSON.parse(stored) as { token: string }).token;
  });
}

async function closeReview(page: Page): Promise<void> {
  await page.keyboard.press("Escape");
  await page.getByTestId("review-dialog").waitFor({ state: "detached" });
}

test("repaint voids approval for both", async () => {
  await waitForBadge(ada.page, "Draft");
  await waitForBadge(rita.page, "Draft");

  // Ada requests review from the dialog.
  await openReview(ada.page);
  await ada.page.getByTestId("review-comment").fill("Ready for Q3");
  await ada.page.getByTestId("review-action-request-review").click();
  await waitForBadge(ada.page, "In review");
  expect(await ada.page.getByTestId("review-action-withdraw").isVisible()).toBe(
    true,
  );
  await closeReview(ada.page);

  // Rita's dialog reloads the status when it opens, so she can approve.
  await openReview(rita.page);
  const approve = rita.page.getByTestId("review-action-approve");
  await approve.waitFor();
  expect(await rita.page.getByTestId("review-action-publish").count()).toBe(0);
  await approve.click();
  await waitForBadge(rita.page, "Approved");
  const log = rita.page.getByTestId("review-log");
  await expect.poll(() => log.innerText()).toContain("Rita approved");
  expect(await log.innerText()).toContain("Ada requested review");
  expect(await log.innerText()).toContain("Ready for Q3");
  await closeReview(rita.page);

  // Ada's badge reloads the status on its own.
  await waitForBadge(ada.page, "Approved");

  // Ada repaints a county with the brush while her socket is closed, so
  // only her page's own hash can tell that the approval is void.
  expect(await territoriesOn(ada.page, [GREELEY, WICHITA])).toEqual([
    "demo-west-north-central",
    "demo-west-north-central",
  ]);
  await ada.page.evaluate(() => window.meridian.provider?.disconnect());
  await showArea(ada.page, [-101.5, 38.5], 7);
  await selectTerritory(ada.page, "demo-pacific");
  await dragBetween(ada.page, county(GREELEY), county(WICHITA));
  await waitForAssignments(ada.page, { [GREELEY]: "demo-pacific" });
  await waitForBadge(ada.page, "Approved: void");
  const server = await fetch(`${app.server.url}/api/plans/demo/review`, {
    headers: { authorization: `Bearer ${await tokenOf(ada.page)}` },
  });
  expect((await server.json()).void).toBe(false);
  await waitForBadge(rita.page, "Approved");

  // Once Ada reconnects, the repaint reaches Rita and her badge turns void.
  await ada.page.evaluate(() => window.meridian.provider?.connect());
  await waitForAssignments(rita.page, { [GREELEY]: "demo-pacific" });
  await waitForBadge(rita.page, "Approved: void");
  await saveScreenshot(rita.page, "approvals-void");

  // Ada cannot publish a void approval, but she can request review again.
  await openReview(ada.page);
  await ada.page.getByTestId("review-void-note").waitFor();
  expect(await ada.page.getByTestId("review-action-publish").count()).toBe(0);
  expect(
    await ada.page.getByTestId("review-action-request-review").isVisible(),
  ).toBe(true);
  await closeReview(ada.page);
});
