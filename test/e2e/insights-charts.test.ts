import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  county,
  PUBLIC_DATA_DIR,
  startAppServer,
  type AppServer,
} from "./app-server.ts";
import {
  launchBrowser,
  saveElementScreenshot,
  saveScreenshot,
} from "./browser.ts";
import {
  countiesAt,
  joinPlan,
  PAGE_TIMEOUT_MS,
  selectTerritory,
  showArea,
  viewportPoint,
  waitForAssignments,
  waitForMapReady,
  type PersonPage,
} from "./plan-page.ts";

// Adjuntas, Puerto Rico, is unassigned in the demo plan.
const ADJUNTAS = "72001";
const SOUTH_ATLANTIC = "demo-south-atlantic";

const CHARTS = [
  "balance-chart",
  "waterfall-chart",
  "choropleth-chart",
  "attainment-chart",
  "payout-scatter-chart",
];

let app: AppServer;
let browser: Browser;
let admin: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  // The incentives administrator edits the plan and may see every rep's pay.
  const link = await app.server.demoPayAdminLink();
  if (link === null) throw new Error("The server has no demo plan.");
  admin = await joinPlan(browser, link, "Ada");
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

test("stroke changes coverage KPI and its chart", async () => {
  const page = admin.page;
  const countyCents = potentialCentsOf(ADJUNTAS);
  expect(countyCents).toBeGreaterThan(0);

  // Given: the unassigned potential and South Atlantic's bar before the stroke.
  await openInsights(page, "indicators");
  const kpi = page.getByTestId("kpi-value-unassigned-potential");
  await kpi.waitFor({ timeout: PAGE_TIMEOUT_MS });
  const unassignedBefore = moneyCents(await kpi.textContent());
  await openInsights(page, "charts");
  const bar = balanceBar(page, SOUTH_ATLANTIC);
  const valueBefore = Number(await bar.getAttribute("data-value"));

  // When Ada paints Adjuntas into South Atlantic on the map.
  await page.getByTestId("view-tab-map").click();
  await selectTerritory(page, SOUTH_ATLANTIC);
  const place = county(ADJUNTAS);
  await showArea(page, [place.lon, place.lat], 9);
  const point = await viewportPoint(page, place);
  expect(await countiesAt(page, point)).toContain(ADJUNTAS);
  await page.mouse.click(point.x, point.y);
  await waitForAssignments(page, { [ADJUNTAS]: SOUTH_ATLANTIC });

  // Then the KPI and the bar moved by the county's potential.
  await openInsights(page, "indicators");
  await expect
    .poll(async () => moneyCents(await kpi.textContent()))
    .toBe(unassignedBefore - countyCents);
  await openInsights(page, "charts");
  await expect
    .poll(async () => Number(await bar.getAttribute("data-value")))
    .toBe(valueBefore + countyCents);
  const { values, deviation } = await balanceValues(page, SOUTH_ATLANTIC);
  expect(deviation).toBe(expectedDeviation(values, valueBefore + countyCents));
});

test("charts render and export", async () => {
  const page = admin.page;
  await openInsights(page, "charts");
  for (const id of CHARTS) {
    await page.getByTestId(id).locator("svg").first().waitFor();
  }
  await saveScreenshot(page, "insights-charts");

  for (const id of CHARTS) {
    const chart = page.getByTestId(id);
    const svg = chart.locator("svg").first();
    await svg.scrollIntoViewIfNeeded();
    await saveElementScreenshot(chart, `insights-${id}`);

    expect(await svg.locator("rect, path, circle").count()).toBeGreaterThan(3);
    expect(await overlappingLabels(svg), `labels of ${id}`).toEqual([]);

    const svgFile = await download(page, chart, "SVG");
    expect(svgFile.name).toMatch(/\.svg$/);
    expect(svgFile.bytes.toString("utf8")).toContain("<svg");

    const pngFile = await download(page, chart, "PNG");
    expect(pngFile.name).toMatch(/\.png$/);
    expect([...pngFile.bytes.subarray(0, 8)]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ]);
  }
});

test("balance chart follows its metric", async () => {
  const page = admin.page;
  await openInsights(page, "charts");
  await page.getByTestId("charts-balance-metric").selectOption("population");
  const bar = balanceBar(page, SOUTH_ATLANTIC);
  // Population of the demo data, with Adjuntas painted in the first test.
  await expect
    .poll(async () => Number(await bar.getAttribute("data-value")))
    .toBe(populationOf(SOUTH_ATLANTIC));
  const title = page.getByTestId("balance-chart").locator("svg .title");
  expect(await title.textContent()).toContain("Population");
});

test("pay charts explain missing access", async () => {
  // The editor link carries no pay role, so the server withholds pay figures.
  const editor = await joinPlan(browser, await app.link("editor"), "Eve");
  try {
    // The app asks GET .../pay/me first and skips the pay insights request,
    // so the browser logs no failed request on load.
    const payRequests: string[] = [];
    const consoleErrors: string[] = [];
    editor.page.on("request", (request) => {
      if (request.url().includes("/insights/pay")) {
        payRequests.push(request.url());
      }
    });
    editor.page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await editor.page.reload();
    await waitForMapReady(editor.page);
    await openInsights(editor.page, "charts");
    for (const id of ["attainment-chart-empty", "payout-scatter-chart-empty"]) {
      const empty = editor.page.getByTestId(id);
      await expect
        .poll(() => empty.textContent())
        .toContain("not available to you");
      expect(
        await editor.page.getByTestId(id.replace("-empty", "")).count(),
      ).toBe(0);
    }
    // The plan-side charts still draw.
    await editor.page.getByTestId("balance-chart").locator("svg").waitFor();
    expect(payRequests).toEqual([]);
    expect(consoleErrors.filter((text) => text.includes("403"))).toEqual([]);
  } finally {
    await editor.context.close();
  }
});

test("waterfall labels fit at 1024 and 1280", async () => {
  const page = admin.page;
  await openInsights(page, "charts");
  try {
    for (const width of [1024, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      const chart = page.getByTestId("waterfall-chart");
      await chart.locator("svg").first().waitFor();
      await expect
        .poll(async () =>
          (await chart.locator("svg text.label").allTextContents()).join(" "),
        )
        .toContain("Existing reps fully ramped");
      const labels = await chart.locator("svg text.label").allTextContents();
      expect(
        labels.filter((label) => label.includes("…")),
        `cut labels at ${width}`,
      ).toEqual([]);
      await saveElementScreenshot(chart, `insights-waterfall-${width}`);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test("empty plan says what to enter", async () => {
  const editor = await joinPlan(browser, await app.link("editor"), "Eli");
  try {
    const page = editor.page;
    await page.getByTestId("plans-menu-button").click();
    await page.getByTestId("new-plan-button").click();
    await page.getByTestId("new-plan-name").fill("Empty plan");
    await page.getByTestId("new-plan-name").press("Enter");
    await page.waitForURL((url) => {
      const plan = url.searchParams.get("plan");
      return plan !== null && plan !== "demo";
    });
    await waitForMapReady(page);
    await openInsights(page, "charts");

    const waterfall = page.getByTestId("waterfall-chart-empty");
    await expect.poll(() => waterfall.textContent()).toContain("Targets view");
    expect(await waterfall.textContent()).toContain("Capacity view");
    expect(await page.getByTestId("waterfall-chart").count()).toBe(0);

    const map = page.getByTestId("choropleth-chart-empty");
    await expect.poll(() => map.textContent()).toContain("Paint counties");
    expect(await page.getByTestId("choropleth-chart").count()).toBe(0);
    await saveScreenshot(page, "insights-charts-empty-plan");
  } finally {
    await editor.context.close();
  }
});

async function openInsights(
  page: Page,
  section: "indicators" | "charts",
): Promise<void> {
  await page.getByTestId("view-tab-insights").click();
  await page.getByTestId(`insights-tab-${section}`).click();
  await page.getByTestId(`insights-${section}`).waitFor();
}

function balanceBar(page: Page, territoryId: string): Locator {
  return page.locator(
    `[data-testid="balance-bar"][data-territory-id="${territoryId}"]`,
  );
}

/** Reads every bar's value and one territory's deviation from the balance chart. */
async function balanceValues(
  page: Page,
  territoryId: string,
): Promise<{ values: number[]; deviation: string | null }> {
  const bars = page.locator('[data-testid="balance-bar"]');
  const values = (
    await bars.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute("data-value")),
    )
  ).map(Number);
  const deviation = await balanceBar(page, territoryId).getAttribute(
    "data-deviation",
  );
  return { values, deviation };
}

/** Percent deviation of `value` from the mean of `values`, one decimal, half-even. */
function expectedDeviation(values: number[], value: number): string {
  const n = BigInt(values.length);
  const total = values.reduce((sum, v) => sum + BigInt(v), 0n);
  const numerator = (BigInt(value) * n - total) * 1000n;
  let tenths = numerator / total;
  const twice = (numerator % total) * 2n;
  const magnitude = twice < 0n ? -twice : twice;
  if (magnitude > total || (magnitude === total && tenths % 2n !== 0n)) {
    tenths += numerator < 0n ? -1n : 1n;
  }
  const sign = tenths < 0n ? "-" : "";
  const digits = (tenths < 0n ? -tenths : tenths).toString().padStart(2, "0");
  return `${sign}${digits.slice(0, -1)}.${digits.slice(-1)}`;
}

/** Parses "$1,234.50" or "-$12.00" into cents, exactly. */
function moneyCents(text: string | null): number {
  const match = /^(-?)\$([\d,]+)\.(\d{2})$/.exec((text ?? "").trim());
  if (!match) throw new Error(`Not an amount in USD: ${JSON.stringify(text)}`);
  const cents = Number(match[2].replaceAll(",", "")) * 100 + Number(match[3]);
  return match[1] === "-" ? -cents : cents;
}

/** Sums the potential of the demo accounts in a county, in cents. */
function potentialCentsOf(unitId: string): number {
  const { accounts } = JSON.parse(
    readFileSync(join(PUBLIC_DATA_DIR, "accounts.json"), "utf8"),
  ) as { accounts: { unitId: string; potential: string }[] };
  return accounts
    .filter((account) => account.unitId === unitId)
    .reduce((sum, account) => sum + moneyCents(`$${account.potential}`), 0);
}

/** Sums the population of a territory's counties in the plan document's assignments. */
function populationOf(territoryId: string): number {
  const plan = JSON.parse(
    readFileSync(join(PUBLIC_DATA_DIR, "demo-plan.json"), "utf8"),
  ) as { assignments: Record<string, string> };
  const { units } = JSON.parse(
    readFileSync(join(PUBLIC_DATA_DIR, "units.json"), "utf8"),
  ) as { units: { id: string; population: number }[] };
  const key = territoryId.replace(/^demo-/, "");
  return units
    .filter((unit) => plan.assignments[unit.id] === key || unit.id === ADJUNTAS)
    .reduce((sum, unit) => sum + unit.population, 0);
}

/** Clicks a chart's export button and returns the downloaded file. */
async function download(
  page: Page,
  chart: Locator,
  format: "SVG" | "PNG",
): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    chart.locator(".toolbar button", { hasText: format }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/**
 * Lists pairs of visible labels in a chart whose boxes overlap by more than
 * two pixels both ways; a line box is taller than its glyphs, so stacked
 * lines touch without overlapping.
 */
function overlappingLabels(svg: Locator): Promise<string[]> {
  return svg.evaluate((element) => {
    const boxes = [...element.querySelectorAll("text")]
      .filter((text) => (text.textContent ?? "").trim() !== "")
      .map((text) => ({
        text: text.textContent ?? "",
        rect: text.getBoundingClientRect(),
      }));
    const pairs: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].rect;
        const b = boxes[j].rect;
        const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (overlapX > 2 && overlapY > 2) {
          pairs.push(`${boxes[i].text} / ${boxes[j].text}`);
        }
      }
    }
    return pairs;
  });
}
