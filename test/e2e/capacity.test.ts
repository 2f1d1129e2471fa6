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

function storedRole(page: Page, roleId: string) {
  return page.evaluate(
    (id) => window.meridian.planning?.inputs?.roles.find((r) => r.id === id),
    roleId,
  );
}

function storedHire(page: Page, hireId: string) {
  return page.evaluate(
    (id) => window.meridian.planning?.inputs?.hires.find((h) => h.id === id),
    hireId,
  );
}

/** Returns the row id, label and value of the focused control, or null on the page body. */
function focused(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active === null || active === document.body) return null;
    return {
      rowId: active.closest("[data-row-id]")?.getAttribute("data-row-id"),
      label: active.getAttribute("aria-label"),
      value: (active as HTMLInputElement | HTMLSelectElement).value,
    };
  });
}

test("typed text survives a peer's edit", async () => {
  const bob = await joinPlan(browser, await app.link("editor"), "Bob");
  try {
    await showView(ada.page, "capacity");
    await showView(bob.page, "capacity");
    const ote = ada.page.getByTestId(`role-ote-${AE}`);
    const stored = await ote.inputValue();

    // When Ada types an OTE without pressing Enter and Bob changes the SDR's
    // OTE meanwhile: Ada's text stays, with focus, and nothing of hers is stored.
    await ote.fill("97000");
    const sdrOte = bob.page.getByTestId("role-ote-demo-sdr");
    await sdrOte.fill("96000");
    await sdrOte.press("Enter");
    await ada.page.waitForFunction(
      () =>
        window.meridian.planning?.inputs?.roles.find((r) => r.id === "demo-sdr")
          ?.onTargetEarnings === "96000",
      undefined,
      { timeout: PAGE_TIMEOUT_MS },
    );
    expect(await ote.inputValue()).toBe("97000");
    expect(await ote.evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    expect((await storedRole(ada.page, AE))?.onTargetEarnings).toBe(stored);

    // When she presses Escape: the stored value shows again.
    await ote.press("Escape");
    expect(await ote.inputValue()).toBe(stored);
  } finally {
    await bob.context.close();
  }
});

test("Ctrl+Z in a stored field undoes the plan edit", async () => {
  const page = ada.page;
  await showView(page, "capacity");
  const backfill = page.getByTestId(`role-backfill-${AE}`);
  const before = (await storedRole(page, AE))?.backfillMonths;
  expect(before).not.toBe(5);

  // When Ada types 5, presses Enter, then Ctrl+Z: the stored value is back
  // in the plan and in the field.
  await backfill.fill("5");
  await backfill.press("Enter");
  await page.waitForFunction(
    (id) =>
      window.meridian.planning?.inputs?.roles.find((r) => r.id === id)
        ?.backfillMonths === 5,
    AE,
    { timeout: PAGE_TIMEOUT_MS },
  );
  await backfill.press("Control+z");
  await page.waitForFunction(
    ({ id, before }) =>
      window.meridian.planning?.inputs?.roles.find((r) => r.id === id)
        ?.backfillMonths === before,
    { id: AE, before },
    { timeout: PAGE_TIMEOUT_MS },
  );
  await expect.poll(() => backfill.inputValue()).toBe(String(before));

  // In a select as well: Ctrl+Z puts the hire's role back, Ctrl+Shift+Z
  // changes it again.
  const role = page
    .locator('[data-row-id="demo-hire-4"]')
    .getByLabel("Role of hire line");
  await role.selectOption("demo-se");
  await expect
    .poll(async () => (await storedHire(page, "demo-hire-4"))?.roleId)
    .toBe("demo-se");
  await role.focus();
  await role.press("Control+z");
  await expect
    .poll(async () => (await storedHire(page, "demo-hire-4"))?.roleId)
    .toBe("demo-ae");
  await role.press("Control+Shift+Z");
  await expect
    .poll(async () => (await storedHire(page, "demo-hire-4"))?.roleId)
    .toBe("demo-se");
});

test("focus stays on a hire line that re-sorts", async () => {
  const page = ada.page;
  await showView(page, "capacity");
  // The first line is demo-hire-1, a March hire like demo-hire-2.
  await page
    .getByTestId("hire-row")
    .first()
    .getByLabel("Start month of hire line")
    .focus();

  // Each ArrowDown stores the next month, and the line moves down the table
  // past the other March and June hires; focus moves with it.
  for (const monthId of [
    "FY2028-M04",
    "FY2028-M05",
    "FY2028-M06",
    "FY2028-M07",
  ]) {
    await page.keyboard.press("ArrowDown");
    await expect
      .poll(async () => (await storedHire(page, "demo-hire-1"))?.monthId)
      .toBe(monthId);
    await expect
      .poll(() => focused(page))
      .toEqual({
        rowId: "demo-hire-1",
        label: "Start month of hire line",
        value: monthId,
      });
  }
  const months = await page
    .getByTestId("hire-row")
    .getByLabel("Start month of hire line")
    .evaluateAll((selects) =>
      selects.map((select) => (select as HTMLSelectElement).value),
    );
  expect(months[months.length - 1]).toBe("FY2028-M07");
});

test("added hire and rep take focus", async () => {
  const page = ada.page;
  await showView(page, "capacity");
  const hiresBefore = await page.getByTestId("hire-row").count();
  await page.getByTestId("add-hire").click();
  await expect
    .poll(() => page.getByTestId("hire-row").count())
    .toBe(hiresBefore + 1);
  const hire = await focused(page);
  expect(hire?.label).toBe("Role of hire line");
  expect(await storedHire(page, hire!.rowId!)).toBeDefined();

  await page.getByTestId("add-rep").click();
  await expect
    .poll(async () => (await focused(page))?.label)
    .toMatch(/^Name of rep New rep/);
});

test("a message under a role field does not widen the table", async () => {
  const page = ada.page;
  await showView(page, "capacity");
  const table = page.getByTestId("roles-table");
  const widthBefore = (await table.boundingBox())!.width;

  const attrition = page.getByTestId(`role-attrition-${AE}`);
  await attrition.fill("lots");
  await attrition.press("Enter");
  await page.getByTestId(`role-attrition-${AE}-error`).waitFor();
  expect((await table.boundingBox())!.width).toBe(widthBefore);
  await attrition.press("Escape");
});

/** Reads a whole-dollar grid figure such as "$1,234" or "-$1,234". */
function parseMoney(text: string): number {
  return Number(text.replace(/[$,]/g, ""));
}
