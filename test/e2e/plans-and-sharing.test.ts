import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { county, startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, openIsolatedPage, saveScreenshot } from "./browser.ts";
import {
  dragBetween,
  joinPlan,
  PAGE_TIMEOUT_MS,
  personIdOf,
  selectTerritory,
  showArea,
  submitName,
  waitForAssignments,
  waitForConnection,
  waitForMapReady,
  type PersonPage,
} from "./plan-page.ts";

// Kansas counties on one line of latitude (about 38.5°N), west to east.
const GREELEY = "20071";
const BARTON = "20009";
const KANSAS_ROW = [
  GREELEY,
  "20203",
  "20171",
  "20101",
  "20135",
  "20165",
  BARTON,
];

let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

/** Creates a plan from the header's plans menu and waits until it is open. */
async function createPlanFromMenu(page: Page, name: string): Promise<string> {
  await page.getByTestId("plans-menu-button").click();
  await page.getByTestId("new-plan-button").click();
  await page.getByTestId("new-plan-name").fill(name);
  await page.getByTestId("new-plan-name").press("Enter");
  await page.waitForURL((url) => {
    const plan = url.searchParams.get("plan");
    return plan !== null && plan !== "demo";
  });
  await waitForMapReady(page);
  return new URL(page.url()).searchParams.get("plan")!;
}

/** Opens the share dialog and waits until it lists the people. */
async function openShareDialog(page: Page): Promise<void> {
  await page.getByTestId("share-button").click();
  await page.getByTestId("person-row").first().waitFor();
}

/** Closes the share dialog with Escape and waits until it is gone. */
async function closeShareDialog(page: Page): Promise<void> {
  await page.keyboard.press("Escape");
  await page.getByTestId("share-dialog").waitFor({ state: "detached" });
}

/** Creates a territory through the sidebar form and returns its id. */
async function createTerritory(page: Page, name: string): Promise<string> {
  const form = page.getByTestId("new-territory-form");
  await form.locator("input").fill(name);
  await form.locator('button[type="submit"]').click();
  const row = page.locator('[data-testid="territory-row"]', { hasText: name });
  await row.waitFor();
  return (await row.getAttribute("data-territory-id"))!;
}

test("plan created from the menu is shared, then revoked", async () => {
  const ada = await joinPlan(browser, await app.link("editor"), "Ada");

  // Ada creates a plan from the menu; it opens empty, with her as editor.
  const planId = await createPlanFromMenu(ada.page, "FY26 West");
  expect(planId).toMatch(/^[a-z0-9]{10}$/);
  await ada.page.getByTestId("territories-empty").waitFor();
  expect(
    await ada.page.getByTestId("plans-menu-button").textContent(),
  ).toContain("FY26 West");
  await ada.page
    .locator('[data-testid="role-badge"][data-role="editor"]')
    .waitFor();
  expect(await personIdOf(ada.page, planId)).toBe(
    await personIdOf(ada.page, "demo"),
  );

  // The menu lists both plans by name: "Demo: …" before "FY26 West".
  await ada.page.getByTestId("plans-menu-button").click();
  const items = ada.page.getByTestId("plans-menu-item");
  await items.nth(1).waitFor();
  expect(
    await items.evaluateAll((nodes) =>
      nodes.map((node) => (node as HTMLElement).dataset.planId),
    ),
  ).toEqual(["demo", planId]);
  await ada.page.keyboard.press("Escape");
  await ada.page.getByTestId("plans-menu").waitFor({ state: "detached" });

  const west = await createTerritory(ada.page, "West");

  // Ada shares an editor link from the dialog.
  await openShareDialog(ada.page);
  await ada.page
    .locator('[data-testid="invite-create"][data-role="editor"]')
    .click();
  const linkField = ada.page.getByTestId("invite-link");
  await linkField.waitFor();
  const link = await linkField.inputValue();
  expect(new URL(link).searchParams.get("plan")).toBe(planId);
  await ada.page
    .locator('[data-testid="invite-row"][data-role="editor"]')
    .waitFor();
  await saveScreenshot(ada.page, "plans-and-sharing-dialog");
  await closeShareDialog(ada.page);

  // Grace joins with the link in her own browser context and paints.
  const grace: PersonPage = await joinPlan(browser, link, "Grace");
  expect(new URL(grace.page.url()).searchParams.get("plan")).toBe(planId);
  await grace.page
    .locator('[data-testid="role-badge"][data-role="editor"]')
    .waitFor();
  await showArea(grace.page, [-99, 38.5], 6);
  await selectTerritory(grace.page, west);
  await dragBetween(grace.page, county(GREELEY), county(BARTON));
  const painted = Object.fromEntries(KANSAS_ROW.map((id) => [id, west]));
  await waitForAssignments(grace.page, painted);
  await waitForAssignments(ada.page, painted);

  // Ada sees Grace among the people, then revokes the link.
  await openShareDialog(ada.page);
  const graceId = await personIdOf(grace.page, planId);
  await ada.page
    .locator(`[data-testid="person-row"][data-person-id="${graceId}"]`)
    .waitFor();
  await ada.page
    .locator('[data-testid="invite-row"][data-role="editor"]')
    .getByTestId("invite-revoke")
    .click();
  await ada.page.getByTestId("invites-empty").waitFor();
  await closeShareDialog(ada.page);

  // A third person cannot join with the revoked link.
  const { context: thirdContext, page: third } = await openIsolatedPage(
    browser,
    link,
  );
  await submitName(third, "Mallory");
  const error = third.getByTestId("join-error");
  await error.waitFor({ timeout: PAGE_TIMEOUT_MS });
  expect(await error.textContent()).toContain("revoked");
  expect(await third.getByTestId("name-form").count()).toBe(1);

  // Grace joined before the revocation and keeps editing.
  await waitForConnection(grace.page, "connected");
  expect(
    await grace.page.evaluate(
      (territoryId) => window.meridian.paint(["20055"], territoryId),
      west,
    ),
  ).toEqual(["20055"]);
  await waitForAssignments(ada.page, { "20055": west });

  await thirdContext.close();
  await grace.context.close();
  await ada.context.close();
});

test("rename and removal reach the server", async () => {
  const ada = await joinPlan(browser, await app.link("editor"), "Ada");
  const rita = await joinPlan(browser, await app.link("viewer"), "Rita");

  // Ada renames herself; the server and the stored token get the new name.
  await ada.page.getByTestId("self-name").locator("button").click();
  await ada.page.locator("#self-name-input").fill("Ada Lovelace");
  await ada.page.locator("#self-name-input").press("Enter");
  await ada.page.waitForFunction(() => {
    const stored = JSON.parse(localStorage.getItem("meridian.session.demo")!);
    return stored.person.name === "Ada Lovelace" && !stored.pendingName;
  });
  const token = await ada.page.evaluate(
    () => JSON.parse(localStorage.getItem("meridian.session.demo")!).token,
  );
  const session = await fetch(`${app.server.url}/api/session`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect((await session.json()).person.name).toBe("Ada Lovelace");
  const claims = JSON.parse(
    Buffer.from(token.split(".")[1], "base64url").toString("utf8"),
  );
  expect(claims.name).toBe("Ada Lovelace");

  // Rita, a viewer, sees the people but no invite links.
  await rita.page.getByTestId("share-button").click();
  await rita.page.getByTestId("person-row").nth(1).waitFor();
  expect(await rita.page.getByTestId("invite-create").count()).toBe(0);
  expect(await rita.page.getByTestId("person-remove").count()).toBe(0);
  await closeShareDialog(rita.page);

  // Ada removes Rita; Rita's page turns read-only with the reason.
  const ritaId = await personIdOf(rita.page);
  await openShareDialog(ada.page);
  const row = ada.page.locator(
    `[data-testid="person-row"][data-person-id="${ritaId}"]`,
  );
  await row.getByTestId("person-remove").click();
  await row.getByTestId("person-remove-confirm").click();
  await row.waitFor({ state: "detached" });
  const banner = rita.page.getByTestId("access-banner");
  await banner.waitFor();
  expect(await banner.textContent()).toContain("removed");
  await waitForConnection(rita.page, "rejected");

  await rita.context.close();
  await ada.context.close();
});
