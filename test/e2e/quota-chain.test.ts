import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import { joinPlan, PAGE_TIMEOUT_MS, type PersonPage } from "./plan-page.ts";

// Kansas counties, all West North Central in the demo plan.
const KANSAS = ["20071", "20203", "20171", "20101", "20135"];
const FROM = "demo-west-north-central";
const TO = "demo-mountain";

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

/** Annual quota of each node, read from the page's derived planning model. */
function quotasOn(ids: string[]): Promise<(string | null)[]> {
  return ada.page.evaluate((nodeIds) => {
    const quotas = window.meridian.planning?.model?.quota?.quotas ?? [];
    return nodeIds.map(
      (id) => quotas.find((q) => q.nodeId === id)?.annual ?? null,
    );
  }, ids);
}

test("paint moves potential and quota", async () => {
  const page = ada.page;
  const [fromBefore, toBefore] = await quotasOn([FROM, TO]);
  expect(fromBefore).not.toBeNull();

  await page.evaluate(
    (units) => window.meridian.paint(units, "demo-mountain"),
    KANSAS,
  );

  const moves = page.getByTestId("quota-move");
  await page
    .locator(`[data-testid="quota-move"][data-territory-id="${TO}"]`)
    .waitFor({ timeout: PAGE_TIMEOUT_MS });
  const [fromAfter, toAfter] = await quotasOn([FROM, TO]);
  expect(Number(toAfter)).toBeGreaterThan(Number(toBefore));
  expect(Number(fromAfter)).toBeLessThan(Number(fromBefore));

  const mountain = moves.filter({ hasText: "Mountain" });
  const text = await mountain.textContent();
  expect(text).toContain("+$");
  expect(text).toContain("Olga Petrov");
  expect(text).toContain("Paul Kim");
  expect(
    await moves.filter({ hasText: "West North Central" }).textContent(),
  ).toContain("−$");
});

test("regions sum to the company pool", async () => {
  const sums = await ada.page.evaluate(() => {
    const quotas = window.meridian.planning?.model?.quota?.quotas ?? [];
    const company = quotas.find((q) => q.level === "company")!;
    const cents = (amount: string) => Math.round(Number(amount) * 100);
    const regions = quotas.filter((q) => q.level === "region");
    return {
      pool: cents(company.childPool!),
      regions: regions.reduce((sum, q) => sum + cents(q.annual), 0),
    };
  });

  expect(sums.regions).toBe(sums.pool);
});

test("quota CSV export has every node", async () => {
  const page = ada.page;
  await page.getByTestId("view-tab-quotas").click();
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("quota-export-csv").click(),
  ]);
  const lines = readFileSync(await file.path(), "utf8")
    .trim()
    .split("\n");
  const quotas = await ada.page.evaluate(
    () => window.meridian.planning?.model?.quota?.quotas ?? [],
  );

  expect(file.suggestedFilename()).toBe(
    "demo-us-census-divisions-quotas-fy2028.csv",
  );
  expect(lines).toHaveLength(quotas.length + 1);
  const pacific = lines.find((line) => line.startsWith("demo-pacific,"));
  const annual = quotas.find((q) => q.nodeId === "demo-pacific")!.annual;
  expect(pacific).toContain(`,${annual},`);
});
