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
import { joinPlan, showArea } from "./plan-page.ts";
import { PNG } from "pngjs";

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

test("state label at the edge stays whole", async () => {
  // Given: a map that shows only water, land and the state labels, with
  // the point of Kansas's label 2 pixels inside the right edge.
  const viewer = await joinPlan(browser, await app.link("viewer"), "Val");
  const page = viewer.page;
  const kansas = demoState("KS");
  await showArea(page, [kansas.lon, kansas.lat], 4);
  await page.evaluate(async () => {
    const map = window.meridian.map;
    if (!map) throw new Error("The map is not created yet.");
    for (const layer of ["county-fill", "county-lines", "state-borders"])
      map.setLayoutProperty(layer, "visibility", "none");
    const idle = window.meridian.whenMapIdle();
    map.panBy([-(map.getCanvas().clientWidth / 2 - 2), 0], { duration: 0 });
    await idle;
  });

  // Then the label shows left of its point, and no dark label pixel
  // touches the edge. Labels fade in, so the check repeats until it holds.
  const canvas = page.locator('[data-testid="map"] canvas');
  await expect
    .poll(async () => darkPixelsNearRightEdge(await canvas.screenshot()), {
      timeout: 10_000,
    })
    .toEqual({ atEdge: 0, nearEdge: true });
  await saveElementScreenshot(canvas, "map-label-at-edge");
  await viewer.context.close();
});

// Counts label-dark pixels (mean of red, green and blue below 120) in the
// last 3 columns of a PNG, and checks whether the 40 columns before them
// contain any.
function darkPixelsNearRightEdge(png: Buffer): {
  atEdge: number;
  nearEdge: boolean;
} {
  const image = PNG.sync.read(png);
  const dark = (x: number, y: number) => {
    const o = (y * image.width + x) * 4;
    return (image.data[o] + image.data[o + 1] + image.data[o + 2]) / 3 < 120;
  };
  let atEdge = 0;
  let near = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = image.width - 43; x < image.width; x++) {
      if (!dark(x, y)) continue;
      if (x >= image.width - 3) atEdge += 1;
      else near += 1;
    }
  }
  return { atEdge, nearEdge: near > 0 };
}

function demoState(code: string): { lon: number; lat: number } {
  const file = join(PUBLIC_DATA_DIR, "units.json");
  const { states } = JSON.parse(readFileSync(file, "utf8")) as {
    states: { code: string; lon: number; lat: number }[];
  };
  const state = states.find((entry) => entry.code === code);
  if (!state) throw new Error(`State ${code} is not in units.json.`);
  return state;
}

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
