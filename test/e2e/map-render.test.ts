import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  PUBLIC_DATA_DIR,
  startAppServer,
  type AppServer,
} from "./app-server.ts";
import {
  countPixelsNear,
  distinctColours,
  launchBrowser,
  saveElementScreenshot,
  saveScreenshot,
} from "./browser.ts";
import { joinPlan } from "./plan-page.ts";

// web/map/style.ts fills a county with its territory colour at opacity
// 0.78 over the land colour.
const FILL_OPACITY = 0.78;
const LAND: Rgb = [0xf4, 0xf1, 0xea];

type Rgb = [number, number, number];

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

test("map screenshot is not blank", async () => {
  const viewer = await joinPlan(browser, await app.link("viewer"), "Victor");
  expect(await viewer.page.evaluate(() => document.body.dataset.mapReady)).toBe(
    "true",
  );

  const png = await saveElementScreenshot(
    viewer.page.locator('[data-testid="map"] canvas'),
    "map",
  );
  await saveScreenshot(viewer.page, "map-page");

  // A blank canvas has one to three colours, while counties in nine
  // territory colours with borders, antialiasing and labels have thousands.
  expect(distinctColours(png)).toBeGreaterThan(100);

  // Every territory of the demo plan fills at least a few hundred pixels
  // of the contiguous US in its own colour.
  for (const territory of demoTerritories()) {
    const pixels = countPixelsNear(png, filledColour(territory.color));
    expect(pixels, `${territory.name} (${territory.color})`).toBeGreaterThan(
      300,
    );
  }

  // State labels are placed, though the style names no glyph server.
  const labels = await viewer.page.evaluate(
    () =>
      window.meridian.map?.queryRenderedFeatures({ layers: ["state-labels"] })
        .length ?? 0,
  );
  expect(labels).toBeGreaterThan(40);
});

function demoTerritories(): { name: string; color: string }[] {
  const file = join(PUBLIC_DATA_DIR, "demo-plan.json");
  return JSON.parse(readFileSync(file, "utf8")).territories;
}

function filledColour(hex: string): Rgb {
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return rgb.map((value, i) =>
    Math.round(FILL_OPACITY * value + (1 - FILL_OPACITY) * LAND[i]),
  ) as Rgb;
}
