import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, storedPlan, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import { joinPlan, PAGE_TIMEOUT_MS, waitForMapReady } from "./plan-page.ts";

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

test("backup downloads and imports as a new plan", async () => {
  const ada = await joinPlan(browser, await app.link("editor"), "Ada");
  const page = ada.page;

  // Ada downloads the demo plan's backup from the plans menu.
  await page.getByTestId("plans-menu-button").click();
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: PAGE_TIMEOUT_MS }),
    page.getByTestId("backup-download").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^demo-us-census-divisions-\d{4}-\d{2}-\d{2}\.meridian-backup$/,
  );
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  expect(bytes[0]).toBe(0x1f);

  // A damaged file is rejected with the server's reason.
  await page.getByTestId("import-backup-button").click();
  const input = page.getByTestId("backup-import-file");
  await input.setInputFiles({
    name: "broken.meridian-backup",
    mimeType: "application/gzip",
    buffer: bytes.subarray(0, bytes.length - 100),
  });
  await page.getByTestId("backup-import-form").locator("[type=submit]").click();
  const error = page.getByTestId("backup-import-error");
  await error.waitFor();
  expect(await error.textContent()).toContain("truncated or damaged");

  // The demo plan exists here, so the import offers a copy.
  await input.setInputFiles(file);
  await page.getByTestId("backup-import-form").locator("[type=submit]").click();
  await page.getByTestId("backup-import-copy").waitFor();
  expect(await error.textContent()).toContain(
    'Plan "demo" already exists on this server',
  );
  await saveScreenshot(page, "backup-import-exists");
  await page.getByTestId("backup-import-copy").click();

  await page.waitForURL((url) => {
    const plan = url.searchParams.get("plan");
    return plan !== null && plan !== "demo";
  });
  await waitForMapReady(page);
  const copyId = new URL(page.url()).searchParams.get("plan")!;
  await page
    .locator('[data-testid="role-badge"][data-role="editor"]')
    .waitFor();
  expect(storedPlan(app.server, copyId).snapshot().assignments).toEqual(
    storedPlan(app.server, "demo").snapshot().assignments,
  );

  await ada.context.close();
});
