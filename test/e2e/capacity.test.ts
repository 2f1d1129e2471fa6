import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import { joinPlan, PAGE_TIMEOUT_MS, type PersonPage } from "./plan-page.ts";

// The demo plan's account executive role, FY2028 with a February start.
const AE = "demo-ae";
const DEMO_RAMP = ["20", "40", "60", "80", "100"];
const CAPACITY_M01 = '[data-testid="cell-capacity@FY2028-M01"]';
const GAP_M01 = '[data-testid="cell-gap@FY2028-M01"]';

let app: AppServer;
let browser: Browser;
let ada: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  ada = await joinPlan(browser, await app.link("editor"), "Ada");
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

async function showView(page: Page, view: "targets" | "capacity") {
  await page.getByTestId(`view-tab-${view}`).click();
  await page.getByTestId(`${view}-view`).waitFor({ timeout: PAGE_TIMEOUT_MS });
}

function storedRamp(page: Page): Promise<string[] | undefined> {
  return page.evaluate(
    (roleId) =>
      window.meridian.planning?.inputs?.roles.find((r) => r.id === roleId)
        ?.rampPercents,
    AE,
  );
}

function modelGapCents(page: Page): Promise<number | undefined> {
  return page.evaluate(
    () => window.meridian.planning?.model?.capacity?.months[0].gap?.cents,
  );
}

async function textChange(page: Page, selector: string, before: string) {
  await page.waitForFunction(
    ({ selector, before }) =>
      document.querySelector(selector)?.textContent?.trim() !== before,
    { selector, before },
    { timeout: PAGE_TIMEOUT_MS },
  );
  return (await page.locator(selector).textContent())?.trim() ?? "";
}

test("ramp edit rejected, then applied", async () => {
  const page = ada.page;
  await showView(page, "capacity");
  const ramp = page.getByTestId(`role-ramp-${AE}`);
  const capacityBefore = (
    await page.locator(CAPACITY_M01).textContent()
  )?.trim();
  expect(capacityBefore).toMatch(/^\$[\d,]+$/);

  // When Ada enters a ramp that ends at 90: the message shows at the field
  // and neither the plan nor the figures change.
  await ramp.fill("20, 40, 60, 90");
  await ramp.press("Enter");
  const error = page.getByTestId(`role-ramp-${AE}-error`);
  await error.waitFor();
  expect(await error.textContent()).toContain("ends at 90%");
  expect(await ramp.getAttribute("aria-invalid")).toBe("true");
  expect(await storedRamp(page)).toEqual(DEMO_RAMP);
  expect((await page.locator(CAPACITY_M01).textContent())?.trim()).toBe(
    capacityBefore,
  );

  // When she enters a ramp that reaches 100 sooner: it is stored, the
  // message goes and month 1 capacity rises.
  await ramp.fill("50, 100");
  await ramp.press("Enter");
  const capacityAfter = await textChange(page, CAPACITY_M01, capacityBefore!);
  expect(await storedRamp(page)).toEqual(["50", "100"]);
  expect(await error.count()).toBe(0);
  expect(parseMoney(capacityAfter)).toBeGreaterThan(
    parseMoney(capacityBefore!),
  );
});

test("role in use cannot be removed", async () => {
  const page = ada.page;
  await showView(page, "capacity");
  await page.getByTestId(`remove-role-${AE}`).click();

  const problem = page.getByTestId(`role-problem-${AE}`);
  await problem.waitFor();
  expect(await problem.textContent()).toContain("cannot be removed");
  expect(await storedRamp(page)).toBeDefined();
});

test("target cell edit changes the gap shown", async () => {
  const page = ada.page;
  await showView(page, "capacity");
  const gapBefore = (await page.locator(GAP_M01).textContent())?.trim();
  const gapCentsBefore = await modelGapCents(page);
  expect(gapCentsBefore).toBeDefined();

  // When Ada raises Enterprise Q1 from 6,000,000 to 9,000,000: month 1, a
  // third of the quarter, gains 1,000,000 of target and so of gap.
  await showView(page, "targets");
  const cell = page.getByTestId("target-Enterprise-FY2028-Q1");
  await cell.fill("9000000");
  await cell.press("Enter");
  await page.waitForFunction(
    () =>
      window.meridian.planning?.inputs?.targets.some(
        (t) => t.segment === "Enterprise" && t.amount === "9000000",
      ),
    undefined,
    { timeout: PAGE_TIMEOUT_MS },
  );

  await showView(page, "capacity");
  const gapAfter = await textChange(page, GAP_M01, gapBefore!);
  expect(await modelGapCents(page)).toBe(gapCentsBefore! + 100_000_000);
  expect(parseMoney(gapAfter) - parseMoney(gapBefore!)).toBe(1_000_000);
});

test("month under a set quarter rejected", async () => {
  const page = ada.page;
  await showView(page, "targets");
  await page.getByTestId("target-mode-month").check();
  const targetsBefore = await page.evaluate(
    () => window.meridian.planning?.inputs?.targets.length,
  );

  const cell = page.getByTestId("target-Enterprise-FY2028-M01");
  await cell.fill("1000");
  await cell.press("Enter");
  const error = page.getByTestId("target-Enterprise-FY2028-M01-error");
  await error.waitFor();
  expect(await error.textContent()).toContain("given twice");
  expect(
    await page.evaluate(() => window.meridian.planning?.inputs?.targets.length),
  ).toBe(targetsBefore);
});

test("removing a segment is one undo step", async () => {
  const page = ada.page;
  await showView(page, "targets");
  const segmentTargets = () =>
    page.evaluate(
      () =>
        window.meridian.planning?.inputs?.targets.filter(
          (t) => t.segment === "Mid-Market",
        ).length,
    );
  expect(await segmentTargets()).toBe(4);

  await page.getByTestId("remove-segment-Mid-Market").click();
  await page
    .getByTestId("target-row-Mid-Market")
    .waitFor({ state: "detached" });
  expect(await segmentTargets()).toBe(0);

  // When Ada presses Ctrl+Z once: all four quarter targets come back.
  await page.keyboard.press("Control+z");
  await page.getByTestId("target-row-Mid-Market").waitFor();
  expect(await segmentTargets()).toBe(4);
});

test("capacity table exports as CSV", async () => {
  const page = ada.page;
  await showView(page, "capacity");
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("capacity-export-csv").click(),
  ]);
  const text = readFileSync(await file.path(), "utf8");
  const [header, first] = text.split("\n");

  expect(file.suggestedFilename()).toBe(
    "demo-us-census-divisions-capacity-fy2028.csv",
  );
  expect(header).toContain("Account executive capacity");
  expect(header).toContain("Gap");
  const gapCents = await modelGapCents(page);
  const gap = (gapCents! / 100).toFixed(2);
  expect(first.startsWith("FY2028-M01,Feb 2027,")).toBe(true);
  expect(first.endsWith(`,${gap}`)).toBe(true);
});

/** Reads a whole-dollar grid figure such as "$1,234" or "-$1,234". */
function parseMoney(text: string): number {
  return Number(text.replace(/[$,]/g, ""));
}
