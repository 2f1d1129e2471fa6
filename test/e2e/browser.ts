import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from "playwright-core";
import { PNG } from "pngjs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACT_DIR = join(process.cwd(), "test-results");

/** Launches Debian's Chromium headless with the flags this machine needs (no GPU, no background traffic). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Opens a page in its own context, so that pages share no storage and no BroadcastChannel. */
export async function openIsolatedPage(
  browser: Browser,
  url: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  // Software WebGL on two cores draws the first map in seconds, so waits
  // for page conditions get a minute instead of Playwright's 30 seconds.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  page.on("pageerror", (error) =>
    console.error(`[page error] ${error.message}`),
  );
  await page.goto(url);
  return { context, page };
}

/** Saves a screenshot under test-results/ and returns its bytes. */
export async function saveScreenshot(
  page: Page,
  name: string,
): Promise<Buffer> {
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  const bytes = await page.screenshot();
  writeFileSync(join(ARTIFACT_DIR, `${name}.png`), bytes);
  return bytes;
}

/** Saves a screenshot of one element under test-results/ and returns its bytes. */
export async function saveElementScreenshot(
  element: Locator,
  name: string,
): Promise<Buffer> {
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  const bytes = await element.screenshot();
  writeFileSync(join(ARTIFACT_DIR, `${name}.png`), bytes);
  return bytes;
}

/** Counts the pixels of a PNG whose red, green and blue each lie within `tolerance` of `rgb`. */
export function countPixelsNear(
  png: Buffer,
  rgb: readonly [number, number, number],
  tolerance = 4,
): number {
  const image = PNG.sync.read(png);
  let count = 0;
  for (let o = 0; o < image.data.length; o += 4) {
    if (
      Math.abs(image.data[o] - rgb[0]) <= tolerance &&
      Math.abs(image.data[o + 1] - rgb[1]) <= tolerance &&
      Math.abs(image.data[o + 2] - rgb[2]) <= tolerance
    ) {
      count += 1;
    }
  }
  return count;
}

/** Counts the distinct colours of a PNG, sampling every `step`th pixel; a blank image has one or two. */
export function distinctColours(png: Buffer, step = 7): number {
  const image = PNG.sync.read(png);
  const seen = new Set<number>();
  for (let i = 0; i < image.width * image.height; i += step) {
    const o = i * 4;
    seen.add(
      (image.data[o] << 16) | (image.data[o + 1] << 8) | image.data[o + 2],
    );
  }
  return seen.size;
}
