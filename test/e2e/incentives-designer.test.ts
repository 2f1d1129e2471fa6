import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import { joinPlan, PAGE_TIMEOUT_MS, type PersonPage } from "./plan-page.ts";

// The demo plan's account executive role.
const AE = "demo-ae";
// A new plan pays 5% commission (component "commission-1"); the test adds
// a tiered table, which is "tiered-1" with bands 0-100% and 100%+. The demo
// plan may have comp plans of its own, so the test finds its plan by name.
const BANDS = "bands-tiered-1";
const PLAN_NAME = "Designer test plan";

let app: AppServer;
let browser: Browser;
let ada: PersonPage;
let vic: PersonPage;
let planId = "";

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  ada = await joinPlan(browser, await app.link("editor"), "Ada");
  vic = await joinPlan(browser, await app.link("viewer"), "Vic");
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

async function showIncentives(page: Page) {
  await page.getByTestId("view-tab-incentives").click();
  await page
    .getByTestId("incentives-view")
    .waitFor({ timeout: PAGE_TIMEOUT_MS });
}

/** Reads the plan document's comp plans as JSON text, exactly as stored. */
function storedPlans(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify(window.meridian.doc?.getMap("compPlans").toJSON() ?? null),
  );
}

interface StoredPlan {
  id: string;
  name: string;
  roleIds: string[];
  plan: { components: { id: string; bands?: unknown[] }[] };
}

/** Reads the test's comp plan from the plan document and notes its id. */
async function storedPlan(page: Page): Promise<StoredPlan> {
  const plans = JSON.parse(await storedPlans(page)) as Record<
    string,
    Omit<StoredPlan, "id">
  >;
  const found = Object.entries(plans).find(([, p]) => p.name === PLAN_NAME);
  if (found === undefined) throw new Error(`No comp plan "${PLAN_NAME}".`);
  planId = found[0];
  return { id: found[0], ...found[1] };
}

function undoSteps(page: Page): Promise<number> {
  return page.evaluate(
    () => window.meridian.undoManager?.undoStack.length ?? -1,
  );
}

function curvePath(page: Page): Promise<string | null> {
  return page.getByTestId("payout-curve-path").getAttribute("d");
}

function markerCount(page: Page): Promise<number> {
  return page
    .locator('[data-testid="payout-curve-chart"] [data-marker]')
    .count();
}

async function waitForPathChange(page: Page, before: string | null) {
  await page.waitForFunction(
    (before) =>
      document
        .querySelector('[data-testid="payout-curve-path"]')
        ?.getAttribute("d") !== before,
    before,
    { timeout: PAGE_TIMEOUT_MS },
  );
}

test("editor adds a plan with a tier band and the curve changes", async () => {
  const page = ada.page;
  await showIncentives(page);

  // Ada adds a plan for account executives and a tiered component.
  await page.getByTestId("new-comp-plan-name").fill(PLAN_NAME);
  await page.getByTestId("add-comp-plan").click();
  await page.getByTestId("comp-plan-designer").waitFor();
  await page.getByTestId(`plan-role-${AE}`).check();
  await page.getByTestId("component-kind").selectOption("tiered");
  await page.getByTestId("add-component").click();
  await page.getByTestId(BANDS).waitFor();
  await page.getByTestId("payout-curve-path").waitFor();

  const record = await storedPlan(page);
  expect(record.name).toBe(PLAN_NAME);
  expect(record.roleIds).toEqual([AE]);
  expect(record.plan.components.map((c) => c.id)).toEqual([
    "commission-1",
    "tiered-1",
  ]);

  // When she adds a band, the new boundary at 125% gets a marker...
  const markersBefore = await markerCount(page);
  const pathBefore = await curvePath(page);
  await page.getByTestId(`${BANDS}-add`).click();
  await expect.poll(() => page.getByTestId(`${BANDS}-row`).count()).toBe(3);
  await expect.poll(() => markerCount(page)).toBe(markersBefore + 1);

  // ...and a higher rate in it bends the curve above 125%.
  const rate = page.getByTestId(`${BANDS}-rate-2`);
  await rate.fill("15");
  await rate.press("Enter");
  await waitForPathChange(page, pathBefore);
  const tiered = (await storedPlan(page)).plan.components[1];
  expect(tiered.bands).toEqual([
    { from: "0", to: "1", rate: "0.05" },
    { from: "1", to: "1.25", rate: "0.08" },
    { from: "1.25", rate: "0.15" },
  ]);
});

test("rejected band edit writes nothing", async () => {
  const page = ada.page;
  const before = await storedPlans(page);
  const steps = await undoSteps(page);
  const pathBefore = await curvePath(page);

  // Ending the first band at 300% would put the second band's start above
  // its end at 125%, which the plan model rejects.
  const end = page.getByTestId(`${BANDS}-to-0`);
  await end.fill("300");
  await end.press("Enter");
  const error = page.getByTestId(`${BANDS}-to-0-error`);
  await error.waitFor();
  expect(await error.textContent()).toContain("was not saved");
  expect(await error.textContent()).toContain("bands[1].to");
  expect(await end.getAttribute("aria-invalid")).toBe("true");

  expect(await storedPlans(page)).toBe(before);
  expect(await undoSteps(page)).toBe(steps);
  expect(await curvePath(page)).toBe(pathBefore);

  await end.press("Escape");
  expect(await end.inputValue()).toBe("100");
});

test("undo reverts a plan edit", async () => {
  const page = ada.page;
  const cap = page.getByTestId("plan-total-cap");
  const before = await storedPlans(page);

  await cap.fill("5000");
  await cap.press("Enter");
  await expect
    .poll(async () => (await storedPlans(page)).includes('"totalCap":"5000"'))
    .toBe(true);
  await page.locator('[data-testid="payout-curve-chart"] .cap-line').waitFor();

  // Ctrl+Z in the field that shows the stored value undoes the edit.
  await cap.press("Control+z");
  await expect.poll(() => storedPlans(page)).toBe(before);
  await expect.poll(() => cap.inputValue()).toBe("");
  await expect
    .poll(() =>
      page.locator('[data-testid="payout-curve-chart"] .cap-line').count(),
    )
    .toBe(0);
});

function storedManagers(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify(window.meridian.doc?.getMap("managers").toJSON() ?? null),
  );
}

test("manager loop rejected at the select", async () => {
  const page = ada.page;
  const [first, second] = await page.evaluate(
    () => window.meridian.planning?.inputs?.reps.map((rep) => rep.id) ?? [],
  );

  // Given: the second rep reports to the first.
  await page.getByTestId(`manager-${second}`).selectOption(first);
  await expect
    .poll(async () => JSON.parse(await storedManagers(page))[second])
    .toBe(first);
  const before = await storedManagers(page);

  // When the first rep is set to report to the second, the loop is
  // rejected with the model's message and nothing is written.
  const select = page.getByTestId(`manager-${first}`);
  const managerBefore = await select.inputValue();
  await select.selectOption(second);
  const alert = page.locator("td", { has: select }).getByRole("alert");
  await alert.waitFor();
  expect(await alert.textContent()).toContain("would create a loop");
  expect(await storedManagers(page)).toBe(before);
  expect(await select.inputValue()).toBe(managerBefore);
});

test("viewer sees the plan read-only", async () => {
  const page = vic.page;
  await showIncentives(page);
  await page.getByTestId(`design-${planId}`).click();
  await page.getByTestId(BANDS).waitFor();

  expect(await page.getByTestId("add-comp-plan").count()).toBe(0);
  expect(await page.getByTestId(`${BANDS}-add`).count()).toBe(0);
  expect(await page.getByTestId(`${BANDS}-rate-2`).isDisabled()).toBe(true);
  expect(await page.getByTestId(`${BANDS}-rate-2`).inputValue()).toBe("15");
  await page.getByTestId("payout-curve-path").waitFor();
});
