import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import * as Y from "yjs";
import { seedIncentives } from "../../model/doc/incentives-edits.ts";
import { IncentivesDoc } from "../../model/doc/incentives-doc.ts";
import { parseMoney, toCents } from "../../model/money.ts";
import { demoPayAdminLink } from "../../sync-server/demo.ts";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser } from "./browser.ts";
import { joinPlan, PAGE_TIMEOUT_MS, type PersonPage } from "./plan-page.ts";

/** March 2027, the second month of the demo plan's FY2028. */
const PERIOD = "FY2028-M02";
const ANA = "demo-rep-1";
const BEN = "demo-rep-2";
const AE_IDS = Array.from({ length: 18 }, (_, i) => `demo-rep-${i + 1}`);

let app: AppServer;
let browser: Browser;
let admin: PersonPage;
let rep: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  seedFlatCommission(app);
  browser = await launchBrowser();
  const link = await demoPayAdminLink(
    app.server.storage,
    app.server.secret,
    app.server.url,
  );
  if (link === null) throw new Error("The server has no demo plan.");
  admin = await joinPlan(browser, link, "Ada");
  await openStatements(admin.page);
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

/**
 * Pays every account executive a flat 10% commission through a split rule,
 * written to the stored demo plan before anyone opens it, so that payable
 * differences are a tenth of the deal amounts to the cent. The comp plan id
 * is the demo's own, so these replace its tiers when the demo has them.
 */
function seedFlatCommission(server: AppServer): void {
  const stored = server.server.storage.loadRoom("demo");
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  const managers = new IncentivesDoc(doc).read().managers;

  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  seedIncentives(doc, {
    compPlans: [
      {
        id: "demo-comp-ae",
        name: "Account executive FY2028",
        roleIds: ["demo-ae"],
        plan: {
          components: [
            {
              id: "commission",
              label: "Commission",
              type: "commission",
              rate: "0.10",
            },
          ],
        },
      },
    ],
    creditingRules: [
      {
        id: "demo-rule-split",
        kind: "split",
        effectiveFrom: null,
        effectiveTo: null,
      },
    ],
    rates: [],
    managers,
  });
  for (const update of updates) {
    server.server.storage.appendUpdate("demo", update, null);
  }
}

async function openStatements(page: Page): Promise<void> {
  await page.getByTestId("view-tab-statements").click();
  await page.getByTestId("statements-view").waitFor();
  await page
    .getByTestId("statements-loading")
    .waitFor({ state: "detached", timeout: PAGE_TIMEOUT_MS });
}

function statementRow(page: Page, repId: string) {
  return page.locator(
    `[data-testid="statement-row"][data-rep="${repId}"][data-period="${PERIOD}"]`,
  );
}

/** Opens a rep's statement of PERIOD from the list and waits for its detail. */
async function openStatement(page: Page, repId: string): Promise<void> {
  await statementRow(page, repId).click();
  await page
    .locator(
      `[data-testid="statement-detail"][data-rep="${repId}"][data-period="${PERIOD}"]`,
    )
    .waitFor();
}

/** Reads the rep ids of the rows the list shows now. */
function listedReps(page: Page): Promise<string[]> {
  return page
    .getByTestId("statement-row")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-rep")!));
}

/** Reads a payable such as "$1,234.56" from the page as a decimal string "1234.56". */
async function payableOf(page: Page, repId: string): Promise<string> {
  const text = await statementRow(page, repId)
    .getByTestId("statement-row-payable")
    .innerText();
  return text.replace(/[$,]/g, "");
}

/** Reads the sorted rep ids of PERIOD's statements as the server lists them for the page's person. */
function serverReps(page: Page): Promise<string[]> {
  return page.evaluate(async (period) => {
    const stored = window.localStorage.getItem("meridian.session.demo");
    const { token } = JSON.parse(stored ?? "{}") as { token: string };
    const response = await fetch("/api/plans/demo/pay/statements", {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as {
      statements: { repId: string; periodId: string }[];
    };
    return body.statements
      .filter((row) => row.periodId === period)
      .map((row) => row.repId)
      .sort();
  }, PERIOD);
}

/** Clicks an export button and returns the downloaded file's name and bytes. */
async function download(
  page: Page,
  testId: string,
): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testId).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** Reads the rep_id column of a statements CSV. */
function csvReps(bytes: Buffer): string[] {
  const [header, ...rows] = bytes.toString("utf8").trim().split(/\r?\n/);
  expect(header.split(",")[0]).toBe("rep_id");
  return [...new Set(rows.map((row) => row.split(",")[0]))];
}

/** Fetches a pay path with the page's own person token, as the app does. */
function fetchAsPage(
  page: Page,
  path: string,
): Promise<{ status: number; code: string | null }> {
  return page.evaluate(async (url) => {
    const stored = window.localStorage.getItem("meridian.session.demo");
    const { token } = JSON.parse(stored ?? "{}") as { token: string };
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { error?: { code: string } };
    return { status: response.status, code: body.error?.code ?? null };
  }, path);
}

function cents(amount: string): number {
  return toCents(parseMoney(amount));
}

test("admin imports deals and sees every rep", async () => {
  const page = admin.page;
  await expect
    .poll(() => page.getByTestId("pay-scope").innerText())
    .toMatch(/incentives administrator/);
  await page.getByTestId("statement-period").selectOption(PERIOD);
  await statementRow(page, ANA).waitFor();
  const before = await payableOf(page, ANA);
  const beforeBen = await payableOf(page, BEN);

  // A file with two bad rows imports nothing and lists both with their line.
  await page.getByTestId("deals-file").setInputFiles({
    name: "bad-deals.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      [
        "id,account,amount,currency,close_date,product,owner,splits",
        `e2e-1,acc-e2e,12345.60,USD,2027-03-10,Core,${ANA},${ANA}:100`,
        `e2e-2,acc-e2e,12.345,USD,2027-03-11,Core,${ANA},`,
        `e2e-3,acc-e2e,100.00,USD,2027-13-01,Core,${ANA},`,
      ].join("\n"),
    ),
  });
  const errors = page.getByTestId("deals-error-row");
  await errors.first().waitFor();
  expect(await errors.count()).toBe(2);
  expect(await errors.nth(0).locator("td").first().innerText()).toBe("3");
  expect(await errors.nth(1).locator("td").first().innerText()).toBe("4");

  // The fixed file imports two deals: one for Ana, one split 50/50 with Ben.
  // Each tenth is a whole number of cents, so no rounding blurs the check.
  await page.getByTestId("deals-file").setInputFiles({
    name: "deals.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      [
        "id,account,amount,currency,close_date,product,owner,splits",
        `e2e-1,acc-e2e,12345.60,USD,2027-03-10,Core,${ANA},${ANA}:100`,
        `e2e-2,acc-e2e,1000.20,USD,2027-03-11,Core,${ANA},${ANA}:50;${BEN}:50`,
      ].join("\n"),
    ),
  });
  await page.getByTestId("deals-imported").waitFor();
  expect(await page.getByTestId("deals-imported").innerText()).toMatch(
    /Imported 2 deals from deals\.csv/,
  );

  // Ana's payable grows by 10% of 12,345.60 + 500.10 = 1,284.57, and Ben's
  // by 10% of 500.10 = 50.01.
  await expect
    .poll(async () => cents(await payableOf(page, BEN)) - cents(beforeBen))
    .toBe(5001);
  const after = await payableOf(page, ANA);
  expect(cents(after) - cents(before)).toBe(128457);

  // The admin sees a row for every rep the server computed a statement
  // for, which includes every account executive of the plan.
  const listed = (await listedReps(page)).sort();
  expect(listed).toEqual(await serverReps(page));
  expect(listed).toEqual(expect.arrayContaining(AE_IDS));
});

test("statement list opens from the keyboard", async () => {
  const page = admin.page;
  const rows = page.getByTestId("statement-row");
  const second = await rows.nth(1).getAttribute("data-rep");

  await rows.first().focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");

  const detail = page.getByTestId("statement-detail");
  await expect.poll(() => detail.getAttribute("data-rep")).toBe(second);
  expect(await rows.nth(1).getAttribute("aria-selected")).toBe("true");
});

test("statement detail shows traces, what-if and submit", async () => {
  const page = admin.page;
  await openStatement(page, ANA);
  const detail = page.getByTestId("statement-detail");
  expect(await detail.getAttribute("data-status")).toBe("draft");
  expect(await page.getByTestId("statement-credits").innerText()).toMatch(
    /e2e-1/,
  );

  await page.getByTestId("statement-payable").click();
  expect(await page.getByTestId("trace-summary").innerText()).toMatch(
    /^Payable/,
  );

  await page.getByTestId("what-if-amount").fill("5,000.00");
  await page.getByTestId("what-if-product").fill("Core");
  await page.getByTestId("what-if-date").fill("2027-03-20");
  await page
    .getByTestId("what-if-form")
    .locator('button[type="submit"]')
    .click();
  await page.getByTestId("what-if-difference").waitFor();
  expect(await page.getByTestId("what-if-difference").innerText()).toBe(
    "+$500.00",
  );

  await page.getByTestId("statement-submit").click();
  await expect.poll(() => detail.getAttribute("data-status")).toBe("pending");

  const csv = await download(page, "statements-csv");
  expect(csv.name).toMatch(/statements-fy2028-m02\.csv$/);
  expect(csvReps(csv.bytes).sort()).toEqual(await serverReps(page));
  const xlsx = await download(page, "statements-xlsx");
  expect(xlsx.name).toMatch(/\.xlsx$/);
  expect(xlsx.bytes.subarray(0, 2).toString("latin1")).toBe("PK");

  // Printing shows the open statement without the list and the forms.
  await page.emulateMedia({ media: "print" });
  expect(await page.getByTestId("statement-list").isVisible()).toBe(false);
  expect(await page.getByTestId("pay-admin").isVisible()).toBe(false);
  expect(await page.getByTestId("what-if-form").isVisible()).toBe(false);
  expect(await detail.isVisible()).toBe(true);
  await page.emulateMedia({ media: "screen" });
});

test("rep through a personal invite sees only their own", async () => {
  const page = admin.page;
  await page.getByTestId("rep-invite-rep").selectOption(ANA);
  await page.getByTestId("rep-invite-create").click();
  const url = await page.getByTestId("rep-invite-url").inputValue();
  expect(new URL(url).searchParams.get("plan")).toBe("demo");

  rep = await joinPlan(browser, url, "Ana");
  await openStatements(rep.page);
  await expect
    .poll(() => rep.page.getByTestId("pay-scope").innerText())
    .toMatch(/your own statements \(Ana Ribeiro\)\.$/);
  await rep.page.getByTestId("statement-period").selectOption("");
  await statementRow(rep.page, ANA).waitFor();
  const reps = new Set(await listedReps(rep.page));
  expect([...reps]).toEqual([ANA]);
  expect(await rep.page.getByTestId("pay-admin").count()).toBe(0);

  // Another rep's statement does not exist for Ana, and her own does.
  const other = await fetchAsPage(
    rep.page,
    `/api/plans/demo/pay/statements/${BEN}/${PERIOD}`,
  );
  expect(other).toEqual({ status: 404, code: "STATEMENT_NOT_FOUND" });
  const own = await fetchAsPage(
    rep.page,
    `/api/plans/demo/pay/statements/${ANA}/${PERIOD}`,
  );
  expect(own.status).toBe(200);

  const csv = await download(rep.page, "statements-csv");
  expect(csvReps(csv.bytes)).toEqual([ANA]);
});

test("rep disputes a line and admin resolves it", async () => {
  const page = rep.page;
  await page.getByTestId("statement-period").selectOption(PERIOD);
  await openStatement(page, ANA);
  expect(await page.getByTestId("statement-submit").count()).toBe(0);
  expect(await page.getByTestId("statement-approve").count()).toBe(0);

  await page
    .locator('[data-testid="statement-lines"] tr[data-line="commission"]')
    .getByTestId("dispute-line")
    .click();
  await page
    .getByTestId("dispute-reason")
    .fill("Deal e2e-1 was booked at 12,345.60 but I expected 12,370.60.");
  await page
    .getByTestId("dispute-form")
    .locator('button[type="submit"]')
    .click();
  await page.getByTestId("dispute").waitFor();
  expect(await page.getByTestId("dispute").getAttribute("data-status")).toBe(
    "open",
  );

  // The admin opens the statement again and accepts with 2.50 of pay.
  const adminPage = admin.page;
  await openStatement(adminPage, ANA);
  const dispute = adminPage.getByTestId("dispute");
  await dispute.waitFor();
  expect(await dispute.innerText()).toMatch(/expected 12,370\.60/);
  await adminPage.getByTestId("dispute-adjustment").fill("2.50");
  await adminPage.getByTestId("dispute-comment").fill("Booked 25.00 short.");
  await adminPage
    .getByTestId("dispute-resolve")
    .locator('button[type="submit"]')
    .click();
  await expect.poll(() => dispute.getAttribute("data-status")).toBe("accepted");

  // The adjustment changed the submitted figures, so approval waits for a
  // new submission.
  const detail = adminPage.getByTestId("statement-detail");
  await expect.poll(() => detail.getAttribute("data-status")).toBe("void");
  expect(await adminPage.getByTestId("statement-approve").isDisabled()).toBe(
    true,
  );
  expect(await adminPage.getByTestId("approve-reason").innerText()).toMatch(
    /void/,
  );

  await adminPage.getByTestId("statement-submit").click();
  await expect.poll(() => detail.getAttribute("data-status")).toBe("pending");
  await adminPage.getByTestId("statement-approve").click();
  await expect.poll(() => detail.getAttribute("data-status")).toBe("approved");
  expect(await adminPage.getByTestId("statement-frozen").innerText()).toMatch(
    /frozen/,
  );
});

test("admin adds a manual adjustment", async () => {
  const page = admin.page;
  const before = await payableOf(page, BEN);

  await page.getByTestId("adjustment-rep").selectOption(BEN);
  await page.getByTestId("adjustment-period").selectOption(PERIOD);
  await page.getByTestId("adjustment-amount").fill("-1,012.34");
  await page.getByTestId("adjustment-reason").fill("Travel advance repaid");
  await page
    .getByTestId("adjustment-form")
    .locator('button[type="submit"]')
    .click();

  await expect
    .poll(async () => cents(await payableOf(page, BEN)) - cents(before))
    .toBe(-101234);
});
