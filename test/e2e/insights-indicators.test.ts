import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, openIsolatedPage, saveScreenshot } from "./browser.ts";
import {
  joinPlan,
  PAGE_TIMEOUT_MS,
  submitName,
  type PersonPage,
} from "./plan-page.ts";

// In the demo plan, Quinn Hayes and Rosa Chen carry Pacific, a territory of
// the West region. The editor link has no pay access, so pay KPIs stay
// "not available" with the server's reason.
const REGION = "West";
const TERRITORY = "Pacific";
const REP = "Quinn Hayes";

const THEMES = [
  "quota-alignment",
  "coverage-quality",
  "payout-accuracy",
  "incentive-effectiveness",
  "reconciliation-effort",
];

let app: AppServer;
let browser: Browser;
let editor: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  editor = await joinPlan(browser, await app.link("editor"), "Ada");
  await openIndicators(editor.page);
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

async function openIndicators(page: Page): Promise<void> {
  await page
    .getByTestId("view-tab-insights")
    .click({ timeout: PAGE_TIMEOUT_MS });
  await page.getByTestId("insights-tab-indicators").click();
  await page
    .getByTestId("kpi-value-unassigned-potential")
    .waitFor({ timeout: PAGE_TIMEOUT_MS });
}

function valueOf(page: Page, id: string): Promise<string> {
  return page.getByTestId(`kpi-value-${id}`).innerText();
}

// Names of a drill-down level's rows, without the chevron of rows that open.
async function rowNames(page: Page, level: string): Promise<string[]> {
  const cells = page
    .getByTestId("kpi-drill")
    .getByTestId(`kpi-drill-row-${level}`)
    .locator("th");
  const texts = await cells.allInnerTexts();
  return texts.map((text) => text.replace("›", "").trim());
}

function drillOpen(page: Page, name: string) {
  return page
    .getByTestId("kpi-drill")
    .getByRole("button", { name, exact: true });
}

test("cards show formatted values by theme", async () => {
  const page = editor.page;
  for (const theme of THEMES) {
    expect(await page.getByTestId(`kpi-theme-${theme}`).count()).toBe(1);
  }
  expect(await valueOf(page, "quota-to-potential")).toMatch(/^\d+\.\d%$/);
  expect(await valueOf(page, "potential-per-rep")).toMatch(/^\$[\d,]+\.\d\d$/);
  expect(await valueOf(page, "accounts-per-rep")).toMatch(/^[\d,]+\.\d$/);
  expect(await valueOf(page, "quota-adjustments")).toBe("0");

  const card = page.getByTestId("kpi-potential-deviation-max");
  expect(await card.innerText()).toContain(
    "Largest absolute percent deviation",
  );
});

test("pay KPIs show the reason", async () => {
  const page = editor.page;
  expect(await valueOf(page, "statements-disputed")).toBe("not available");
  expect(await valueOf(page, "disputes-open")).toBe("not available");
  const reason = page
    .getByTestId("kpi-theme-payout-accuracy")
    .getByTestId("kpi-pay-reason");
  expect(await reason.innerText()).toMatch(
    /^Pay figures are not available: .+/,
  );
  // Plan-side KPIs of a theme with pay KPIs keep their values.
  expect(await valueOf(page, "account-overrides")).toBe("0");
});

test("Explain opens the trace", async () => {
  const page = editor.page;
  await page.getByTestId("kpi-explain-quota-to-potential").click();
  const summary = page.getByTestId("trace-summary");
  await expect
    .poll(() => summary.innerText())
    .toMatch(/^Quota to potential = \d+\.\d: sum of territory quotas/);
  const panel = page.getByTestId("trace-panel");
  expect(await panel.innerText()).toContain(`Quota to potential ${TERRITORY}`);
  await saveScreenshot(page, "insights-indicators-trace-1280");
  await panel.getByRole("button", { name: "Close" }).click();
  expect(await panel.count()).toBe(0);
});

test("Escape closes the trace", async () => {
  const page = editor.page;
  const explain = page.getByTestId("kpi-explain-quota-to-potential");
  const panel = page.getByTestId("trace-panel");
  const focusedTestId = () =>
    page.evaluate(() => document.activeElement?.getAttribute("data-testid"));

  await explain.focus();
  await page.keyboard.press("Enter");
  await panel.waitFor();
  await page.keyboard.press("Escape");
  await expect.poll(() => panel.count()).toBe(0);
  await expect.poll(focusedTestId).toBe("kpi-explain-quota-to-potential");

  // The Close button returns focus to the opener too.
  await page.keyboard.press("Enter");
  await panel.getByRole("button", { name: "Close" }).click();
  await expect.poll(() => panel.count()).toBe(0);
  await expect.poll(focusedTestId).toBe("kpi-explain-quota-to-potential");
});

test("over-assignment counts rep-level nodes", async () => {
  const page = editor.page;
  const summary = page.getByTestId("trace-summary");
  await page.getByTestId("kpi-explain-quota-over-assignment").click();
  const overAssignment = await summary.innerText();
  // The demo plan has 18 reps and 3 planned hires, each with a rep-level node.
  expect(overAssignment).toContain(
    "rep-level quota nodes, planned hires included 21",
  );
  expect(overAssignment).not.toMatch(/\breps \d/);

  await page.getByTestId("kpi-explain-accounts-per-rep").click();
  await expect.poll(() => summary.innerText()).toContain("reps 18");
  await page.keyboard.press("Escape");
});

test("drill down to a rep's accounts", async () => {
  const page = editor.page;
  await page.getByTestId("kpi-drill-potential-per-rep").click();
  const drill = page.getByTestId("kpi-drill");
  expect(await rowNames(page, "region")).toContain(REGION);

  // The keyboard opens the region: focus its button and press Enter.
  await drillOpen(page, REGION).focus();
  await page.keyboard.press("Enter");
  const territoryRow = drill
    .getByTestId("kpi-drill-row-territory")
    .filter({ hasText: TERRITORY });
  expect(await territoryRow.locator("td").first().innerText()).toMatch(
    /^\$[\d,]+\.\d\d$/,
  );
  await drillOpen(page, TERRITORY).click();
  expect(await rowNames(page, "rep")).toEqual([REP, "Rosa Chen"]);
  await drillOpen(page, REP).click();

  const breadcrumb = page.getByTestId("kpi-breadcrumb");
  expect(await breadcrumb.locator("li").allInnerTexts()).toEqual([
    "Plan",
    REGION,
    TERRITORY,
    REP,
  ]);
  const summary = page.getByTestId("kpi-accounts-summary");
  expect(await summary.innerText()).toMatch(
    new RegExp(`^[\\d,]+ accounts in ${TERRITORY}, potential \\$[\\d,.]+`),
  );
  const accounts = page.getByTestId("kpi-account-row");
  expect(await accounts.count()).toBe(50);
  const potentials = await accounts.locator("td:nth-child(3)").allInnerTexts();
  const cents = potentials.map((text) => Number(text.replace(/[$,.]/g, "")));
  expect(cents).toEqual([...cents].sort((a, b) => b - a));
  expect(await page.getByTestId("kpi-accounts-rest").innerText()).toMatch(
    /^and [\d,]+ more accounts with \$[\d,.]+ potential/,
  );

  await page.setViewportSize({ width: 1024, height: 768 });
  await saveScreenshot(page, "insights-indicators-accounts-1024");
  await page.setViewportSize({ width: 1280, height: 800 });

  // The breadcrumb goes back to the top.
  await breadcrumb.getByRole("button", { name: "Plan" }).click();
  expect(await breadcrumb.locator("li").allInnerTexts()).toEqual(["Plan"]);
});

test("KPIs follow a stroke live", async () => {
  const page = editor.page;
  const before = await valueOf(page, "unassigned-potential");
  const summary = page.getByTestId("kpi-accounts-summary");
  await drillOpen(page, REGION).click();
  await drillOpen(page, TERRITORY).click();
  await drillOpen(page, REP).click();
  const accountsBefore = await summary.innerText();

  // Unassign every county of the territory, as an eraser stroke would.
  const removed = await page.evaluate((name) => {
    const planDoc = window.meridian.planDoc!;
    const territory = planDoc.readTerritories().find((t) => t.name === name)!;
    const units = [...planDoc.readAssignments()]
      .filter(([, territoryId]) => territoryId === territory.id)
      .map(([unitId]) => unitId);
    window.meridian.paint(units, null);
    return units.length;
  }, TERRITORY);
  expect(removed).toBeGreaterThan(0);

  await expect
    .poll(() => valueOf(page, "unassigned-potential"))
    .not.toBe(before);
  await expect
    .poll(() => page.getByTestId("kpi-accounts").innerText())
    .toContain(`${TERRITORY} covers no accounts.`);
  expect(accountsBefore).not.toContain("covers no accounts");

  await page.evaluate(() => window.meridian.undoManager?.undo());
  await expect.poll(() => valueOf(page, "unassigned-potential")).toBe(before);
  await expect.poll(() => summary.innerText()).toBe(accountsBefore);
});

test("CSV download has the KPI rows", async () => {
  const page = editor.page;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("kpi-csv").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-kpis\.csv$/);
  const path = await download.path();
  const lines = readFileSync(path, "utf8").trimEnd().split("\n");
  expect(lines[0]).toBe("kpi,label,level,id,name,value,unit,trace");
  const planRows = lines.filter((line) => line.split(",")[2] === "plan");
  expect(planRows.map((line) => line.split(",")[0])).toContain(
    "unassigned-potential",
  );
  const cards = page.locator('[data-testid^="kpi-value-"]');
  expect(planRows).toHaveLength(await cards.count());
  const pacific = lines.find(
    (line) =>
      line.startsWith("quota-to-potential,") &&
      line.includes(`,territory,`) &&
      line.includes(`,${TERRITORY},`),
  );
  expect(pacific).toBeDefined();
});

test("reviewer sees the same read-only", async () => {
  // The Indicators need the datasets, not the map, so the test does not
  // wait for the map to draw.
  const reviewer = await openIsolatedPage(browser, await app.link("reviewer"));
  try {
    const page = reviewer.page;
    await submitName(page, "Rev");
    await openIndicators(page);
    for (const id of ["quota-to-potential", "potential-per-rep"]) {
      await expect
        .poll(() => valueOf(page, id))
        .toBe(await valueOf(editor.page, id));
    }
    expect(await valueOf(page, "cost-of-sales")).toBe("not available");

    const panel = page.getByTestId("insights-indicators");
    expect(await panel.locator("input, select, textarea").count()).toBe(0);
    await page.getByTestId("kpi-explain-unassigned-potential").click();
    expect(await page.getByTestId("trace-summary").innerText()).toMatch(
      /^Unassigned potential = /,
    );
    await saveScreenshot(page, "insights-indicators-reviewer-1280");
  } finally {
    await reviewer.context.close();
  }
});

test("pay admin sees pay values", async () => {
  const link = await app.server.demoPayAdminLink();
  expect(link).not.toBeNull();
  const admin = await openIsolatedPage(browser, link!);
  try {
    const page = admin.page;
    await submitName(page, "Pat");
    await openIndicators(page);
    await expect
      .poll(() => valueOf(page, "statements-disputed"))
      .toMatch(/^[\d,]+$/);
    expect(await valueOf(page, "cost-of-sales")).toMatch(/^[\d,]+\.\d%$/);
    expect(await page.getByTestId("kpi-pay-reason").count()).toBe(0);
    expect(await page.getByTestId("kpi-pay-scope").innerText()).toBe(
      "Pay figures cover every statement of the plan.",
    );

    // Payout to attainment breaks down per rep, in one flat list.
    await page.getByTestId("kpi-drill-payout-to-attainment").click();
    const reps = await rowNames(page, "rep");
    expect(reps.length).toBeGreaterThan(0);
    expect(await page.getByTestId("kpi-drill-open").count()).toBe(0);
  } finally {
    await admin.context.close();
  }
});
