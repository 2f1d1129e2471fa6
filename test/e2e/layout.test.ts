import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import { submitName, waitForMapReady } from "./plan-page.ts";

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

for (const width of [1280, 1100, 800]) {
  test(`every control usable at ${width} px`, async () => {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
    });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(await app.link("editor"));
    await submitName(page, "Ada");
    await waitForMapReady(page);
    await saveScreenshot(page, `layout-${width}`);

    // The map keeps most of the width.
    const mapWidth = await page
      .locator('[data-testid="map"] canvas')
      .evaluate((canvas) => canvas.getBoundingClientRect().width);
    expect(mapWidth).toBeGreaterThanOrEqual(width * 0.6);

    // The sidebar's tabs stay in one row.
    const tabTops = await page
      .locator('[data-testid="sidebar-tabs"] [role="tab"]')
      .evaluateAll((tabs) =>
        tabs.map((tab) => Math.round(tab.getBoundingClientRect().top)),
      );
    expect(new Set(tabTops).size).toBe(1);

    // At 1280 px all seven tabs fit without scrolling the row. Narrower
    // windows scroll it, and the loop below checks each tab lies whole
    // in view once chosen.
    if (width >= 1280) {
      const row = await page.getByTestId("sidebar-tabs").evaluate((tabs) => ({
        visible: tabs.clientWidth,
        needed: tabs.scrollWidth,
      }));
      expect(row.needed).toBeLessThanOrEqual(row.visible);
    }

    // Every visible control of the header and the sidebar, on every tab,
    // can be scrolled to and lies whole and uncovered in the window.
    const tabs = page.locator('[data-testid="sidebar-tabs"] [role="tab"]');
    for (let i = 0; i < (await tabs.count()); i++) {
      await tabs.nth(i).click();
      expect(await blockedControls(page)).toEqual([]);
    }
    await context.close();
  });
}

// Returns a description of each visible control in the header or the
// sidebar that, scrolled into view, is cut off or covered by something else.
function blockedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = "button, input, select, textarea, [role='tab']";
    const controls = [
      ...document.querySelectorAll<HTMLElement>(
        `header :is(${selector}), aside :is(${selector})`,
      ),
    ].filter((element) => element.checkVisibility());
    const blocked: string[] = [];
    for (const control of controls) {
      control.scrollIntoView({ block: "center", inline: "nearest" });
      const box = control.getBoundingClientRect();
      const name =
        control.getAttribute("aria-label") ??
        control.textContent?.trim() ??
        control.getAttribute("placeholder") ??
        control.tagName;
      const whole =
        box.left >= 0 &&
        box.top >= 0 &&
        box.right <= window.innerWidth &&
        box.bottom <= window.innerHeight;
      const hit = document.elementFromPoint(
        box.left + box.width / 2,
        box.top + box.height / 2,
      );
      const uncovered =
        hit !== null && (control.contains(hit) || hit.contains(control));
      if (!whole || !uncovered) {
        blocked.push(
          `${control.tagName} "${name}" at ${Math.round(box.left)},${Math.round(box.top)} ${Math.round(box.width)}x${Math.round(box.height)}${whole ? " covered" : " cut off"}`,
        );
      }
    }
    return blocked;
  });
}
