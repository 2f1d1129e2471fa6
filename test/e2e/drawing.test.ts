import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { county, startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import {
  assignmentsOn,
  dragBetween,
  joinPlan,
  selectTerritory,
  showArea,
  territoriesOn,
  waitForAssignments,
  waitForConnection,
  type PersonPage,
} from "./plan-page.ts";

// Kansas counties on one line of latitude (about 38.5°N), west to east,
// all in West North Central in the demo plan. Their label points are the
// only ones between 38.40°N and 38.65°N from 102.0°W to 98.55°W.
const KANSAS_ROW = [
  "20071",
  "20203",
  "20171",
  "20101",
  "20135",
  "20165",
  "20009",
];
const [GREELEY, WICHITA, , , NESS, , BARTON] = KANSAS_ROW;
// Kiowa County, Colorado (Mountain), west of Greeley on the same line.
const KIOWA_CO = "08061";
// Harris County, Texas (West South Central) and Lea County, New Mexico
// (Mountain), for the lock conflict of an offline edit.
const HARRIS = "48201";
const LEA_NM = "35025";
// Cook County, Illinois (East North Central), for the lost conflict.
const COOK = "17031";
// Los Angeles and San Diego, California, for paint into a deleted territory.
const LOS_ANGELES = "06037";
const SAN_DIEGO = "06073";

const WEST_NORTH_CENTRAL = "demo-west-north-central";
const WEST_SOUTH_CENTRAL = "demo-west-south-central";

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

test("lasso previews, applies and undoes as one step", async () => {
  // Given: Ada has painted Kiowa, Colorado, in an earlier stroke.
  const page = ada.page;
  await page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-new-england"),
    KIOWA_CO,
  );
  await showArea(page, [-100.3, 38.5], 7);
  await selectTerritory(page, "demo-pacific");

  // When she draws a lasso around the Kansas row with L.
  await page.keyboard.press("l");
  await page
    .getByTestId("shape-lasso")
    .and(page.locator('[aria-checked="true"]'))
    .waitFor();
  const before = await assignmentsOn(page);
  await drawLasso(page, [
    [-102.0, 38.43],
    [-100.3, 38.38],
    [-98.55, 38.43],
    [-98.55, 38.6],
    [-100.3, 38.65],
    [-102.0, 38.6],
  ]);

  // Then the preview lists the seven counties and nothing is written yet.
  const preview = page.getByTestId("impact-preview");
  await preview.waitFor();
  expect(await preview.getAttribute("data-moves")).toBe("7");
  const rows = preview.getByTestId("preview-row");
  expect(
    await rows.evaluateAll((items) =>
      items.map((item) => item.getAttribute("data-territory-id")),
    ),
  ).toEqual(["demo-pacific", WEST_NORTH_CENTRAL]);
  const pacificNet = await preview
    .locator('[data-territory-id="demo-pacific"]')
    .getAttribute("data-net");
  const losingNet = await preview
    .locator(`[data-territory-id="${WEST_NORTH_CENTRAL}"]`)
    .getAttribute("data-net");
  expect(losingNet).toBe(`-${pacificNet}`);
  expect(await assignmentsOn(page)).toEqual(before);
  await saveScreenshot(page, "drawing-lasso-preview");

  // When she presses Enter (the preview has the focus) to apply all: the
  // row becomes Pacific on both pages.
  await page.keyboard.press("Enter");
  await preview.waitFor({ state: "detached" });
  const painted = Object.fromEntries(
    KANSAS_ROW.map((id) => [id, "demo-pacific"]),
  );
  await waitForAssignments(page, painted);
  await waitForAssignments(grace.page, painted);
  const after = await assignmentsOn(page);
  const changed = Object.keys(after).filter((id) => after[id] !== before[id]);
  expect(changed.sort()).toEqual([...KANSAS_ROW].sort());

  // When she presses Ctrl+Z once: the whole lasso is undone, and her
  // earlier stroke stays.
  await page.keyboard.press("Control+z");
  const restored = Object.fromEntries(
    KANSAS_ROW.map((id) => [id, WEST_NORTH_CENTRAL]),
  );
  await waitForAssignments(page, {
    ...restored,
    [KIOWA_CO]: "demo-new-england",
  });
  await waitForAssignments(grace.page, restored);
  expect(await assignmentsOn(page)).toEqual(before);
});

test("discarded preview writes nothing", async () => {
  const page = ada.page;
  await showArea(page, [-100.3, 38.5], 7);
  await selectTerritory(page, "demo-mountain");
  await page.keyboard.press("r");
  const before = await assignmentsOn(page);
  const [from, to] = await viewportPoints(page, [
    [-102.0, 38.43],
    [-98.55, 38.6],
  ]);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
  const preview = page.getByTestId("impact-preview");
  await preview.waitFor();
  expect(Number(await preview.getAttribute("data-moves"))).toBeGreaterThan(0);

  await page.keyboard.press("Escape");
  await preview.waitFor({ state: "detached" });
  expect(await assignmentsOn(page)).toEqual(before);
  await page.keyboard.press("b");
});

test("apply for one territory", async () => {
  // Given: a rectangle over Kiowa, Colorado, and the Kansas row proposes
  // moving counties of two territories to Pacific.
  const page = ada.page;
  await showArea(page, [-100.3, 38.5], 6);
  await selectTerritory(page, "demo-pacific");
  await page.keyboard.press("r");
  const before = await assignmentsOn(page);
  const [from, to] = await viewportPoints(page, [
    [-102.9, 38.4],
    [-98.55, 38.6],
  ]);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
  const preview = page.getByTestId("impact-preview");
  await preview.waitFor();
  expect(await preview.getAttribute("data-moves")).toBe("8");

  // When she applies only the moves out of Kiowa's territory.
  const kiowaTerritory = before[KIOWA_CO];
  await preview
    .locator(
      `[data-testid="preview-row"][data-territory-id="${kiowaTerritory}"]`,
    )
    .getByTestId("preview-apply-territory")
    .click();

  // Then Kiowa moves, and the preview keeps the Kansas row.
  await waitForAssignments(page, { [KIOWA_CO]: "demo-pacific" });
  expect(changedUnits(before, await assignmentsOn(page))).toEqual([KIOWA_CO]);
  await page
    .locator('[data-testid="impact-preview"][data-moves="7"]')
    .waitFor();

  // Discard leaves the rest; one undo puts Kiowa back.
  await page.getByTestId("preview-discard").click();
  await preview.waitFor({ state: "detached" });
  await page.keyboard.press("Control+z");
  await waitForAssignments(page, { [KIOWA_CO]: kiowaTerritory });
  expect(await assignmentsOn(page)).toEqual(before);
  await page.keyboard.press("b");
});

test("rectangle takes counties it only clips", async () => {
  // Given: a rectangle around Greeley's label point that reaches into
  // Wichita, east of it, but not to Wichita's label point (101.35°W).
  const page = ada.page;
  await showArea(page, [-101.6, 38.5], 8);
  await selectTerritory(page, "demo-mountain");
  await page.keyboard.press("r");
  const before = await assignmentsOn(page);
  const [from, to] = await viewportPoints(page, [
    [-101.9, 38.45],
    [-101.5, 38.55],
  ]);

  // When Ada drags it and applies the preview.
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
  const preview = page.getByTestId("impact-preview");
  await preview.waitFor();
  expect(await preview.getAttribute("data-moves")).toBe("2");
  await page.getByTestId("preview-apply-all").click();

  // Then both counties move, and nothing else.
  await waitForAssignments(page, {
    [GREELEY]: "demo-mountain",
    [WICHITA]: "demo-mountain",
  });
  expect(changedUnits(before, await assignmentsOn(page))).toEqual(
    [GREELEY, WICHITA].sort(),
  );
  await page.keyboard.press("Control+z");
  await waitForAssignments(page, {
    [GREELEY]: before[GREELEY],
    [WICHITA]: before[WICHITA],
  });
  await page.keyboard.press("b");
});

test("wide brush keeps to one state", async () => {
  // Given: Ada picks Pacific and the 32-pixel brush, and limits strokes to
  // one state. Greeley lies on the Colorado line, so the circle around its
  // label point reaches into Colorado at zoom 6.
  const page = ada.page;
  await showArea(page, [-100.3, 38.5], 6);
  await selectTerritory(page, "demo-pacific");
  for (let step = 0; step < 3; step++) await page.keyboard.press("]");
  await page
    .getByTestId("brush-size")
    .and(page.locator('[data-radius="32"]'))
    .waitFor();
  await page.keyboard.press("s");
  expect(await page.getByTestId("limit-to-state").isChecked()).toBe(true);

  // When she clicks Greeley, the brush paints it and Kansas neighbours only.
  const before = await assignmentsOn(page);
  await dragBetween(page, county(GREELEY), county(GREELEY), 2);
  await page.getByTestId("brush-cursor").waitFor();
  await waitForAssignments(page, { [GREELEY]: "demo-pacific" });
  const limited = changedUnits(before, await assignmentsOn(page));
  expect(limited.length).toBeGreaterThan(1);
  expect(limited.filter((id) => !id.startsWith("20"))).toEqual([]);

  // Without the limit, the same click also paints Colorado counties.
  await page.keyboard.press("Control+z");
  await waitForAssignments(page, { [GREELEY]: WEST_NORTH_CENTRAL });
  await page.keyboard.press("s");
  await dragBetween(page, county(GREELEY), county(GREELEY), 2);
  await waitForAssignments(page, { [GREELEY]: "demo-pacific" });
  const unlimited = changedUnits(before, await assignmentsOn(page));
  expect(unlimited.filter((id) => id.startsWith("08")).length).toBeGreaterThan(
    0,
  );
  await saveScreenshot(page, "drawing-wide-brush");

  await page.keyboard.press("Control+z");
  await waitForAssignments(page, { [GREELEY]: WEST_NORTH_CENTRAL });
  expect(await assignmentsOn(page)).toEqual(before);
  for (let step = 0; step < 3; step++) await page.keyboard.press("[");
});

test("strokes skip a territory locked by another designer", async () => {
  // Given: both designers paint while nothing is locked. Zoom 6 shows
  // Kiowa, Colorado, and the whole Kansas row.
  await showArea(ada.page, [-100.3, 38.5], 6);
  await showArea(grace.page, [-100.3, 38.5], 6);
  await grace.page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-pacific"),
    KIOWA_CO,
  );
  await waitForAssignments(ada.page, { [KIOWA_CO]: "demo-pacific" });

  // When Ada locks West North Central with K.
  await selectTerritory(ada.page, WEST_NORTH_CENTRAL);
  await ada.page.keyboard.press("k");
  const lockedRow = `[data-testid="territory-row"][data-territory-id="${WEST_NORTH_CENTRAL}"][data-locked="true"]`;
  await ada.page.locator(lockedRow).waitFor();
  await grace.page.locator(lockedRow).waitFor();

  // Then Grace's stroke across Kansas leaves the locked counties alone,
  // and a notice gives her the reason.
  await selectTerritory(grace.page, "demo-mountain");
  await dragBetween(grace.page, county(KIOWA_CO), county(BARTON));
  await waitForAssignments(grace.page, { [KIOWA_CO]: "demo-mountain" });
  const skip = grace.page.getByTestId("skip-notice");
  await skip.waitFor();
  expect(await skip.textContent()).toMatch(
    /^\s*\d+ counties skipped: West North Central is locked\./,
  );
  expect(Number(await skip.getAttribute("data-units"))).toBeGreaterThanOrEqual(
    KANSAS_ROW.length,
  );
  await saveScreenshot(grace.page, "drawing-lock-skipped");

  // And painting into the locked territory is skipped for Ada too.
  await dragBetween(ada.page, county(KIOWA_CO), county(KIOWA_CO));
  await ada.page.getByTestId("skip-notice").waitFor();
  expect(await ada.page.getByTestId("skip-notice").textContent()).toContain(
    "1 county skipped: West North Central is locked",
  );

  const unchanged = Object.fromEntries(
    KANSAS_ROW.map((id) => [id, WEST_NORTH_CENTRAL]),
  );
  expect(await territoriesOn(ada.page, KANSAS_ROW)).toEqual(
    Object.values(unchanged),
  );
  expect(await territoriesOn(grace.page, [KIOWA_CO])).toEqual([
    "demo-mountain",
  ]);
  expect(
    await ada.page.evaluate(() => window.meridian.lockViolations()),
  ).toEqual([]);

  // When Ada unlocks it, Grace's next stroke paints the row.
  await ada.page.getByTestId("lock-territory").click();
  await grace.page
    .locator(
      `[data-testid="territory-row"][data-territory-id="${WEST_NORTH_CENTRAL}"][data-locked="false"]`,
    )
    .waitFor();
  await dragBetween(grace.page, county(GREELEY), county(NESS));
  await waitForAssignments(ada.page, {
    [GREELEY]: "demo-mountain",
    [NESS]: "demo-mountain",
  });
});

test("offline edit before a lock shows as lock conflict", async () => {
  // Given: Grace goes offline and moves Harris out of West South Central
  // and Lea into it.
  const [leaTerritory] = await territoriesOn(grace.page, [LEA_NM]);
  await grace.page.evaluate(() => window.meridian.provider?.disconnect());
  await waitForConnection(grace.page, "offline");
  await grace.page.evaluate(
    ({ harris, lea, wsc }) => {
      window.meridian.paint([harris], "demo-mountain");
      window.meridian.paint([lea], wsc);
    },
    { harris: HARRIS, lea: LEA_NM, wsc: WEST_SOUTH_CENTRAL },
  );

  // When Ada locks West South Central, then Grace comes back.
  await selectTerritory(ada.page, WEST_SOUTH_CENTRAL);
  await ada.page.getByTestId("lock-territory").click();
  await ada.page
    .locator(
      `[data-testid="territory-row"][data-territory-id="${WEST_SOUTH_CENTRAL}"][data-locked="true"]`,
    )
    .waitFor();
  await grace.page.evaluate(() => window.meridian.provider?.connect());

  // Then both edits survive, and both designers see the conflict.
  const merged = {
    [HARRIS]: "demo-mountain",
    [LEA_NM]: WEST_SOUTH_CENTRAL,
  };
  await waitForAssignments(ada.page, merged);
  await waitForAssignments(grace.page, merged);
  for (const page of [ada.page, grace.page]) {
    const conflict = page.locator(
      `[data-testid="lock-conflict"][data-territory-id="${WEST_SOUTH_CENTRAL}"]`,
    );
    await conflict.waitFor();
    expect(await conflict.getAttribute("data-moved-out")).toBe("1");
    expect(await conflict.getAttribute("data-added")).toBe("1");
  }
  expect(
    await ada.page.evaluate(() =>
      window.meridian.lockViolations().map((v) => [v.unitId, v.kind]),
    ),
  ).toEqual([
    [LEA_NM, "added"],
    [HARRIS, "moved-out"],
  ]);
  await saveScreenshot(ada.page, "drawing-lock-conflict");

  // When Ada opens "Restore…", the panel lists what else changes
  // before anything is written.
  await ada.page.getByTestId("lock-restore").click();
  const effects = ada.page.getByTestId("lock-restore-effects");
  expect(await effects.locator("li").allInnerTexts()).toEqual([
    "Mountain loses 1 county: Harris, TX",
    "1 county becomes unassigned: Lea, NM",
  ]);
  expect(await territoriesOn(ada.page, [HARRIS, LEA_NM])).toEqual([
    "demo-mountain",
    WEST_SOUTH_CENTRAL,
  ]);

  // When she sends Lea back to where it was and confirms: Harris returns,
  // Lea leaves, and the conflict is gone on both pages.
  await ada.page
    .getByTestId("lock-restore-added-to")
    .selectOption(leaTerritory ?? "");
  expect(await effects.locator("li").allInnerTexts()).toEqual([
    "Mountain loses 1 county: Harris, TX and gains 1 county: Lea, NM",
  ]);
  await ada.page.getByTestId("lock-restore-confirm").click();
  const restored = { [HARRIS]: WEST_SOUTH_CENTRAL, [LEA_NM]: leaTerritory };
  await waitForAssignments(ada.page, restored);
  await waitForAssignments(grace.page, restored);
  await grace.page.getByTestId("lock-conflicts").waitFor({ state: "detached" });
  await ada.page.getByTestId("lock-conflicts").waitFor({ state: "detached" });

  // One undo takes back the whole restore.
  await ada.page.keyboard.press("Control+z");
  await waitForAssignments(ada.page, merged);
  await ada.page.keyboard.press("Control+Shift+z");
  await waitForAssignments(ada.page, restored);
  await ada.page.getByTestId("lock-conflicts").waitFor({ state: "detached" });
});

test("loser of a concurrent paint is told", async () => {
  // Notices of earlier tests would share a writer with this one.
  for (const page of [ada.page, grace.page]) {
    const dismiss = page.getByTestId("notice-dismiss");
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }

  // Given: Ada paints Cook County offline while Grace paints it online.
  await ada.page.evaluate(() => window.meridian.provider?.disconnect());
  await waitForConnection(ada.page, "offline");
  await ada.page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-pacific"),
    COOK,
  );
  await grace.page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-new-england"),
    COOK,
  );

  // When Ada reconnects, both converge on one winner.
  await ada.page.evaluate(() => window.meridian.provider?.connect());
  await waitForConnection(ada.page, "connected");
  const [winner] = await territoriesOn(ada.page, [COOK]);
  await waitForAssignments(grace.page, { [COOK]: winner });

  // Then the designer whose paint lost is shown who repainted the county.
  const [loser, winnerName] =
    winner === "demo-new-england" ? [ada, "Grace"] : [grace, "Ada"];
  const notice = loser.page.getByTestId("lost-notice").filter({
    hasText: `1 county you painted was repainted by ${winnerName} at the same time`,
  });
  await notice.waitFor();
  await notice.getByTestId("notice-show").click();
  await saveScreenshot(loser.page, "drawing-lost-conflict");
});

// Returns the units whose territory differs between two assignments.
function changedUnits(
  before: Record<string, string>,
  after: Record<string, string>,
): string[] {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...ids].filter((id) => before[id] !== after[id]).sort();
}

// Returns the viewport positions of points given in longitude and latitude.
function viewportPoints(
  page: Page,
  lngLats: [number, number][],
): Promise<{ x: number; y: number }[]> {
  return page.evaluate((corners) => {
    const map = window.meridian.map;
    if (!map) throw new Error("The map is not created yet.");
    const rect = map.getCanvasContainer().getBoundingClientRect();
    return corners.map((corner) => {
      const point = map.project(corner);
      return { x: rect.left + point.x, y: rect.top + point.y };
    });
  }, lngLats);
}

// Draws a lasso through points given in longitude and latitude, with the
// mouse, as a person drags it on the map, closing back at the first point.
async function drawLasso(
  page: Page,
  lngLats: [number, number][],
): Promise<void> {
  const points = await viewportPoints(page, lngLats);
  await page.mouse.move(points[0].x, points[0].y);
  await page.mouse.down();
  for (const point of [...points.slice(1), points[0]]) {
    await page.mouse.move(point.x, point.y, { steps: 8 });
  }
  await page.mouse.up();
}

test("paint into a territory deleted offline", async () => {
  for (const page of [ada.page, grace.page]) {
    const dismiss = page.getByTestId("notice-dismiss");
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }

  // Given: Grace creates Temp, and Ada, offline, paints two counties into
  // it while Grace deletes it.
  const temp = await grace.page.evaluate(() => {
    const planDoc = window.meridian.planDoc;
    if (!planDoc) throw new Error("The page has no plan document yet.");
    return planDoc.createTerritory({
      name: "Temp",
      color: "#999933",
      parentId: null,
      ownerId: null,
      locked: false,
      kind: "territory",
    });
  });
  await ada.page
    .locator(`[data-testid="territory-row"][data-territory-id="${temp}"]`)
    .waitFor();
  await ada.page.evaluate(() => window.meridian.provider?.disconnect());
  await waitForConnection(ada.page, "offline");
  await ada.page.evaluate(
    ({ units, temp }) => window.meridian.paint(units, temp),
    { units: [LOS_ANGELES, SAN_DIEGO], temp },
  );
  await grace.page.evaluate(
    (id) => window.meridian.planDoc?.deleteTerritory(id, null),
    temp,
  );

  // When Ada comes back, both paints merge and point at nothing, and
  // both designers see a notice.
  await ada.page.evaluate(() => window.meridian.provider?.connect());
  const orphaned = { [LOS_ANGELES]: temp, [SAN_DIEGO]: temp };
  await waitForAssignments(grace.page, orphaned);
  for (const page of [ada.page, grace.page]) {
    const notice = page.getByTestId("orphan-notice");
    await notice.waitFor();
    expect(await notice.getAttribute("data-units")).toBe("2");
    expect(await notice.innerText()).toContain(
      "2 counties were painted into Temp after another editor deleted it; they count as unassigned.",
    );
  }
  await saveScreenshot(ada.page, "drawing-orphan-notice");

  // When Ada unassigns them, no assignment points at the deleted
  // territory, and the notice goes on both pages.
  await ada.page.getByTestId("notice-unassign").click();
  const unassigned = { [LOS_ANGELES]: null, [SAN_DIEGO]: null };
  await waitForAssignments(ada.page, unassigned);
  await waitForAssignments(grace.page, unassigned);
  await ada.page.getByTestId("orphan-notice").waitFor({ state: "detached" });
  await grace.page.getByTestId("orphan-notice").waitFor({ state: "detached" });
});
