import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import {
  joinPlan,
  PAGE_TIMEOUT_MS,
  waitForAssignments,
  type PersonPage,
} from "./plan-page.ts";

// Kansas counties, all West North Central in the demo plan.
const KANSAS = ["20071", "20203", "20171", "20101", "20135"];
const WATCHED = ["demo-pacific", "demo-mountain", "demo-west-north-central"];

/** A figure on the page that differs from a full recalculation. */
interface Mismatch {
  territoryId: string;
  figure: string;
  shown: string | null;
  expected: string | null;
}

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
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

test("figures follow every kind of change", async () => {
  // Given: each watched territory alone in a region of its own, because a
  // region row shows the counties and potential of the live totals.
  const page = ada.page;
  const regionOf = await page.evaluate((territoryIds) => {
    const planDoc = window.meridian.planDoc;
    if (!planDoc) throw new Error("The plan is not open yet.");
    const regions: Record<string, string> = {};
    for (const territoryId of territoryIds) {
      regions[territoryId] = planDoc.createTerritory({
        name: `Region of ${territoryId}`,
        color: "#888888",
        parentId: null,
        ownerId: null,
        locked: false,
        kind: "region",
      });
      planDoc.updateTerritory(territoryId, { parentId: regions[territoryId] });
    }
    return regions;
  }, WATCHED);
  await expectFiguresOfFullSum(page, regionOf);

  // Ada's own stroke.
  await page.evaluate(
    (units) => window.meridian.paint(units, "demo-pacific"),
    KANSAS,
  );
  await expectFiguresOfFullSum(page, regionOf);

  // Grace's stroke arrives through the server.
  const remote = KANSAS.slice(0, 3);
  await grace.page.evaluate(
    (units) => window.meridian.paint(units, "demo-mountain"),
    remote,
  );
  await waitForAssignments(
    page,
    Object.fromEntries(remote.map((id) => [id, "demo-mountain"])),
  );
  await expectFiguresOfFullSum(page, regionOf);

  // Ada undoes her stroke: the counties Grace did not repaint go back.
  await page.evaluate(() => window.meridian.undoManager?.undo());
  await waitForAssignments(page, {
    [KANSAS[3]]: "demo-west-north-central",
    [KANSAS[4]]: "demo-west-north-central",
  });
  await expectFiguresOfFullSum(page, regionOf);

  // A new territory in a new region changes the territory list, then
  // gains counties.
  const prairie = await page.evaluate(() => {
    const planDoc = window.meridian.planDoc!;
    const fields = {
      color: "#888888",
      parentId: null,
      ownerId: null,
      locked: false,
    };
    const region = planDoc.createTerritory({
      ...fields,
      name: "Plains",
      kind: "region",
    });
    const territory = planDoc.createTerritory({
      ...fields,
      name: "Prairie",
      kind: "territory",
      parentId: region,
    });
    return { region, territory };
  });
  regionOf[prairie.territory] = prairie.region;
  await page.evaluate(({ units, id }) => window.meridian.paint(units, id), {
    units: KANSAS,
    id: prairie.territory,
  });
  await expectFiguresOfFullSum(page, regionOf);

  // Unassigning counties moves them out of every territory.
  await page.evaluate(
    (units) => window.meridian.paint(units, null),
    KANSAS.slice(1),
  );
  await expectFiguresOfFullSum(page, regionOf);
  await waitForAssignments(grace.page, { [KANSAS[1]]: null });
  await expectFiguresOfFullSum(grace.page, regionOf);
});

/**
 * Waits until the page shows the figures of a full recalculation from its
 * document: every territory's deviation, and the counties and potential of
 * each region in `regionOf` (territory id -> the region that contains only
 * it). Checks every 100 ms, and fails with the figures that still differ
 * when that does not happen in time.
 */
async function expectFiguresOfFullSum(
  page: Page,
  regionOf: Record<string, string>,
): Promise<void> {
  const mismatches = () =>
    page.evaluate((regions): Mismatch[] => {
      const coverage = window.meridian.coverage();
      if (!coverage) throw new Error("The datasets are not loaded yet.");
      const found: Mismatch[] = [];
      for (const territory of coverage.territories) {
        const { territoryId } = territory;
        const row = document.querySelector(
          `[data-testid="territory-row"][data-territory-id="${territoryId}"]`,
        );
        const deviation = row
          ?.querySelector('[data-testid="territory-deviation"]')
          ?.textContent?.trim()
          .replace("−", "-")
          .replace("+", "")
          .replace("%", "");
        const checks: [string, string | null, string | null][] = [
          [
            "deviation",
            deviation === "–" ? null : (deviation ?? "missing"),
            territory.deviationPercent,
          ],
        ];
        const regionId = regions[territoryId];
        if (regionId) {
          const region = document.querySelector<HTMLElement>(
            `[data-testid="region-row"][data-region-id="${regionId}"]`,
          );
          checks.push(
            [
              "region units",
              region?.dataset.units ?? null,
              `${territory.units}`,
            ],
            [
              "region potential",
              region?.dataset.potential ?? null,
              territory.potential,
            ],
          );
        }
        for (const [figure, shown, expected] of checks) {
          if (shown !== expected)
            found.push({ territoryId, figure, shown, expected });
        }
      }
      return found;
    }, regionOf);

  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  let found = await mismatches();
  while (found.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    found = await mismatches();
  }
  expect(found).toEqual([]);
}
