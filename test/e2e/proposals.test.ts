import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { storedPlan, startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import { joinPlan, PAGE_TIMEOUT_MS, type PersonPage } from "./plan-page.ts";
import { PlanningDoc } from "../../model/doc/planning-doc.ts";

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

/** A territory's annual quota in a page's derived plan, in integer cents. */
interface TerritoryQuota {
  id: string;
  name: string;
  cents: number;
}

async function openProposals(page: Page): Promise<void> {
  await page.getByTestId("view-tab-quotas").click();
  await page.getByTestId("proposals-panel").waitFor();
}

// Reads the territories of a region from the page's quota cascade.
function regionQuotas(page: Page, regionId: string): Promise<TerritoryQuota[]> {
  return page.evaluate((region) => {
    const quota = window.meridian.planning?.model?.quota;
    if (!quota) throw new Error("The page has no quota cascade yet.");
    return quota.quotas
      .filter((q) => q.level === "territory" && q.parentId === region)
      .map((q) => ({
        id: q.nodeId,
        name: q.name,
        // Annual quotas are decimal strings with two decimals, zero or more.
        cents: Number(q.annual.replace(".", "")),
      }));
  }, regionId);
}

// Counties of West North Central (Midwest) in the demo plan: Greeley,
// Barton and Finney, Kansas.
const MOVED_COUNTIES = ["20071", "20009", "20055"];

// Reads the ids of nodes with a manual quota adjustment in a page's plan.
function adjustedIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Object.keys(window.meridian.planning?.inputs?.adjustments ?? {}),
  );
}

function amountText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

test("reviewer proposes, editor approves", async () => {
  // Given: the reviewer opens the form for the first region offered.
  await openProposals(reviewer.page);
  const form = reviewer.page.getByTestId("proposal-form");
  const region = await form.getByTestId("proposal-region").inputValue();
  expect(region).toBe("demo-region-midwest");
  const before = await regionQuotas(reviewer.page, region);
  expect(before.length).toBeGreaterThanOrEqual(2);

  // When: the first territory gains $1,000.00 and the second still has its
  // amount, the form shows the excess and keeps Submit disabled.
  const [first, second] = before;
  const proposed = new Map(before.map((t) => [t.id, t.cents]));
  proposed.set(first.id, first.cents + 100_000);
  await form
    .getByLabel(`Proposed quota of ${first.name}`)
    .fill(amountText(proposed.get(first.id)!));
  await expect
    .poll(() => form.getByTestId("proposal-difference").textContent())
    .toBe("+$1,000.00");
  expect(
    await form.getByRole("button", { name: "Submit proposal" }).isDisabled(),
  ).toBe(true);
  await form.getByTestId("proposal-problem").waitFor();

  // Taking the $1,000.00 from the second territory balances it.
  proposed.set(second.id, second.cents - 100_000);
  await form
    .getByLabel(`Proposed quota of ${second.name}`)
    .fill(amountText(proposed.get(second.id)!));
  await expect
    .poll(() => form.getByTestId("proposal-difference").textContent())
    .toBe("$0.00");
  await form.getByLabel("Note for the editors").fill("Move budget east.");
  await form.getByRole("button", { name: "Submit proposal" }).click();
  await saveScreenshot(reviewer.page, "proposals-reviewer-submitted");

  // Then: the editor finds it pending and approves it with a comment.
  await openProposals(editor.page);
  const card = editor.page.locator(
    '[data-testid="proposal"][data-status="pending"]',
  );
  await card.waitFor({ timeout: PAGE_TIMEOUT_MS });
  expect(await card.textContent()).toContain("Move budget east.");
  await card.getByLabel(/Comment/).fill("Agreed.");

  // While three Kansas counties of the region are painted into the Pacific
  // territory, the region hands down less, so the proposal no longer adds
  // up and cannot be approved.
  await editor.page.evaluate(
    (units) => window.meridian.paint(units, "demo-pacific"),
    MOVED_COUNTIES,
  );
  await card.getByTestId("proposal-stale").waitFor();
  expect(await card.getByTestId("proposal-stale").textContent()).toMatch(
    /now hands down/,
  );
  const approve = card.getByRole("button", { name: "Approve" });
  expect(await approve.isDisabled()).toBe(true);
  const adjusted = await adjustedIds(editor.page);
  expect(adjusted.filter((id) => proposed.has(id))).toEqual([]);
  await editor.page.evaluate(() => window.meridian.undoManager?.undo());
  await card.getByTestId("proposal-stale").waitFor({ state: "detached" });

  await approve.click();

  // The plan's territory quotas now equal the proposal, on both pages and
  // in what the server stored.
  for (const page of [editor.page, reviewer.page]) {
    await page
      .locator('[data-testid="proposal"][data-status="approved"]')
      .waitFor({ timeout: PAGE_TIMEOUT_MS });
    await expect
      .poll(async () => {
        const after = await regionQuotas(page, region);
        return Object.fromEntries(after.map((t) => [t.id, t.cents]));
      })
      .toEqual(Object.fromEntries(proposed));
  }
  const decision = editor.page.getByTestId("proposal-decision");
  expect(await decision.textContent()).toContain("Approved by Eve");
  expect(await decision.textContent()).toContain("Agreed.");

  // The approved card compares with the quotas just before the approval,
  // so it shows what changed instead of $0.00 against the plan now.
  const approvedCard = editor.page.locator(
    '[data-testid="proposal"][data-status="approved"]',
  );
  expect(await approvedCard.locator("thead").textContent()).toContain(
    "Before approval",
  );
  const changes = await approvedCard
    .getByTestId("proposal-change")
    .allTextContents();
  expect(changes.map((text) => text.trim())).toEqual(
    before.map((t) =>
      t.id === first.id
        ? "+$1,000.00"
        : t.id === second.id
          ? "−$1,000.00"
          : "$0.00",
    ),
  );
  expect(await approvedCard.getByTestId("proposal-changed-since").count()).toBe(
    0,
  );
  await saveScreenshot(editor.page, "proposals-editor-approved");

  const stored = new PlanningDoc(storedPlan(app.server).doc);
  for (const [id, cents] of proposed) {
    expect(stored.adjustments.get(id), id).toEqual({
      amount: amountText(cents),
    });
  }

  // One undo step takes every territory of the approval back.
  await editor.page.evaluate(() => window.meridian.undoManager?.undo());
  await expect
    .poll(async () => {
      const undone = await regionQuotas(editor.page, region);
      return Object.fromEntries(undone.map((t) => [t.id, t.cents]));
    })
    .toEqual(Object.fromEntries(before.map((t) => [t.id, t.cents])));

  // The review document is outside the plan's undo, so the card keeps the
  // approval and shows that the plan's quotas no longer match it.
  for (const page of [editor.page, reviewer.page]) {
    const card = page.locator(
      '[data-testid="proposal"][data-status="approved"]',
    );
    await card
      .getByTestId("proposal-changed-since")
      .waitFor({ timeout: PAGE_TIMEOUT_MS });
    expect(await card.getByTestId("proposal-decision").textContent()).toContain(
      "Approved by Eve",
    );
    expect(await card.locator("thead").textContent()).toContain("Quota now");
  }
  await saveScreenshot(editor.page, "proposals-editor-undone");
  await editor.page.setViewportSize({ width: 1600, height: 900 });
  await saveScreenshot(editor.page, "proposals-editor-undone-wide");
  await editor.page.setViewportSize({ width: 1280, height: 800 });
});

test("reviewer enters a 20-digit amount", async () => {
  await openProposals(reviewer.page);
  const form = reviewer.page.getByTestId("proposal-form");
  const region = await form.getByTestId("proposal-region").inputValue();
  const [first] = await regionQuotas(reviewer.page, region);

  const input = form.getByLabel(`Proposed quota of ${first.name}`);
  await input.fill("12345678901234567890");

  const problem = form.getByTestId("proposal-problem");
  await expect
    .poll(() => problem.textContent())
    .toMatch(
      new RegExp(
        `The amount for ${first.name} is too large\\. A territory can get at most the region's pool of \\$[\\d,]+\\.\\d\\d\\.`,
      ),
    );
  expect(await problem.textContent()).not.toContain("at most two decimals");
  expect(await input.getAttribute("aria-invalid")).toBe("true");
  expect(
    await form.getByRole("button", { name: "Submit proposal" }).isDisabled(),
  ).toBe(true);
  await saveScreenshot(reviewer.page, "proposals-reviewer-too-large");
});
