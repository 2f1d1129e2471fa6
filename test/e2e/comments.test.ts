import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import {
  joinPlan,
  PAGE_TIMEOUT_MS,
  territoriesOn,
  waitForAssignments,
  type PersonPage,
} from "./plan-page.ts";

let app: AppServer;
let browser: Browser;
let reviewer: PersonPage;
let editor: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  reviewer = await joinPlan(browser, await app.link("reviewer"), "Rita");
  editor = await joinPlan(browser, await app.link("editor"), "Eve");
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

// Greeley County, Kansas, of the demo plan's Midwest region.
const COUNTY_ID = "20071";
const COUNTY_LABEL = "Greeley, KS";
const ANCHOR_KEY = `county:${COUNTY_ID}`;
// The demo dataset's account for the county as a whole, at its label point.
const ACCOUNT_KEY = "account:county-20071";

async function openComments(page: Page): Promise<void> {
  await page.getByTestId("sidebar-tab-comments").click();
  await page.getByTestId("comments-panel").waitFor();
}

async function showCounty(page: Page): Promise<void> {
  await page.getByTestId("comment-county-input").fill(COUNTY_LABEL);
  await page.getByRole("button", { name: "Show county" }).click();
  await page
    .locator(`[data-testid="object-comments"][data-anchor-key="${ANCHOR_KEY}"]`)
    .waitFor();
}

// Reads the comment markers the page draws on the map, by anchor key.
function mapMarkers(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const source = window.meridian.map?.getSource("comment-markers");
    if (!source) throw new Error("The map has no comment-markers source.");
    const data = (source.serialize() as { data: GeoJSON.FeatureCollection })
      .data;
    return Object.fromEntries(
      data.features.map((f) => [
        String(f.properties?.key),
        Number(f.properties?.open),
      ]),
    );
  });
}

async function expectCommentOnCounty(page: Page): Promise<void> {
  await openComments(page);
  const listed = page.locator(
    `[data-testid="comments-list"] [data-testid="comment-thread"][data-anchor-key="${ANCHOR_KEY}"]`,
  );
  await listed.waitFor({ timeout: PAGE_TIMEOUT_MS });
  expect(await listed.count()).toBe(1);
  expect(await listed.textContent()).toContain("Greeley has no rep nearby");
  expect(await listed.getByTestId("comment-anchor").textContent()).toBe(
    `County: ${COUNTY_LABEL}`,
  );

  await showCounty(page);
  const panel = page.locator(
    `[data-testid="object-comments"][data-anchor-key="${ANCHOR_KEY}"]`,
  );
  expect(await panel.getByTestId("comment-thread").count()).toBe(1);

  const marker = page.locator(
    `[data-testid="comment-marker"][data-anchor-key="${ANCHOR_KEY}"]`,
  );
  expect(await marker.getAttribute("data-open")).toBe("1");
  await expect.poll(() => mapMarkers(page)).toEqual({ [ANCHOR_KEY]: 1 });
}

test("county comment survives a repaint", async () => {
  // Given: Eve has a name the reviewer can mention, and the county sits in
  // a territory other than Pacific.
  await editor.page.evaluate(() => window.meridian.ready);
  const [before] = await territoriesOn(editor.page, [COUNTY_ID]);
  expect(before).not.toBeNull();
  expect(before).not.toBe("demo-pacific");

  // When: the reviewer comments on the county, mentioning Eve through the
  // completion list.
  await openComments(reviewer.page);
  await reviewer.page.getByTestId("comments-empty").waitFor();
  await showCounty(reviewer.page);
  await reviewer.page.getByTestId("comment-start").click();
  const text = reviewer.page.getByTestId("comment-text");
  await text.pressSequentially("Greeley has no rep nearby; can @Ev");
  await reviewer.page.getByTestId("mention-choice").first().waitFor();
  expect(
    await reviewer.page.getByTestId("mention-choice").allTextContents(),
  ).toEqual(["Eve"]);
  await text.press("Enter");
  await text.pressSequentially("check?");
  expect(await text.inputValue()).toBe(
    "Greeley has no rep nearby; can @Eve check?",
  );
  await reviewer.page.getByTestId("comment-submit").click();
  await expectCommentOnCounty(reviewer.page);

  // And: the editor repaints the county into Pacific.
  await editor.page.evaluate(
    (unitId) => window.meridian.paint([unitId], "demo-pacific"),
    COUNTY_ID,
  );
  await waitForAssignments(reviewer.page, { [COUNTY_ID]: "demo-pacific" });

  // Then: both see the comment on the county, in the panel and on the map.
  await expectCommentOnCounty(editor.page);
  await expectCommentOnCounty(reviewer.page);
  await saveScreenshot(editor.page, "comments-after-repaint");

  // And: the editor's page marks the mention of Eve.
  const thread = editor.page.locator(
    `[data-testid="comments-list"] [data-anchor-key="${ANCHOR_KEY}"]`,
  );
  expect(await thread.locator("mark.self").textContent()).toBe("@Eve");
  expect(await thread.textContent()).toContain("Mentions you");
});

test("editor resolves, reviewer sees it", async () => {
  const editorThread = editor.page.locator(
    `[data-testid="comments-list"] [data-anchor-key="${ANCHOR_KEY}"]`,
  );
  await editorThread.getByTestId("comment-resolve").click();

  await reviewer.page.getByTestId("comments-show-resolved").click();
  const resolved = reviewer.page.locator(
    `[data-testid="comments-list"] [data-anchor-key="${ANCHOR_KEY}"] [data-testid="comment-resolved"]`,
  );
  await resolved.waitFor({ timeout: PAGE_TIMEOUT_MS });
  expect(await resolved.textContent()).toContain("Resolved by Eve");
  await expect
    .poll(() => mapMarkers(reviewer.page))
    .toEqual({
      [ANCHOR_KEY]: 0,
    });
});

test("viewer reads comments only", async () => {
  const viewer = await joinPlan(browser, await app.link("viewer"), "Vic");
  try {
    await openComments(viewer.page);
    await viewer.page.getByTestId("comments-show-resolved").click();
    const thread = viewer.page.locator(
      `[data-testid="comments-list"] [data-anchor-key="${ANCHOR_KEY}"]`,
    );
    await thread.waitFor({ timeout: PAGE_TIMEOUT_MS });

    // The picker shows a viewer how to read comments, not how to write them.
    const hint = await viewer.page
      .getByTestId("comment-picker-hint")
      .textContent();
    expect(hint).toContain("To read the comments");
    expect(
      await viewer.page
        .getByRole("heading", { name: "Read comments on" })
        .count(),
    ).toBe(1);

    await showCounty(viewer.page);
    expect(await viewer.page.getByTestId("comment-start").count()).toBe(0);
    expect(await viewer.page.getByTestId("comment-resolve").count()).toBe(0);
    expect(await viewer.page.getByTestId("comment-reopen").count()).toBe(0);
    expect(await viewer.page.getByTestId("comment-reply-open").count()).toBe(0);
  } finally {
    await viewer.context.close();
  }
});

test("quota row comment shows in grid", async () => {
  const page = editor.page;
  await page.getByTestId("view-tab-quotas").click();
  const firstRow = page.locator('[data-testid="quota-grid"] tbody tr').first();
  await firstRow.waitFor({ timeout: PAGE_TIMEOUT_MS });
  const nodeId = await firstRow.getAttribute("data-row-id");
  expect(nodeId).not.toBeNull();
  await firstRow.locator("td").first().click();

  // The toolbar's Comment button opens the selected row's threads.
  await page
    .locator(
      `.toolbar [data-testid="comment-button"][data-anchor-key="quota:${nodeId}"]`,
    )
    .click();
  const dialog = page.getByTestId("comment-dialog");
  await dialog.getByTestId("comment-start").click();
  await dialog.getByTestId("comment-text").fill("Company quota looks high.");
  await dialog.getByTestId("comment-submit").click();
  await dialog.getByTestId("comment-thread").waitFor();
  await dialog.getByRole("button", { name: "Close" }).last().click();

  // The row's button draws its icon in SVG, because Debian's Chromium has
  // no emoji font, and its name is plain text.
  const marker = firstRow.getByTestId("comment-button");
  expect(await marker.getAttribute("aria-label")).toMatch(/^Comments on /);
  expect(await marker.getAttribute("aria-label")).toMatch(/, 1 open$/);
  expect(await marker.getByTestId("comment-icon").count()).toBe(1);
  expect(await marker.textContent()).toBe("1");
  const toolbarButton = page.locator(
    `.toolbar [data-testid="comment-button"][data-anchor-key="quota:${nodeId}"]`,
  );
  expect(await toolbarButton.getAttribute("aria-label")).toMatch(/, 1 open$/);
});

test("account marker beside county marker", async () => {
  // Given: the county has a thread, and the reviewer comments on the
  // county's own account, whose point is the county's label point.
  const page = reviewer.page;
  await page.getByTestId("view-tab-map").click();
  await openComments(page);
  await page.getByTestId("override-account").fill("Greeley County");
  await page
    .locator('[data-testid="override-account-option"][data-id="county-20071"]')
    .click();
  const panel = page.locator(
    `[data-testid="object-comments"][data-anchor-key="${ACCOUNT_KEY}"]`,
  );
  await panel.waitFor();
  await panel.getByTestId("comment-start").click();
  await panel.getByTestId("comment-text").fill("Call the county office.");
  await panel.getByTestId("comment-submit").click();
  await expect
    .poll(() => mapMarkers(page))
    .toEqual({ [ANCHOR_KEY]: 0, [ACCOUNT_KEY]: 1 });

  // Then: the account's panel points to its county's history.
  expect(
    await panel
      .getByTestId("account-county-history")
      .locator("h4")
      .textContent(),
  ).toBe(`Changes of its county ${COUNTY_LABEL}`);

  // And: on the map, each marker sits at its own spot.
  const picked = await page.evaluate(
    async ([unitKey, accountKey]) => {
      const map = window.meridian.map!;
      map.jumpTo({ center: [-101.8, 38.48], zoom: 6 });
      await window.meridian.whenMapIdle();
      const layers = ["comment-markers", "comment-markers-accounts"];
      const keysAt = (point: { x: number; y: number }) =>
        map
          .queryRenderedFeatures([point.x, point.y], { layers })
          .map((feature) => String(feature.properties.key));
      const source = map.getSource("comment-markers")!;
      const data = (source.serialize() as { data: GeoJSON.FeatureCollection })
        .data;
      const points: Record<string, { x: number; y: number }> = {};
      for (const feature of data.features) {
        const [lon, lat] = (feature.geometry as GeoJSON.Point).coordinates;
        points[String(feature.properties?.key)] = map.project([lon, lat]);
      }
      const county = points[unitKey];
      const account = points[accountKey];
      return {
        atCounty: keysAt(county),
        besideAccount: keysAt({ x: account.x + 14, y: account.y + 14 }),
      };
    },
    [ANCHOR_KEY, ACCOUNT_KEY],
  );
  expect(picked.atCounty).toEqual([ANCHOR_KEY]);
  expect(picked.besideAccount).toEqual([ACCOUNT_KEY]);
  await saveScreenshot(page, "comments-account-beside-county");

  // And: a focused keyboard marker leaves the zoom buttons uncovered.
  const marker = page.locator(
    `[data-testid="comment-marker"][data-anchor-key="${ACCOUNT_KEY}"]`,
  );
  // Keyboard focus, so the button matches :focus-visible and shows.
  await marker.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const focused = page.locator('[data-testid="comment-marker"]:focus');
  expect(await focused.count()).toBe(1);
  const markerBox = await focused.boundingBox();
  const zoomOutBox = await page
    .locator(".maplibregl-ctrl-zoom-out")
    .boundingBox();
  expect(markerBox).not.toBeNull();
  expect(zoomOutBox).not.toBeNull();
  expect(markerBox!.y).toBeGreaterThanOrEqual(
    zoomOutBox!.y + zoomOutBox!.height,
  );
});
