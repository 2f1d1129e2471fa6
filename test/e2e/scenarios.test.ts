import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import {
  joinPlan,
  PAGE_TIMEOUT_MS,
  waitForMapReady,
  type PersonPage,
} from "./plan-page.ts";

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

/** Sets one segment's quarter target through the page's planning state, as one undo step. */
function setTarget(
  page: Page,
  segment: string,
  period: string,
  amount: string,
): Promise<void> {
  return page.evaluate(
    ([segment, period, amount]) => {
      const planning = window.meridian.planning;
      if (!planning) throw new Error("The page has no planning state yet.");
      const key = `${segment}\n${period}`;
      planning.edit((doc) => [
        {
          cell: `target:${key}`,
          from: doc.targets.get(key) ?? null,
          to: amount,
          modify(inputs) {
            inputs.targets = inputs.targets.filter(
              (t) => t.segment !== segment || t.period !== period,
            );
            inputs.targets.push({ segment, period, amount });
          },
          write(planningDoc) {
            planningDoc.targets.set(key, amount);
          },
        },
      ]);
    },
    [segment, period, amount],
  );
}

function targetRow(page: Page, segment: string, period: string) {
  return page.locator(
    `[data-testid="compare-target-row"][data-segment="${segment}"][data-period="${period}"]`,
  );
}

/** Number of sockets the server has open to a plan's room. */
function socketsOf(planId: string): number {
  return app.server.rooms.get(planId)?.members.size ?? 0;
}

test("duplicate, change a target, compare", async () => {
  const page = ada.page;
  await page.getByTestId("view-tab-scenarios").click();
  await page.getByTestId("scenarios-view").waitFor();

  // Ada duplicates the demo plan, and the view compares with the copy at once.
  await page.getByTestId("scenario-name").fill("Demo, bigger Q1");
  await page.getByTestId("scenario-name").press("Enter");
  const openLink = page.getByTestId("open-scenario");
  await openLink.waitFor();
  const href = (await openLink.getAttribute("href"))!;
  const copyId = new URLSearchParams(href.slice(1)).get("plan")!;
  expect(copyId).toMatch(/^[a-z0-9]{10}$/);
  await expect
    .poll(() => page.getByTestId("compare-with").inputValue(), {
      timeout: PAGE_TIMEOUT_MS,
    })
    .toBe(copyId);
  await expect
    .poll(() => page.getByTestId("compare-summary").textContent(), {
      timeout: PAGE_TIMEOUT_MS,
    })
    .toContain("no figure differs");
  expect(await page.getByTestId("potential-not-comparable").count()).toBe(0);

  // The copy opens from the plans menu's stored session in another tab,
  // and Ada raises its Enterprise Q1 target there.
  const copyPage = await ada.context.newPage();
  await copyPage.goto(new URL(href, page.url()).toString());
  await waitForMapReady(copyPage);
  expect(
    await copyPage.evaluate(() => window.meridian.planDoc?.readMeta()),
  ).toMatchObject({ name: "Demo, bigger Q1", scenarioOf: "demo" });
  await setTarget(copyPage, "Enterprise", "FY2028-Q1", "7000000.00");

  // The comparison follows the copy live: Q1 and the year are higher.
  const q1 = targetRow(page, "", "Q1").getByTestId("difference");
  await expect
    .poll(() => q1.getAttribute("data-tone"), { timeout: PAGE_TIMEOUT_MS })
    .toBe("higher");
  expect(await q1.textContent()).toContain("+$1,000,000");
  expect(await q1.textContent()).toContain(
    "Demo, bigger Q1 is $1,000,000.00 higher",
  );
  const enterpriseQ1 = targetRow(page, "Enterprise", "Q1");
  expect(
    await enterpriseQ1.getByTestId("difference").getAttribute("data-tone"),
  ).toBe("higher");
  expect(
    await targetRow(page, "", "year")
      .getByTestId("difference")
      .getAttribute("data-tone"),
  ).toBe("higher");
  expect(
    await targetRow(page, "", "Q2")
      .getByTestId("difference")
      .getAttribute("data-tone"),
  ).toBe("same");

  // The source keeps its target.
  const sourceQ1 = await page.evaluate(
    () =>
      window.meridian.planning?.inputs?.targets.find(
        (t) => t.segment === "Enterprise" && t.period === "FY2028-Q1",
      )?.amount,
  );
  expect(sourceQ1).toBe("6000000.00");

  // "Only differences" leaves the changed quarter and the year.
  await page.getByTestId("only-differences").check();
  const visibleKeys = await page
    .getByTestId("compare-target-row")
    .evaluateAll((rows) =>
      rows.map(
        (row) =>
          `${(row as HTMLElement).dataset.segment}|${(row as HTMLElement).dataset.period}`,
      ),
    );
  expect(visibleKeys).toEqual([
    "|Q1",
    "|year",
    "Enterprise|Q1",
    "Enterprise|year",
  ]);

  // Leaving the view closes the socket to the copy.
  await copyPage.close();
  await expect
    .poll(() => socketsOf(copyId), { timeout: PAGE_TIMEOUT_MS })
    .toBe(1);
  await page.getByTestId("view-tab-map").click();
  await expect
    .poll(() => socketsOf(copyId), { timeout: PAGE_TIMEOUT_MS })
    .toBe(0);
});
