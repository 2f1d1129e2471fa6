import type { Page } from "playwright-core";
import { startAppServer } from "../test/e2e/app-server.ts";
import { launchBrowser } from "../test/e2e/browser.ts";
import { buildWebApp } from "../test/e2e/build-web.ts";
import {
  joinedContext,
  joinOverHttp,
  planUrl,
} from "../test/e2e/joined-session.ts";
import {
  waitForConnection,
  waitForMapReady,
  waitForOfflineShell,
} from "../test/e2e/plan-page.ts";
import { percentile, type BenchResult } from "./harness.ts";

/** Times of one open, in milliseconds from the start of the navigation. */
interface OpenTimes {
  docLoaded: number;
  datasetsLoaded: number;
  mapReady: number;
}

/**
 * Opens the demo plan in headless Chromium as a person who joined before
 * (no name form) and times it to a coloured, idle map, read from the app's
 * performance marks:
 * - cold: a fresh context, so IndexedDB, the HTTP cache and the service
 *   worker cache are empty. The plan and the datasets come from the server.
 * - warm: the same context again, after the service worker cached the
 *   shell. The plan and datasets come from IndexedDB.
 * - offline: the same context with the server stopped.
 * Each run uses a new context, and the server keeps the plan's room
 * loaded across runs.
 */
export async function benchBrowserOpen(runs = 5): Promise<BenchResult> {
  await buildWebApp();
  const app = await startAppServer();
  const browser = await launchBrowser();
  const times: Record<"cold" | "warm" | "offline", OpenTimes[]> = {
    cold: [],
    warm: [],
    offline: [],
  };

  try {
    const session = await joinOverHttp(app, "editor", "Bench");
    for (let run = 0; run < runs; run++) {
      const context = await joinedContext(browser, app, session);
      const page = await context.newPage();

      times.cold.push(await timeOpen(page, planUrl(app)));
      // The warm open needs the shell in the service worker's cache and the
      // plan in IndexedDB, which y-dexie fills once the socket has synced.
      await waitForOfflineShell(page);
      await waitForConnection(page, "connected");
      times.warm.push(await timeOpen(page, planUrl(app)));

      await app.stop();
      times.offline.push(await timeOpen(page, planUrl(app)));
      await app.restart();
      await context.close();
    }
  } finally {
    await browser.close();
    await app.dispose();
  }

  const rows = Object.entries(times).map(([open, samples]) => ({
    open,
    runs: samples.length,
    "doc loaded (ms)": median(samples.map((s) => s.docLoaded)),
    "datasets loaded (ms)": median(samples.map((s) => s.datasetsLoaded)),
    "map ready (ms)": median(samples.map((s) => s.mapReady)),
    "map ready min–max (ms)": range(samples.map((s) => s.mapReady)),
  }));
  return {
    name: `browser open of the demo plan to a coloured idle map (median of ${runs}, headless Chromium, software WebGL)`,
    rows,
  };
}

async function timeOpen(page: Page, url: string): Promise<OpenTimes> {
  await page.goto(url);
  await waitForMapReady(page);
  const [docLoaded, datasetsLoaded, mapReady] = await page.evaluate(() =>
    [
      "meridian:doc-loaded",
      "meridian:datasets-loaded",
      "meridian:map-ready",
    ].map(
      (name) => performance.getEntriesByName(name, "mark")[0]?.startTime ?? NaN,
    ),
  );
  return { docLoaded, datasetsLoaded, mapReady };
}

function median(values: number[]): number {
  return Math.round(percentile(values, 50));
}

function range(values: number[]): string {
  return `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
}
