import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import {
  assignmentsOn,
  joinPlan,
  selectTerritory,
  territoriesOn,
  waitForAssignments,
  type PersonPage,
} from "./plan-page.ts";

// Baltimore County and Baltimore city share the name "Baltimore" in the
// Census data; Washington County, Oregon is one of 31 Washingtons.
const BALTIMORE_COUNTY = "24005";
const BALTIMORE_CITY = "24510";
const WASHINGTON_OR = "41067";

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

test("repeated county name asks which one", async () => {
  // Given: Ada picks Pacific and types a name that 31 states share.
  const page = ada.page;
  await selectTerritory(page, "demo-pacific");
  const form = page.getByTestId("county-assign");
  const before = await assignmentsOn(page);
  await form.locator("input").fill("washington");
  await form.locator("input").press("Enter");

  // Then she is asked which one, with the state of each, and nothing is
  // written yet.
  const choices = page.getByTestId("county-choices");
  await choices.waitFor();
  expect(await page.getByTestId("county-choice").count()).toBe(31);
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.textContent))
    .toContain("Washington, AL");
  expect(await assignmentsOn(page)).toEqual(before);

  // When she picks Oregon's, only that county moves.
  await choices
    .locator(`[data-testid="county-choice"][data-unit-id="${WASHINGTON_OR}"]`)
    .click();
  await waitForAssignments(page, { [WASHINGTON_OR]: "demo-pacific" });
  await choices.waitFor({ state: "detached" });
  expect(await form.getByRole("status").innerText()).toBe(
    "Washington, OR assigned to Pacific.",
  );
});

test("county and city of one name ask", async () => {
  const page = ada.page;
  await selectTerritory(page, "demo-pacific");
  const input = page.getByTestId("county-assign").locator("input");
  await input.fill("Baltimore, MD");
  await input.press("Enter");
  const choices = page.getByTestId("county-choice");
  await page.getByTestId("county-choices").waitFor();
  expect(await choices.allInnerTexts()).toEqual([
    "Baltimore County, MD Maryland",
    "Baltimore city, MD Maryland",
  ]);

  // Escape closes the question and writes nothing.
  await page.keyboard.press("Escape");
  await page.getByTestId("county-choices").waitFor({ state: "detached" });
  expect(
    await territoriesOn(page, [BALTIMORE_COUNTY, BALTIMORE_CITY]),
  ).not.toContain("demo-pacific");
});

test("county name ignores case", async () => {
  const page = ada.page;
  await selectTerritory(page, "demo-pacific");
  const before = await assignmentsOn(page);
  const input = page.getByTestId("county-assign").locator("input");
  await input.fill("baltimore county, md");
  await input.press("Enter");
  await waitForAssignments(page, { [BALTIMORE_COUNTY]: "demo-pacific" });
  const [city] = await territoriesOn(page, [BALTIMORE_CITY]);
  expect(city).toBe(before[BALTIMORE_CITY]);
});
