import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { demoPayAdminLink } from "../../sync-server/demo.ts";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import { joinPlan, PAGE_TIMEOUT_MS, type PersonPage } from "./plan-page.ts";

// The demo plan's deal history books FY2028 (February 2027 to January
// 2028) in nine territories with account executives; Mountain is one.
const TERRITORY = "Mountain";
const TERRITORY_COUNT = 9;

// demo-rep-1 sells in New England and Middle Atlantic; their first
// Middle Atlantic deal closes in March 2027, a month into FY2028.
const REP_ID = "demo-rep-1";
const LATE_TERRITORY = "Middle Atlantic";

let app: AppServer;
let browser: Browser;
/** An editor with the incentives administrator's pay access. */
let ada: PersonPage;
/** An editor without pay access. */
let grace: PersonPage;
/** A rep who sees only the bookings credited to them (pay scope "self"). */
let ron: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  const adminLink = await demoPayAdminLink(
    app.server.storage,
    app.server.secret,
    app.server.url,
  );
  if (adminLink === null) throw new Error("The server has no demo plan.");
  const editorLink = await app.link("editor");
  const repLink = await payInviteLink(adminLink, REP_ID);
  [ada, grace, ron] = await Promise.all([
    joinPlan(browser, adminLink, "Ada"),
    joinPlan(browser, editorLink, "Grace"),
    joinPlan(browser, repLink, "Ron"),
  ]);
  await Promise.all([
    openForecast(ada.page),
    openForecast(grace.page),
    openForecast(ron.page),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

test("forecast shows chart, band and errors", async () => {
  const page = ada.page;
  const chart = page.getByTestId("forecast-chart");
  await chart.waitFor({ state: "visible", timeout: PAGE_TIMEOUT_MS });
  expect(await chart.locator("svg").getAttribute("aria-label")).toContain(
    "booked Feb 2027 to Jan 2028",
  );
  expect(await pathLength(page.getByTestId("forecast-band"))).toBeGreaterThan(
    0,
  );
  expect(await pathLength(page.getByTestId("forecast-line"))).toBeGreaterThan(
    0,
  );
  expect(await page.getByTestId("forecast-held-back").count()).toBe(1);

  expect(await page.getByTestId("forecast-mae").textContent()).toMatch(
    /^\$[\d,]+\.\d\d$/,
  );
  expect(await page.getByTestId("forecast-mape").textContent()).toMatch(
    /^\d+\.\d\d %$/,
  );
  expect(await page.getByTestId("forecast-smape").textContent()).toMatch(
    /^\d+\.\d\d %$/,
  );
  const errors = await page.getByTestId("forecast-errors").textContent();
  expect(errors).toContain("Naive");
  expect(await attainmentText(page)).toMatch(/^\d+\.\d % of \$[\d,.]+ quota$/);

  const rows = page.getByTestId("forecast-row");
  expect(await rows.count()).toBe(TERRITORY_COUNT + 1);
  expect(await rows.first().locator("th").textContent()).toContain(
    "All territories",
  );
  const mountain = rows.filter({ hasText: TERRITORY });
  expect(await mountain.locator("td").first().textContent()).toMatch(
    /^\d+\.\d %$/,
  );
});

test("territory picker redraws the chart", async () => {
  const page = ada.page;
  await page.getByTestId("forecast-territory").selectOption({
    label: TERRITORY,
  });
  const title = page.getByTestId("forecast-chart").locator("svg .title");
  await expect.poll(() => title.textContent()).toContain(TERRITORY);
});

test("wider coverage widens the attainment band", async () => {
  const page = ada.page;
  await page.getByTestId("forecast-territory").selectOption({
    label: TERRITORY,
  });
  // With bookings up to October, November to January are forecast.
  await page.getByTestId("forecast-last-month").selectOption("2027-10");
  const range = page.getByTestId("forecast-attainment-range");
  await expect.poll(() => range.textContent()).toContain("3 months forecast");

  await page.getByTestId("forecast-coverage").selectOption({ label: "80 %" });
  const narrow = lowAndHigh(await range.textContent());
  expect(narrow.low).toBeLessThan(narrow.high);
  await page.getByTestId("forecast-coverage").selectOption({ label: "95 %" });
  await expect
    .poll(async () => lowAndHigh(await range.textContent()).low)
    .toBeLessThan(narrow.low);
  expect(lowAndHigh(await range.textContent()).high).toBeGreaterThan(
    narrow.high,
  );
  expect(
    await page
      .getByTestId("forecast-chart")
      .locator("svg")
      .getAttribute("aria-label"),
  ).toContain("95 % band");
  await page.getByTestId("forecast-coverage").selectOption({ label: "80 %" });
  await expect
    .poll(() =>
      page
        .getByTestId("forecast-chart")
        .locator("svg")
        .getAttribute("aria-label"),
    )
    .toContain("in an 80 % band");
});

test("one month forecast is singular", async () => {
  const page = ada.page;
  await page.getByTestId("forecast-territory").selectOption({
    label: TERRITORY,
  });
  await page.getByTestId("forecast-last-month").selectOption("2027-12");
  const range = page.getByTestId("forecast-attainment-range");
  await expect.poll(() => range.textContent()).toContain("1 month forecast.");
});

test("Explain shows the trace", async () => {
  const page = ada.page;
  await page.getByTestId("forecast-explain").click();
  const panel = page.getByTestId("trace-panel");
  await panel.waitFor({ state: "visible" });
  const text = await panel.textContent();
  expect(text).toContain(`Bookings forecast of ${TERRITORY}`);
  expect(text).toContain("Prediction band");
  expect(text).toContain("Forecast error on held-back months");
  expect(text).toContain("Naive baseline error on held-back months");
  expect(text).toContain("Forecast attainment FY from 2027-02");
  await page.getByTestId("forecast-explain").click();
  await expect.poll(() => panel.count()).toBe(0);
});

test("person without pay access sees who can", async () => {
  const page = grace.page;
  const notice = page.getByTestId("forecast-forbidden");
  await notice.waitFor({ state: "visible", timeout: PAGE_TIMEOUT_MS });
  expect(await notice.textContent()).toContain(
    "incentives administrators see every territory",
  );
  expect(await page.getByTestId("forecast-chart").count()).toBe(0);
  expect(await page.getByTestId("forecast-table").count()).toBe(0);
});

test("rep sees forecast without attainment", async () => {
  const page = ron.page;
  const chart = page.getByTestId("forecast-chart");
  await chart.waitFor({ state: "visible", timeout: PAGE_TIMEOUT_MS });
  expect(await page.getByTestId("forecast-scope").textContent()).toContain(
    "credited to you",
  );
  const withheld = page.getByTestId("forecast-attainment-withheld");
  expect(await withheld.textContent()).toContain('pay scope "all"');
  expect(await page.getByTestId("forecast-attainment").count()).toBe(0);
  expect(await page.getByTestId("forecast-mae").textContent()).toMatch(
    /^\$[\d,]+\.\d\d$/,
  );
  expect(await pathLength(page.getByTestId("forecast-band"))).toBeGreaterThan(
    0,
  );

  const table = page.getByTestId("forecast-table");
  const headers = await table.locator("thead th").allTextContents();
  expect(headers).toEqual(["Territory", "sMAPE held back"]);
  expect(await table.locator("tbody tr").first().locator("td").count()).toBe(1);
});

test("late first booking fills zero months", async () => {
  const page = ron.page;
  await page.getByTestId("forecast-territory").selectOption({
    label: LATE_TERRITORY,
  });
  const svg = page.getByTestId("forecast-chart").locator("svg");
  await expect
    .poll(() => svg.getAttribute("aria-label"))
    .toContain(`Monthly bookings of ${LATE_TERRITORY}: booked Feb 2027`);
  expect(await page.getByTestId("forecast-unavailable").count()).toBe(0);
});

test("failed load offers Try again", async () => {
  const page = ada.page;
  const bookings = "**/api/plans/demo/insights/bookings";
  await page.route(bookings, (route) => route.abort("connectionrefused"));
  // Leaving the section and coming back mounts the panel, which requests
  // the bookings again.
  await page.getByTestId("insights-tab-indicators").click();
  await page.getByTestId("insights-tab-forecast").click();
  const failed = page.getByTestId("forecast-failed");
  await failed.waitFor({ state: "visible", timeout: PAGE_TIMEOUT_MS });
  const message = await failed.textContent();
  expect(message).toContain("Could not reach the Meridian server");
  expect(message?.match(/try again/gi)).toHaveLength(1);
  expect(message).not.toContain("Reload");

  await page.unroute(bookings);
  await page.getByTestId("forecast-retry").click();
  await page
    .getByTestId("forecast-chart")
    .waitFor({ state: "visible", timeout: PAGE_TIMEOUT_MS });
  expect(await failed.count()).toBe(0);
});

test("quota edit moves attainment live", async () => {
  await ada.page.getByTestId("forecast-territory").selectOption({
    label: TERRITORY,
  });
  const before = await attainmentText(ada.page);

  // Grace, on another page, sets Mountain's quota in the Quotas grid.
  await grace.page.getByRole("tab", { name: "Quotas" }).click();
  await grace.page
    .getByTestId("quota-grid")
    .waitFor({ state: "visible", timeout: PAGE_TIMEOUT_MS });
  await quotaCell(grace.page, TERRITORY, "adjustment").click();
  await grace.page.keyboard.type("3000000");
  await grace.page.keyboard.press("Enter");

  await expect
    .poll(() => attainmentText(ada.page), { timeout: PAGE_TIMEOUT_MS })
    .toContain("of $3,000,000.00 quota");
  expect(await attainmentText(ada.page)).not.toBe(before);
});

/**
 * Joins as the demo's incentives administrator through the API and makes a
 * rep's pay invite link with that person's token.
 */
async function payInviteLink(
  adminLink: string,
  repId: string,
): Promise<string> {
  const base = app.server.url;
  const inviteToken = new URL(adminLink).searchParams.get("token");
  const joined = await fetch(`${base}/api/join`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: inviteToken, name: "Invites" }),
  });
  if (!joined.ok) throw new Error(`Joining failed: ${await joined.text()}`);
  const { token } = (await joined.json()) as { token: string };
  const invite = await fetch(`${base}/api/plans/demo/pay/invites`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ repId }),
  });
  if (!invite.ok) throw new Error(`Pay invite failed: ${await invite.text()}`);
  const { url } = (await invite.json()) as { url: string };
  return url;
}

async function openForecast(page: Page): Promise<void> {
  await page.getByTestId("view-tab-insights").click();
  await page.getByTestId("insights-tab-forecast").click();
  await page
    .getByTestId("forecast-panel")
    .waitFor({ state: "visible", timeout: PAGE_TIMEOUT_MS });
}

async function attainmentText(page: Page): Promise<string> {
  const text = await page.getByTestId("forecast-attainment").textContent();
  return (text ?? "").replace(/\s+/g, " ").trim();
}

function pathLength(path: Locator): Promise<number> {
  return path.evaluate((element) =>
    (element as SVGPathElement).getTotalLength(),
  );
}

/** Reads "Low 58.9 %, high 68.6 %" from the attainment range. */
function lowAndHigh(text: string | null): { low: number; high: number } {
  const match = /Low ([\d.]+) %, high ([\d.]+) %/.exec(text ?? "");
  if (match === null) throw new Error(`No low and high in "${text}".`);
  return { low: Number(match[1]), high: Number(match[2]) };
}

// The cell of the quota grid's row named `name` in the column `key`.
function quotaCell(page: Page, name: string, key: string): Locator {
  return page
    .locator("tr[data-row-id]")
    .filter({ has: page.getByRole("gridcell", { name, exact: true }) })
    .locator(`td[data-column="${key}"]`);
}
