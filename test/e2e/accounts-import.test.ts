import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, saveElementScreenshot } from "./browser.ts";
import { joinPlan, PAGE_TIMEOUT_MS, type PersonPage } from "./plan-page.ts";

// In the demo plan, Autauga County, AL (01001) is East South Central and
// Travis County, TX (48453) is West South Central.
const EAST_SOUTH_CENTRAL = "demo-east-south-central";
const WEST_SOUTH_CENTRAL = "demo-west-south-central";

const GOOD_CSV = [
  "name,county_fips,latitude,longitude,segment,potential,external_id",
  "Autauga Water Board,01001,,,utility,1000.00,",
  "Prattville Schools,,32.464,-86.4597,school,250.50,",
  '"Austin Energy, Inc.",,30.2672,-97.7431,utility,5000,AE-1',
  "Travis Hospital,48453,,,hospital,1.25,H-1",
].join("\r\n");

const BAD_CSV = [
  "name,county_fips,segment,potential",
  "Autauga Water Board,01001,utility,1000.00",
  "Prattville Schools,01001,school,$250",
  "Travis Hospital,48453,hospital,1.25",
].join("\n");

let app: AppServer;
let browser: Browser;
let editor: PersonPage;
let viewer: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  [editor, viewer] = await Promise.all([
    joinPlan(browser, await app.link("editor"), "Ada"),
    joinPlan(browser, await app.link("viewer"), "Vera"),
  ]);
  await openDataTab(editor.page);
  await openDataTab(viewer.page);
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

async function openDataTab(page: Page): Promise<void> {
  await page.getByTestId("sidebar-tab-data").click();
}

function accountsHash(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () => window.meridian.planDoc?.readMeta().datasets.accounts,
  );
}

async function chooseCsv(page: Page, name: string, text: string) {
  await page.getByTestId("accounts-import-file").setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(text),
  });
}

/** Accounts and potential per territory as the page's figures show them. */
function coverageOn(page: Page) {
  return page.evaluate(() =>
    Object.fromEntries(
      (window.meridian.coverage()?.territories ?? []).map((t) => [
        t.territoryId,
        { accounts: t.accounts, potential: t.potential },
      ]),
    ),
  );
}

test("viewer is told why they cannot import", async () => {
  const note = viewer.page.getByTestId("accounts-import-readonly");
  await expect(note.textContent()).resolves.toMatch(
    /You cannot import accounts: your role in this plan is viewer/,
  );
  expect(await viewer.page.getByTestId("accounts-import-file").count()).toBe(0);
});

test("CSV with one bad row imports nothing", async () => {
  const before = await accountsHash(editor.page);

  await chooseCsv(editor.page, "bad.csv", BAD_CSV);

  const rejected = editor.page.getByTestId("accounts-import-rejected");
  await rejected.waitFor();
  const text = await rejected.textContent();
  expect(text).toContain("1 bad row, nothing was imported.");
  expect(text).toContain('Line 3: potential "$250" is not a non-negative');
  expect(await rejected.locator("li").count()).toBe(1);
  await saveElementScreenshot(
    editor.page.getByTestId("accounts-import"),
    "accounts-import-rejected",
  );
  expect(await accountsHash(editor.page)).toBe(before);
});

test("good CSV previews, applies and reaches another page", async () => {
  const before = await accountsHash(editor.page);
  const viewerBefore = await coverageOn(viewer.page);
  expect(viewerBefore[EAST_SOUTH_CENTRAL].accounts).toBeGreaterThan(2);

  await chooseCsv(editor.page, "crm-export.csv", GOOD_CSV);

  const preview = editor.page.getByTestId("accounts-import-preview");
  await preview.waitFor();
  const east = preview.locator("tr", { hasText: "East South Central" });
  await expect(east.textContent()).resolves.toMatch(
    new RegExp(`${viewerBefore[EAST_SOUTH_CENTRAL].accounts} → 2`),
  );
  await saveElementScreenshot(
    editor.page.getByTestId("accounts-import"),
    "accounts-import-preview",
  );
  expect(await accountsHash(editor.page)).toBe(before);

  await editor.page.getByTestId("accounts-import-apply").click();
  await editor.page.getByTestId("accounts-import-applied").waitFor();

  const after = await accountsHash(editor.page);
  expect(after).toMatch(/^[0-9a-f]{64}$/);
  expect(after).not.toBe(before);
  await viewer.page.waitForFunction(
    (hash) => window.meridian.planDoc?.readMeta().datasets.accounts === hash,
    after,
    { timeout: PAGE_TIMEOUT_MS },
  );
  await viewer.page.waitForFunction(
    () =>
      (window.meridian.coverage()?.territories ?? []).reduce(
        (sum, t) => sum + t.accounts,
        0,
      ) +
        (window.meridian.coverage()?.unassigned.accounts ?? 0) ===
      4,
    undefined,
    { timeout: PAGE_TIMEOUT_MS },
  );
  const viewerAfter = await coverageOn(viewer.page);
  expect(viewerAfter[EAST_SOUTH_CENTRAL]).toEqual({
    accounts: 2,
    potential: "1250.50",
  });
  expect(viewerAfter[WEST_SOUTH_CENTRAL]).toEqual({
    accounts: 2,
    potential: "5001.25",
  });
  const row = viewer.page.locator(
    `[data-testid="territory-row"][data-territory-id="${EAST_SOUTH_CENTRAL}"]`,
  );
  await viewer.page.getByTestId("sidebar-tab-territories").click();
  await expect(row.getAttribute("data-potential")).resolves.toBe("1250.50");
});

test("preview names pinned accounts the file lacks", async () => {
  // Given the imported accounts have loaded and Travis Hospital, which the
  // previous test imported, is pinned to East South Central
  const page = editor.page;
  await page.waitForFunction(
    () =>
      (window.meridian.coverage()?.territories ?? []).reduce(
        (sum, t) => sum + t.accounts,
        0,
      ) +
        (window.meridian.coverage()?.unassigned.accounts ?? 0) ===
      4,
    undefined,
    { timeout: PAGE_TIMEOUT_MS },
  );
  await page.getByTestId("sidebar-tab-accounts").click();
  await page.getByTestId("override-add").click();
  await page.getByTestId("override-account").fill("Travis Hospital");
  await page
    .locator('[data-testid="override-account-option"][data-id="ext-H-1"]')
    .click();
  await page.getByTestId("override-territory").selectOption(EAST_SOUTH_CENTRAL);
  await page.getByTestId("override-save").click();
  await page.getByTestId("override-form").waitFor({ state: "detached" });

  // When a file without Travis Hospital is checked
  await openDataTab(page);
  const withoutHospital = GOOD_CSV.split("\r\n")
    .filter((line) => !line.startsWith("Travis Hospital"))
    .join("\r\n");
  await chooseCsv(page, "without-hospital.csv", withoutHospital);

  // Then the preview warns that the override stops counting, before Apply
  const detached = page.getByTestId("accounts-import-detached");
  await detached.waitFor();
  await expect(detached.textContent()).resolves.toContain(
    "1 pinned account is not in this file: Travis Hospital. Its override stops counting.",
  );
  expect(await page.getByTestId("accounts-import-apply").count()).toBe(1);
});
