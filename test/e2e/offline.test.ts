import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, storedPlan, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import {
  joinPlan,
  mapColorOf,
  territoriesOn,
  waitForAssignments,
  waitForConnection,
  waitForMapReady,
  waitForOfflineShell,
} from "./plan-page.ts";

// Harris County, Texas (West South Central in the demo plan) and Cook
// County, Illinois (East North Central).
const HARRIS = "48201";
const COOK = "17031";
const PACIFIC_COLOR = "#999933";

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

test("offline painting merges after reconnect", async () => {
  // Given two editors who opened the plan while the server was up.
  const link = await app.link("editor");
  const [ada, grace] = await Promise.all([
    joinPlan(browser, link, "Ada"),
    joinPlan(browser, link, "Grace"),
  ]);
  await waitForOfflineShell(ada.page);
  await waitForConnection(ada.page, "connected");
  await waitForConnection(grace.page, "connected");
  expect(await territoriesOn(ada.page, [HARRIS, COOK])).toEqual([
    "demo-west-south-central",
    "demo-east-north-central",
  ]);

  // When the server stops and each paints a different county.
  await app.stop();
  await waitForConnection(ada.page, "offline");
  await waitForConnection(grace.page, "offline");
  await ada.page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-pacific"),
    HARRIS,
  );
  await grace.page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-new-england"),
    COOK,
  );
  await ada.page
    .locator('[data-testid="connection-badge"][data-pending="1"]')
    .waitFor();

  // Ada reloads with the server still down. The service worker serves the
  // app, and the plan comes from IndexedDB with her edit.
  await ada.page.reload();
  await waitForMapReady(ada.page);
  expect(await territoriesOn(ada.page, [HARRIS, COOK])).toEqual([
    "demo-pacific",
    "demo-east-north-central",
  ]);
  expect(await mapColorOf(ada.page, HARRIS)).toBe(PACIFIC_COLOR);
  await waitForConnection(ada.page, "offline");
  await ada.page
    .locator('[data-testid="connection-badge"][data-pending="1"]')
    .waitFor();
  await saveScreenshot(ada.page, "offline-reload");

  // Then the server comes back on the same port and data folder, and both
  // edits reach both pages without a prompt.
  await app.restart();
  const merged = { [HARRIS]: "demo-pacific", [COOK]: "demo-new-england" };
  await waitForAssignments(ada.page, merged);
  await waitForAssignments(grace.page, merged);
  await waitForConnection(ada.page, "connected");
  await waitForConnection(grace.page, "connected");
  await ada.page
    .locator('[data-testid="connection-badge"][data-pending="0"]')
    .waitFor();
  expect(await ada.page.getByTestId("name-form").count()).toBe(0);
  expect(await ada.page.locator("dialog[open]").count()).toBe(0);

  // A fresh context, with nothing stored, gets both from the server.
  const carol = await joinPlan(browser, await app.link("viewer"), "Carol");
  await waitForAssignments(carol.page, merged);
  expect(await mapColorOf(carol.page, HARRIS)).toBe(PACIFIC_COLOR);

  const stored = storedPlan(app.server);
  expect(stored.territoryOf(HARRIS)).toBe("demo-pacific");
  expect(stored.territoryOf(COOK)).toBe("demo-new-england");
});
