import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PUBLIC_DATA_DIR,
  startAppServer,
  storedPlan,
  type AppServer,
} from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import { REPO_DIR } from "./build-web.ts";
import {
  assignmentsOn,
  joinPlan,
  mapColorOf,
  PAGE_TIMEOUT_MS,
  personIdOf,
  territoriesOn,
  waitForAssignments,
  type PersonPage,
} from "./plan-page.ts";

// Three Kansas counties of the demo plan's West North Central territory.
const GREELEY = "20071";
const WICHITA = "20203";
const SCOTT = "20171";
const MOUNTAIN = "demo-mountain";
const MOUNTAIN_COLOR = "#AA4499";
// Austin's city account sits in Travis County, Texas, which the demo plan
// gives to West South Central.
const AUSTIN = "city-4671654";

let app: AppServer;
let browser: Browser;
let ada: PersonPage;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  ada = await joinPlan(browser, await app.link("editor"), "Ada");
  await ada.page.getByTestId("sidebar-tab-data").click();
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

async function pickCsv(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId("assignments-import-file").setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(text),
  });
}

/**
 * Runs `meridian export KIND` on the server's data folder, as a child
 * process so that the server keeps responding. `asOf` is passed as
 * `--as-of`, for the exports that apply overrides.
 */
function cliExport(kind: string, asOf?: string): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      path.join(REPO_DIR, "bin/meridian.js"),
      "export",
      kind,
      "--plan",
      "demo",
      "--data-dir",
      app.dataDir,
      ...(kind === "assignments" ? [] : ["--public-data-dir", PUBLIC_DATA_DIR]),
      ...(asOf === undefined ? [] : ["--as-of", asOf]),
    ],
    { cwd: REPO_DIR },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) =>
    child.on("close", (status) =>
      status === 0
        ? resolve(stdout)
        : reject(new Error(`meridian export ${kind} failed: ${stderr}`)),
    ),
  );
}

/** Clicks an export button and returns the downloaded file's name and text. */
async function download(
  page: Page,
  kind: string,
): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(`export-${kind}`).click(),
  ]);
  const filePath = await file.path();
  return {
    name: file.suggestedFilename(),
    text: readFileSync(filePath, "utf8"),
  };
}

/** Waits until the server has stored every assignment the page shows. */
async function untilStored(page: Page): Promise<void> {
  const expected = await assignmentsOn(page);
  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  for (;;) {
    const stored = Object.fromEntries(storedPlan(app.server).readAssignments());
    if (JSON.stringify(stored) === JSON.stringify(expected)) return;
    if (Date.now() > deadline) {
      throw new Error("The server did not store the page's assignments.");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("assignments import in the Data tab", () => {
  test("bad file lists its lines and changes nothing", async () => {
    const page = ada.page;
    const before = await assignmentsOn(page);

    await pickCsv(
      page,
      "bad.csv",
      `unit_id,territory\n1001,Mountain\n${GREELEY},Mountian\n${WICHITA},Mountain\n`,
    );

    const errors = page.getByTestId("assignments-import-error");
    await errors.first().waitFor();
    expect(await errors.count()).toBe(2);
    expect(await errors.nth(0).getAttribute("data-line")).toBe("2");
    expect(await errors.nth(0).textContent()).toContain(
      'looks stripped of its leading zeros; the unit is "01001"',
    );
    expect(await errors.nth(1).getAttribute("data-line")).toBe("3");
    expect(await errors.nth(1).textContent()).toContain(
      'unknown territory "Mountian"',
    );
    expect(
      await page.getByTestId("assignments-import-summary").innerText(),
    ).toBe(
      "bad.csv: 2 bad lines, nothing was imported. Fix them and choose the file again.",
    );
    expect(await page.getByTestId("impact-preview").count()).toBe(0);
    expect(await assignmentsOn(page)).toEqual(before);
    await saveScreenshot(page, "assignments-import-errors");
  });

  test("good file previews, applies and repaints", async () => {
    const page = ada.page;
    const [greeley] = await territoriesOn(page, [GREELEY]);
    expect(greeley).not.toBe(MOUNTAIN);
    const mountainRow = page.locator(
      `[data-testid="territory-row"][data-territory-id="${MOUNTAIN}"]`,
    );
    const unitsBefore = Number(await mountainRow.getAttribute("data-units"));

    await pickCsv(
      page,
      "assignments.csv",
      `unit_id,territory\n${GREELEY},Mountain\n${WICHITA},Mountain\n${SCOTT},\n`,
    );

    const preview = page.getByTestId("impact-preview");
    await preview.waitFor();
    expect(await preview.textContent()).toContain("Import assignments.csv");
    const status = page.getByTestId("assignments-import-proposed");
    expect(await status.innerText()).toContain(
      "assignments.csv: 3 rows, all valid.",
    );
    await saveScreenshot(page, "assignments-import-preview");
    await page.getByTestId("preview-apply-all").click();
    await status.waitFor({ state: "detached" });
    await waitForAssignments(page, {
      [GREELEY]: MOUNTAIN,
      [WICHITA]: MOUNTAIN,
      [SCOTT]: null,
    });
    await page.waitForFunction(
      ({ id, units }) =>
        document
          .querySelector(
            `[data-testid="territory-row"][data-territory-id="${id}"]`,
          )
          ?.getAttribute("data-units") === String(units),
      { id: MOUNTAIN, units: unitsBefore + 2 },
      { timeout: PAGE_TIMEOUT_MS },
    );
    await page.waitForFunction(
      ({ fips, color }) =>
        window.meridian.map?.getFeatureState({
          source: "counties",
          id: Number(fips),
        }).color === color,
      { fips: GREELEY, color: MOUNTAIN_COLOR },
      { timeout: PAGE_TIMEOUT_MS },
    );
    expect(await mapColorOf(page, WICHITA)).toBe(MOUNTAIN_COLOR);
  });
});

describe("export buttons", () => {
  test("assignments CSV matches the command line", async () => {
    const page = ada.page;
    await untilStored(page);

    const file = await download(page, "assignments");

    expect(file.name).toBe("demo-us-census-divisions-assignments.csv");
    expect(file.text.split("\n")[0]).toBe("unit_id,territory");
    expect(file.text).toContain(`${GREELEY},Mountain\n`);
    expect(file.text).not.toContain(`${SCOTT},`);
    expect(file.text).toBe(await cliExport("assignments"));
  });

  test("accounts CSV has territory, owner and pins", async () => {
    const page = ada.page;
    await page.getByTestId("sidebar-tab-territories").click();
    await page
      .locator(
        `[data-testid="territory-row"][data-territory-id="${MOUNTAIN}"] button`,
      )
      .click();
    const adaId = await personIdOf(page);
    const picker = page.getByTestId("territory-owner-select");
    await picker
      .locator(`option[value="${adaId}"]`)
      .waitFor({ state: "attached" });
    await picker.selectOption(adaId);
    await page
      .locator(
        `[data-testid="territory-row"][data-territory-id="${MOUNTAIN}"] [data-testid="territory-owner"]`,
      )
      .getByText("Ada")
      .waitFor();
    await picker.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "territory-owner");
    await page.getByTestId("sidebar-tab-data").click();
    await page.waitForFunction(
      () => window.meridian.planDoc?.readTerritory("demo-mountain")?.ownerId,
    );
    await untilStoredOwner(adaId);
    // And Austin pinned to Mountain from 2020 on, so in effect on the Accounts tab's date
    await page.getByTestId("sidebar-tab-accounts").click();
    await pinAustinToMountain(page);
    const asOf = await page.getByTestId("overrides-as-of").inputValue();
    await page.getByTestId("sidebar-tab-data").click();
    await untilStoredOverride(AUSTIN);

    const file = await download(page, "accounts");

    expect(file.name).toBe("demo-us-census-divisions-accounts.csv");
    const lines = file.text.split("\n");
    expect(lines[0]).toBe(
      "account_id,name,unit_id,segment,potential,territory,owner,longitude,latitude",
    );
    const greeley = lines.find((line) => line.startsWith(`county-${GREELEY},`));
    expect(greeley).toMatch(/,Mountain,Ada,-?\d+(\.\d+)?,-?\d+(\.\d+)?$/);
    expect(lines).toContain(
      `${AUSTIN},Austin,48453,city,745464.00,Mountain,Ada,-97.7431,30.2672`,
    );
    expect(file.text).toBe(await cliExport("accounts", asOf));
    // Before the pin starts, Austin follows its county again.
    expect(await cliExport("accounts", "2019-12-31")).toContain(
      `\n${AUSTIN},Austin,48453,city,745464.00,West South Central,`,
    );
  });

  test("preview names each territory's owner", async () => {
    // Given Mountain is Ada's (by the test before) and owns Greeley
    const page = ada.page;
    await pickCsv(
      page,
      "owners.csv",
      `unit_id,territory\n${GREELEY},Pacific\n`,
    );

    // Then the preview's Mountain row shows Ada as owner, and Pacific shows no owner
    const preview = page.getByTestId("impact-preview");
    await preview.waitFor();
    const row = (id: string) =>
      preview.locator(`[data-testid="preview-row"][data-territory-id="${id}"]`);
    expect(
      await row(MOUNTAIN).getByTestId("preview-owner").textContent(),
    ).toContain("Ada");
    expect(await row("demo-pacific").getByTestId("preview-owner").count()).toBe(
      0,
    );

    // and counts in the singular where one county moves
    expect(
      await row("demo-pacific").getByTestId("preview-changes").innerText(),
    ).toMatch(/^\+1 county · /);
    expect(
      await row(MOUNTAIN).getByTestId("preview-changes").innerText(),
    ).toMatch(/^−1 county · /);
    const status = page.getByTestId("assignments-import-proposed");
    expect(await status.innerText()).toContain("owners.csv: 1 row, all valid.");

    // Discarding the preview also clears the import's status
    await page.getByRole("button", { name: "Discard" }).click();
    await preview.waitFor({ state: "detached" });
    await status.waitFor({ state: "detached" });
  });

  test("territories GeoJSON matches the command line", async () => {
    const page = ada.page;
    await untilStored(page);

    const file = await download(page, "geojson");

    expect(file.name).toBe("demo-us-census-divisions-territories.geojson");
    const mountainOf = (text: string) => {
      const collection = JSON.parse(text) as {
        features: {
          id: string;
          properties: { counties: number; accounts: number };
        }[];
      };
      return collection.features.find((f) => f.id === MOUNTAIN)!.properties;
    };
    const mountain = mountainOf(file.text);
    expect(mountain.counties).toBeGreaterThan(0);
    // A test before pinned Austin to Mountain, so both count it there.
    const asOf = await asOfDate(page);
    expect(file.text).toBe(await cliExport("geojson", asOf));
    const unpinned = mountainOf(await cliExport("geojson", "2019-12-31"));
    expect(unpinned.counties).toBe(mountain.counties);
    expect(unpinned.accounts).toBe(mountain.accounts - 1);
  });
});

// Pins Austin to Mountain from 2020-01-01 on, through the Accounts tab's form.
async function pinAustinToMountain(page: Page): Promise<void> {
  await page.getByTestId("override-add").click();
  await page.getByTestId("override-account").fill("Austin");
  await page
    .locator(`[data-testid="override-account-option"][data-id="${AUSTIN}"]`)
    .click();
  await page.getByTestId("override-territory").selectOption(MOUNTAIN);
  await page.getByTestId("override-from").fill("2020-01-01");
  await page.getByTestId("override-save").click();
  await page.getByTestId("override-form").waitFor({ state: "detached" });
}

// Returns the Accounts tab's "as of" date, then returns to the Data tab.
async function asOfDate(page: Page): Promise<string> {
  await page.getByTestId("sidebar-tab-accounts").click();
  const asOf = await page.getByTestId("overrides-as-of").inputValue();
  await page.getByTestId("sidebar-tab-data").click();
  return asOf;
}

async function untilStoredOverride(accountId: string): Promise<void> {
  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  const stored = () =>
    storedPlan(app.server)
      .readOverrides()
      .some((o) => o.accountId === accountId);
  while (!stored()) {
    if (Date.now() > deadline) {
      throw new Error(
        `The server did not store the override of account "${accountId}".`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function untilStoredOwner(ownerId: string): Promise<void> {
  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  while (storedPlan(app.server).readTerritory(MOUNTAIN)?.ownerId !== ownerId) {
    if (Date.now() > deadline) {
      throw new Error("The server did not store the territory's owner.");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
