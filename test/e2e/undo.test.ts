import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { county, startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import {
  assignmentsOn,
  dragThrough,
  joinPlan,
  selectTerritory,
  showArea,
  waitForAssignments,
  type PersonPage,
} from "./plan-page.ts";

// Kansas counties on one line of latitude, west to east, all in West North
// Central in the demo plan.
const [GREELEY, WICHITA, ...EAST_OF_WICHITA] = [
  "20071",
  "20203",
  "20171",
  "20101",
  "20135",
  "20165",
  "20009",
];
const ORIGINAL = "demo-west-north-central";

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
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

test("undo reverts only one's own stroke", async () => {
  // Given: Ada paints Greeley, Grace paints Wichita, then Ada drags across
  // the counties east of Wichita in one stroke of several batches.
  await ada.page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-pacific"),
    GREELEY,
  );
  await grace.page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-mountain"),
    WICHITA,
  );
  await waitForAssignments(ada.page, { [WICHITA]: "demo-mountain" });

  await showArea(ada.page, [-99, 38.5], 6);
  await selectTerritory(ada.page, "demo-pacific");
  const before = await assignmentsOn(ada.page);
  const ownBatches = await countOwnBatches(ada.page);
  await dragThrough(ada.page, EAST_OF_WICHITA.map(county));
  const stroke = Object.fromEntries(
    EAST_OF_WICHITA.map((id) => [id, "demo-pacific"]),
  );
  await waitForAssignments(ada.page, stroke);
  expect(await ownBatches()).toBeGreaterThan(1);

  const after = await assignmentsOn(ada.page);
  const strokeUnits = Object.keys(after).filter(
    (id) => after[id] !== before[id],
  );
  expect(strokeUnits.sort()).toEqual([...EAST_OF_WICHITA].sort());
  await waitForAssignments(grace.page, stroke);

  // When Ada presses Ctrl+Z: her stroke is reverted on both pages, her
  // earlier stroke and Grace's county stay.
  const reverted = Object.fromEntries(
    EAST_OF_WICHITA.map((id) => [id, ORIGINAL]),
  );
  const untouched = {
    [GREELEY]: "demo-pacific",
    [WICHITA]: "demo-mountain",
  };
  await ada.page.keyboard.press("Control+z");
  await waitForAssignments(ada.page, { ...reverted, ...untouched });
  await waitForAssignments(grace.page, { ...reverted, ...untouched });

  // Ctrl+Shift+Z redoes it on both pages.
  await ada.page.keyboard.press("Control+Shift+Z");
  await waitForAssignments(ada.page, { ...stroke, ...untouched });
  await waitForAssignments(grace.page, { ...stroke, ...untouched });

  // Grace's Ctrl+Z reverts her county and none of Ada's.
  await grace.page.keyboard.press("Control+z");
  const graceUndone = {
    ...stroke,
    [GREELEY]: "demo-pacific",
    [WICHITA]: ORIGINAL,
  };
  await waitForAssignments(grace.page, graceUndone);
  await waitForAssignments(ada.page, graceUndone);
});

// Counts the transactions of this page's own editor from now on (a stroke
// writes one per animation frame) and returns a function that reads the count.
async function countOwnBatches(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const { doc, undoManager } = window.meridian;
    if (!doc || !undoManager) throw new Error("The plan is not open yet.");
    const counter = window as unknown as { ownBatches: number };
    counter.ownBatches = 0;
    doc.on("afterTransaction", (transaction) => {
      if (
        transaction.changed.size > 0 &&
        undoManager.trackedOrigins.has(transaction.origin)
      )
        counter.ownBatches += 1;
    });
  });
  return () =>
    page.evaluate(
      () => (window as unknown as { ownBatches: number }).ownBatches,
    );
}
