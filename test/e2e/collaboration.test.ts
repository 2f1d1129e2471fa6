import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { county, startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import {
  assignmentsOn,
  dragBetween,
  joinPlan,
  personIdOf,
  selectTerritory,
  showArea,
  territoriesOn,
  viewportPoint,
  waitForAssignments,
  type PersonPage,
} from "./plan-page.ts";

// Kansas counties on one line of latitude (about 38.5°N), west to east.
// The demo plan puts all of them in West North Central.
const GREELEY = "20071";
const BARTON = "20009";
const NESS = "20135";
const KANSAS_ROW = [GREELEY, "20203", "20171", "20101", NESS, "20165", BARTON];

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

test("two editors see each other's strokes", async () => {
  const adaId = await personIdOf(ada.page);
  const graceId = await personIdOf(grace.page);
  expect(adaId).not.toBe(graceId);

  // Each sees the other in the presence list, with the name they gave.
  await expectInPresenceList(ada.page, graceId, "Grace");
  await expectInPresenceList(grace.page, adaId, "Ada");

  // Ada paints across Kansas with the mouse, Pacific selected.
  expect(await territoriesOn(ada.page, KANSAS_ROW)).toEqual(
    KANSAS_ROW.map(() => "demo-west-north-central"),
  );
  await showArea(ada.page, [-99, 38.5], 6);
  await selectTerritory(ada.page, "demo-pacific");
  await dragBetween(ada.page, county(GREELEY), county(BARTON));
  await waitForAssignments(
    ada.page,
    Object.fromEntries(KANSAS_ROW.map((id) => [id, "demo-pacific"])),
  );

  // Grace's document ends up with exactly Ada's assignments, and her
  // territory list counts the painted counties.
  const adaAssignments = await assignmentsOn(ada.page);
  await waitForSameAssignments(grace.page, adaAssignments);
  const pacificUnits = Object.values(adaAssignments).filter(
    (territoryId) => territoryId === "demo-pacific",
  ).length;
  await grace.page
    .locator(
      `[data-testid="territory-row"][data-territory-id="demo-pacific"][data-units="${pacificUnits}"]`,
    )
    .waitFor();

  // Grace sees Ada's pointer where Ada's mouse rests, labelled with her name.
  const ness = county(NESS);
  const nessPoint = await viewportPoint(ada.page, ness);
  await ada.page.mouse.move(nessPoint.x, nessPoint.y, { steps: 5 });
  await grace.page.waitForFunction(
    ({ personId, lon, lat }) =>
      [...(window.meridian.provider?.awareness.getStates().values() ?? [])]
        .filter((state) => state.user?.id === personId)
        .some(
          (state) =>
            state.pointer &&
            Math.abs(state.pointer.lng - lon) < 0.1 &&
            Math.abs(state.pointer.lat - lat) < 0.1,
        ),
    { personId: adaId, lon: ness.lon, lat: ness.lat },
  );
  const pointer = grace.page.locator(
    `[data-testid="remote-pointer"][data-person-id="${adaId}"]`,
  );
  await pointer.waitFor({ state: "visible" });
  expect(await pointer.textContent()).toContain("Ada");
  await showArea(grace.page, [-99, 38.5], 6);
  await saveScreenshot(grace.page, "collaboration-grace");
  await saveScreenshot(ada.page, "collaboration-ada");

  // Strokes through the testing hook travel both ways.
  expect(
    await grace.page.evaluate(() =>
      window.meridian.paint(["36061"], "demo-new-england"),
    ),
  ).toEqual(["36061"]);
  await waitForAssignments(ada.page, { "36061": "demo-new-england" });
  await ada.page.evaluate(() =>
    window.meridian.paint(["06037"], "demo-mountain"),
  );
  await waitForAssignments(grace.page, { "06037": "demo-mountain" });
});

test("a territory deleted by another editor is deselected", async () => {
  await selectTerritory(ada.page, "demo-new-england");
  await expect
    .poll(() =>
      ada.page.evaluate(
        () => window.meridian.planDoc?.readTerritory("demo-new-england")?.name,
      ),
    )
    .toBe("New England");

  await grace.page.evaluate(() =>
    window.meridian.planDoc!.deleteTerritory(
      "demo-new-england",
      "demo-middle-atlantic",
    ),
  );

  await ada.page.waitForFunction(
    () => !window.meridian.planDoc?.readTerritory("demo-new-england"),
  );
  await expect
    .poll(() =>
      ada.page.locator('[data-territory-id="demo-new-england"]').count(),
    )
    .toBe(0);
  await expect
    .poll(() => ada.page.locator('[data-testid="tool-hint"]').textContent())
    .toMatch(/Pick a territory/);
});

async function expectInPresenceList(
  page: Page,
  personId: string,
  name: string,
): Promise<void> {
  const person = page.locator(
    `[data-testid="presence-person"][data-person-id="${personId}"]`,
  );
  await person.waitFor({ state: "visible" });
  expect(await person.textContent()).toContain(name);
}

async function waitForSameAssignments(
  page: Page,
  expected: Record<string, string>,
): Promise<void> {
  await page.waitForFunction((wanted) => {
    const actual = window.meridian.planDoc?.readAssignments();
    if (!actual || actual.size !== Object.keys(wanted).length) return false;
    return Object.entries(wanted).every(
      ([unitId, territoryId]) => actual.get(unitId) === territoryId,
    );
  }, expected);
}
