import { once } from "node:events";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  county,
  startAppServer,
  storedPlan,
  type AppServer,
} from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import {
  dragBetween,
  joinPlan,
  showArea,
  territoriesOn,
  waitForAssignments,
  type PersonPage,
} from "./plan-page.ts";

// Greeley and Barton, Kansas: West North Central in the demo plan.
const GREELEY = "20071";
const BARTON = "20009";
const ORIGINAL = "demo-west-north-central";

let app: AppServer;
let browser: Browser;
let editor: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  editor = await joinPlan(browser, await app.link("editor"), "Ada");
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

test.each(["viewer", "reviewer"] as const)("%s is read-only", async (role) => {
  const reader = await joinPlan(browser, await app.link(role), "Victor");
  const page = reader.page;

  // No tools and no territory editing, and the hook rejects a paint.
  await page
    .locator(`[data-testid="role-badge"][data-role="${role}"]`)
    .waitFor();
  await page.getByTestId("toolbar").waitFor();
  for (const testId of [
    "tool-paint",
    "tool-erase",
    "undo",
    "new-territory-form",
    "county-assign",
  ]) {
    expect(await page.getByTestId(testId).count(), testId).toBe(0);
  }
  const refusal = await page.evaluate(() => {
    try {
      window.meridian.paint(["20071"], "demo-pacific");
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(refusal).toContain(`your role in this plan is ${role}`);

  // Selecting a territory and dragging across the map changes nothing.
  // For a reader a drag pans the map, and software WebGL redraws the
  // whole map on each move, so the drag has few steps.
  await page
    .locator(
      '[data-testid="territory-row"][data-territory-id="demo-pacific"] button',
    )
    .click();
  await showArea(page, [-99, 38.5], 6);
  await dragBetween(page, county(GREELEY), county(BARTON), 4);
  expect(await territoriesOn(page, [GREELEY, BARTON])).toEqual([
    ORIGINAL,
    ORIGINAL,
  ]);
  await saveScreenshot(page, `read-only-${role}`);

  // A write forced into the document reaches the server, which drops it.
  const logLines = app.logs.length;
  const dropped = once(app.server.events, "update-dropped");
  await page.evaluate(
    (unitId) => window.meridian.planDoc?.assign([unitId], "demo-pacific"),
    GREELEY,
  );
  expect(await territoriesOn(page, [GREELEY])).toEqual(["demo-pacific"]);
  const [event] = await dropped;
  expect(event).toMatchObject({ room: "demo", role });
  const newLines = app.logs.slice(logLines);
  expect(newLines.some((line) => line.includes("update dropped"))).toBe(true);
  expect(storedPlan(app.server).territoryOf(GREELEY)).toBe(ORIGINAL);

  // The reader still follows the plan: an editor's stroke reaches it,
  // and the editor never sees the forced write.
  const marker = role === "viewer" ? "36061" : "36047";
  await editor.page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-new-england"),
    marker,
  );
  await waitForAssignments(page, { [marker]: "demo-new-england" });
  expect(await territoriesOn(editor.page, [GREELEY])).toEqual([ORIGINAL]);
  expect(storedPlan(app.server).territoryOf(GREELEY)).toBe(ORIGINAL);

  await reader.context.close();
});
