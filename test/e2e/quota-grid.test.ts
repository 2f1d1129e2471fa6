import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import { joinPlan, PAGE_TIMEOUT_MS, type PersonPage } from "./plan-page.ts";

// Quinn Hayes and Rosa Chen are the account executives of Pacific in the
// demo plan, next to Pacific's open seat.
const REP = "Quinn Hayes";
const SIBLING = "Rosa Chen";

let app: AppServer;
let browser: Browser;
let ada: PersonPage;
let grace: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  const link = await app.link("editor");
  [ada, grace] = await Promise.all([
    joinPlan(browser, link, "Ada"),
    joinPlan(browser, link, "Grace"),
  ]);
  await Promise.all([openQuotas(ada.page), openQuotas(grace.page)]);
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

test("quota adjustment reaches a co-editor", async () => {
  const repAnnual = cell(grace.page, REP, "annual").locator(".value");
  const siblingAnnual = cell(grace.page, SIBLING, "annual");
  const siblingBefore = await siblingAnnual.getAttribute("title");

  // Given: Ada selects the rep's adjustment and types an amount.
  await cell(ada.page, REP, "adjustment").click();
  await ada.page.keyboard.type("3000000");
  await ada.page.keyboard.press("Enter");
  // Enter moves down a row, as in a spreadsheet; go back to the cell.
  await ada.page.keyboard.press("ArrowUp");

  // Then Grace's page shows the new quota, the sibling's new quota and Ada's cell.
  await expect.poll(() => repAnnual.textContent()).toBe("$3,000,000");
  await expect
    .poll(() => siblingAnnual.getAttribute("title"))
    .not.toBe(siblingBefore);
  const adjustment = cell(grace.page, REP, "adjustment");
  const displayed = adjustment.locator(".value");
  await expect.poll(() => displayed.textContent()).toBe("$3,000,000");
  await expect
    .poll(() => adjustment.locator(".peer-tag").textContent())
    .toBe("Ada");
  expect(await adjustment.getAttribute("class")).toContain("peer");

  // And the cell's history names Ada and the change.
  await adjustment.click();
  const history = grace.page.getByTestId("quota-history");
  await expect.poll(() => history.textContent()).toContain("Ada");
  expect(await history.textContent()).toContain("empty → = 3000000");

  // When Ada presses Ctrl+Z, the cascade share comes back on both pages.
  await ada.page.keyboard.press("Control+z");
  await expect
    .poll(() => siblingAnnual.getAttribute("title"))
    .toBe(siblingBefore);
  await expect.poll(() => displayed.textContent()).toBe("");
  expect(await adjustments(ada.page)).toEqual({});
});

test("quota copy takes the exact amount", async () => {
  await cell(ada.page, SIBLING, "annual").click();
  const title = await cell(ada.page, SIBLING, "annual").getAttribute("title");

  const copied = await ada.page.evaluate(() => {
    const transfer = new DataTransfer();
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(
      new ClipboardEvent("copy", {
        clipboardData: transfer,
        bubbles: true,
        cancelable: true,
      }),
    );
    return transfer.getData("text/plain");
  });

  expect(copied).toMatch(/^\d+\.\d{2}$/);
  expect(copied).toBe(title);
});

test("quota paste with a bad value applies nothing", async () => {
  // Given: Ada selects the rep's adjustment and pastes two rows, one bad.
  await cell(ada.page, REP, "adjustment").click();
  await pasteInto(ada.page, "5000\n12,5x\n");

  // Then nothing is applied and the bad cell is listed.
  const errors = ada.page.getByTestId("quota-paste-errors");
  await expect
    .poll(() => errors.textContent())
    .toContain(`row ${SIBLING}, Adjustment: '12,5x' is not an amount`);
  expect(await errors.locator("li").count()).toBe(1);
  expect(await adjustments(ada.page)).toEqual({});
  const displayed = cell(ada.page, REP, "adjustment").locator(".value");
  expect(await displayed.textContent()).toBe("");
});

test("quota paste applies a block in one undo step", async () => {
  await cell(ada.page, REP, "adjustment").click();
  await pasteInto(ada.page, "+1000\n-1000\n");

  await expect.poll(() => adjustmentCount(grace.page)).toBe(2);
  await ada.page.keyboard.press("Control+z");
  await expect.poll(() => adjustmentCount(grace.page)).toBe(0);
});

test("quota refusal shows at the cell", async () => {
  // A delta larger than the rep's share would make its quota negative.
  await cell(ada.page, REP, "adjustment").click();
  await ada.page.keyboard.type("-999999999");
  await ada.page.keyboard.press("Enter");

  const editor = cell(ada.page, REP, "adjustment").locator("input");
  const message = cell(ada.page, REP, "adjustment").locator(".cell-error");
  await expect.poll(() => message.textContent()).toContain("is negative");
  expect(await editor.inputValue()).toBe("-999999999");
  expect(await adjustments(ada.page)).toEqual({});

  await ada.page.keyboard.press("Escape");
  expect(await editor.count()).toBe(0);
});

test("quota settings reject bad weights", async () => {
  const page = ada.page;
  await page.getByText("Cascade settings").click();
  const rule = page.getByTestId("quota-rule-territory");
  const before = await page.evaluate(
    () => window.meridian.planning?.inputs?.quota.levels.territory,
  );

  await rule.getByRole("textbox", { name: "Even" }).fill("0.2");
  await rule.getByRole("button", { name: "Apply" }).click();

  await expect
    .poll(() => rule.getByRole("alert").textContent())
    .toBe("The weights sum to 1.2; they must sum to exactly 1.");
  const after = await page.evaluate(
    () => window.meridian.planning?.inputs?.quota.levels.territory,
  );
  expect(after).toEqual(before);
});

test("quota re-run clears adjustments in one step", async () => {
  const page = ada.page;
  await cell(page, REP, "adjustment").click();
  await pasteInto(page, "+1000\n-1000\n");
  await expect.poll(() => adjustmentCount(page)).toBe(2);

  await page.getByLabel("Keep manual adjustments").uncheck();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Run cascade again" }).click();

  await expect.poll(() => adjustmentCount(grace.page)).toBe(0);
  await page.keyboard.press("Control+z");
  await expect.poll(() => adjustmentCount(grace.page)).toBe(2);
});

test("quota grid is read-only for a viewer", async () => {
  const viewer = await joinPlan(browser, await app.link("viewer"), "Vic");
  await openQuotas(viewer.page);

  await cell(viewer.page, REP, "adjustment").click();
  await viewer.page.keyboard.type("5");
  await viewer.page.keyboard.press("Enter");

  expect(await viewer.page.locator("input.editor").count()).toBe(0);
  expect(
    await cell(viewer.page, REP, "adjustment").getAttribute("aria-readonly"),
  ).toBe("true");
  const followTargets = viewer.page
    .getByTestId("quota-company")
    .locator("input")
    .first();
  expect(await followTargets.isDisabled()).toBe(true);
  await viewer.context.close();
});

async function openQuotas(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Quotas" }).click();
  await page
    .getByTestId("quota-grid")
    .waitFor({ state: "visible", timeout: PAGE_TIMEOUT_MS });
}

// The cell of the row named `name` in the column `key`.
function cell(page: Page, name: string, key: string): Locator {
  return page
    .locator("tr[data-row-id]")
    .filter({ has: page.getByRole("gridcell", { name, exact: true }) })
    .locator(`td[data-column="${key}"]`);
}

// Sends a paste event with `text` to the focused cell, as Ctrl+V does with
// text copied from a spreadsheet. Headless Chromium has no system
// clipboard to paste from.
async function pasteInto(page: Page, text: string): Promise<void> {
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.setData("text/plain", data);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(
      new ClipboardEvent("paste", {
        clipboardData: transfer,
        bubbles: true,
        cancelable: true,
      }),
    );
  }, text);
}

function adjustments(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(
    () => window.meridian.planning?.inputs?.adjustments ?? {},
  );
}

async function adjustmentCount(page: Page): Promise<number> {
  return Object.keys(await adjustments(page)).length;
}
