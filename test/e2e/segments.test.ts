import type { Browser, Locator, Page, Route } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { generateSegmentationAccounts } from "../../bench/clustering.ts";
import {
  assignByNearestCentroid,
  segmentAccounts,
  type SegmentationModel,
} from "../../model/segmentation/index.ts";
import { startAppServer, type AppServer } from "./app-server.ts";
import { launchBrowser, saveScreenshot } from "./browser.ts";
import {
  joinPlan,
  PAGE_TIMEOUT_MS,
  submitName,
  waitForMapReady,
  type PersonPage,
} from "./plan-page.ts";

/** Accounts in public/data/accounts.json, the demo plan's dataset. */
const DEMO_ACCOUNTS = "7,408";
const WORKER_SCRIPT = /\/assets\/segment\.worker[^/]*\.js$/;

let app: AppServer;
let browser: Browser;
let ada: PersonPage;
let grace: PersonPage;
/** URL of the built segmentation worker, seen when Ada's page starts it. */
let workerUrl: string | null = null;

beforeAll(async () => {
  app = await startAppServer();
  browser = await launchBrowser();
  ada = await joinPlan(browser, await app.link("editor"), "Ada");
  grace = await joinPlan(browser, await app.link("editor"), "Grace");
  ada.page.on("worker", (worker) => {
    if (WORKER_SCRIPT.test(worker.url())) workerUrl = worker.url();
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

/** Returns an element's text with every run of white space as one space. */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").replace(/\s+/g, " ").trim();
}

async function openSegments(page: Page): Promise<void> {
  await page.getByTestId("view-tab-insights").click();
  await page.getByTestId("insights-tab-segments").click();
  await page.getByTestId("segments-panel").waitFor();
}

/** Reads the applied decision's k and author from the page's plan document, or null. */
function storedDecision(
  page: Page,
): Promise<{ k: number; appliedBy: string } | null> {
  return page.evaluate(() => {
    const doc = window.meridian.doc;
    if (!doc) throw new Error("The page has no plan document yet.");
    const value = doc.getMap("segmentation").get("decision") as
      { k: number; appliedBy: string } | undefined;
    return value ? { k: value.k, appliedBy: value.appliedBy } : null;
  });
}

/** Records every percentage the progress bar shows, so a short run's progress is seen too. */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { segmentProgress: string[] }).segmentProgress = seen;
    new MutationObserver(() => {
      const text = document.querySelector(
        '[data-testid="segments-percent"]',
      )?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

function progressSeen(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { segmentProgress: string[] }).segmentProgress,
  );
}

test("demo segmentation applies and undoes", async () => {
  const page = ada.page;
  await openSegments(page);
  await expect
    .poll(() => page.getByTestId("segments-empty").isVisible())
    .toBe(true);

  // When Ada runs k = 4 with seed 1 on the demo accounts.
  await page.getByTestId("segments-k").fill("4");
  await page.getByTestId("segments-seed").fill("1");
  await recordProgress(page);
  await page.getByTestId("segments-run").click();

  // Then the worker reports progress and the four segments show.
  const rows = page.getByTestId("segments-row");
  await expect.poll(() => rows.count(), { timeout: PAGE_TIMEOUT_MS }).toBe(4);
  expect(workerUrl).not.toBeNull();
  const seen = await progressSeen(page);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.some((text) => text !== "0%")).toBe(true);
  const silhouette = await textOf(page.getByTestId("segments-silhouette"));
  expect(silhouette).toMatch(/Silhouette -?\d\.\d\d for k = 4, seed 1/);

  // The preview compares with no applied segmentation and writes nothing.
  await page.getByTestId("segments-preview").click();
  const summary = page.getByTestId("segments-impact-summary");
  await expect
    .poll(() => textOf(summary))
    .toMatch(`${DEMO_ACCOUNTS} of ${DEMO_ACCOUNTS} accounts change segment`);
  expect(await textOf(summary)).toContain("against no applied");
  expect(
    await page
      .getByTestId("segments-impact-territories")
      .locator("tbody tr")
      .count(),
  ).toBeGreaterThan(1);
  await saveScreenshot(page, "segments-preview");
  await page.getByTestId("segments-preview-cancel").click();
  expect(await page.getByTestId("segments-impact").count()).toBe(0);
  expect(await storedDecision(page)).toBeNull();

  // When Ada previews again and applies.
  await page.getByTestId("segments-preview").click();
  await page.getByTestId("segments-apply").click();
  expect(await storedDecision(page)).toEqual({ k: 4, appliedBy: "Ada" });
  await page.getByTestId("segments-applied").waitFor();

  // Then the applied segmentation shows on the page of Grace, another editor.
  await openSegments(grace.page);
  const graceSegments = grace.page.getByTestId("segments-applied-segment");
  await expect
    .poll(() => graceSegments.count(), { timeout: PAGE_TIMEOUT_MS })
    .toBe(4);
  const graceSummary = await textOf(
    grace.page.getByTestId("segments-applied-summary"),
  );
  expect(graceSummary).toContain("applied by Ada");
  const counts = await graceSegments.evaluateAll((items) =>
    items.map((item) =>
      Number(
        /: ([\d,]+) accounts/
          .exec(item.textContent ?? "")![1]
          .replaceAll(",", ""),
      ),
    ),
  );
  expect(counts.reduce((sum, count) => sum + count, 0)).toBe(7408);
  await saveScreenshot(grace.page, "segments-applied-remote");

  // A second preview on Ada's page compares with the applied one: nothing changes.
  await page.getByTestId("segments-preview").click();
  await expect
    .poll(() => textOf(summary))
    .toMatch(`0 of ${DEMO_ACCOUNTS} accounts change segment`);
  await page.getByTestId("segments-preview-cancel").click();

  // When Ada undoes, the apply is taken back on both pages.
  await page.evaluate(() => (document.activeElement as HTMLElement).blur());
  await page.keyboard.press("Control+z");
  await expect.poll(() => storedDecision(page)).toBeNull();
  await expect
    .poll(() => grace.page.getByTestId("segments-applied").count(), {
      timeout: PAGE_TIMEOUT_MS,
    })
    .toBe(0);
});

test("settings problems show the typed text", async () => {
  const page = ada.page;
  const k = page.getByTestId("segments-k");
  const seed = page.getByTestId("segments-seed");
  const problem = page.getByTestId("segments-settings-problem");
  const run = page.getByTestId("segments-run");

  await k.fill("abc");
  await expect
    .poll(() => textOf(problem))
    .toBe(
      'The number of segments "abc" is not a whole number. Enter a whole number from 2 to 12, such as 6.',
    );
  expect(await run.isDisabled()).toBe(true);
  expect(await k.getAttribute("aria-invalid")).toBe("true");

  await k.fill("");
  await expect
    .poll(() => textOf(problem))
    .toBe(
      "The number of segments is missing. Enter a whole number from 2 to 12, such as 6.",
    );

  await k.fill("4");
  await seed.fill("99999999999999999999");
  await expect
    .poll(() => textOf(problem))
    .toBe(
      "The seed 99999999999999999999 is out of range. Enter a whole number from 0 to 4294967295, such as 1.",
    );
  expect(await run.isDisabled()).toBe(true);
  await saveScreenshot(page, "segments-settings-problem");

  await seed.fill("1");
  await expect.poll(() => problem.count()).toBe(0);
  expect(await run.isDisabled()).toBe(false);
});

test("viewer cancels, runs, cannot apply", async () => {
  // The service worker is blocked, so the route below intercepts the
  // request for the worker script instead of a cached copy.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    serviceWorkers: "block",
  });
  context.setDefaultTimeout(60_000);
  const viewer = { context, page: await context.newPage() };
  try {
    await viewer.page.goto(await app.link("viewer"));
    await submitName(viewer.page, "Vera");
    await waitForMapReady(viewer.page);
    await openSegments(viewer.page);
    await viewer.page.getByTestId("segments-k").fill("3");

    // Cancel stops a run in progress: the worker script is held back, so the run cannot finish first.
    const held: Route[] = [];
    const hold = (route: Route) => void held.push(route);
    await viewer.context.route(WORKER_SCRIPT, hold);
    await viewer.page.getByTestId("segments-run").click();
    await viewer.page.getByTestId("segments-progress").waitFor();
    await viewer.page.getByTestId("segments-cancel").click();
    expect(await viewer.page.getByTestId("segments-progress").count()).toBe(0);
    expect(await viewer.page.getByTestId("segments-empty").isVisible()).toBe(
      true,
    );
    await viewer.context.unroute(WORKER_SCRIPT, hold);
    for (const route of held) await route.abort().catch(() => {});

    await viewer.page.getByTestId("segments-run").click();
    await expect
      .poll(() => viewer.page.getByTestId("segments-row").count(), {
        timeout: PAGE_TIMEOUT_MS,
      })
      .toBe(3);
    expect(await viewer.page.getByTestId("segments-preview").isDisabled()).toBe(
      true,
    );
    expect(
      await viewer.page.getByTestId("segments-apply-problem").textContent(),
    ).toContain("viewer");
  } finally {
    await viewer.context.close();
  }
});

test("replaced apply names who applied", async () => {
  // Ada applies her proposed k = 4, then Grace applies k = 3 over it.
  const page = ada.page;
  await page.getByTestId("segments-preview").click();
  await page.getByTestId("segments-apply").click();
  await expect
    .poll(() => storedDecision(grace.page), { timeout: PAGE_TIMEOUT_MS })
    .toEqual({ k: 4, appliedBy: "Ada" });

  await grace.page.getByTestId("segments-k").fill("3");
  await grace.page.getByTestId("segments-run").click();
  await expect
    .poll(() => grace.page.getByTestId("segments-row").count(), {
      timeout: PAGE_TIMEOUT_MS,
    })
    .toBe(3);
  // Ada looks at another section while Grace applies.
  await page.getByTestId("insights-tab-indicators").click();
  await grace.page.getByTestId("segments-preview").click();
  await grace.page.getByTestId("segments-apply").click();
  await expect
    .poll(() => storedDecision(page), { timeout: PAGE_TIMEOUT_MS })
    .toEqual({ k: 3, appliedBy: "Grace" });

  // Back in Segments, Ada is told whose segmentation is now in effect; Grace is not.
  await openSegments(page);
  const notice = page.getByTestId("segments-replaced");
  await notice.waitFor({ timeout: PAGE_TIMEOUT_MS });
  expect(await textOf(notice)).toMatch(
    /^The segmentation you applied at .+ was replaced by the one Grace applied at .+, which is now in effect\./,
  );
  expect(await grace.page.getByTestId("segments-replaced").count()).toBe(0);
  await saveScreenshot(page, "segments-replaced");

  // Ada's undo cannot take Grace's apply back, as the notice says.
  await page.evaluate(() => (document.activeElement as HTMLElement).blur());
  await page.keyboard.press("Control+z");
  expect(await storedDecision(page)).toEqual({ k: 3, appliedBy: "Grace" });

  await notice.getByRole("button", { name: "Dismiss" }).click();
  expect(await notice.count()).toBe(0);
});

test("100,000 accounts in the worker match Node", async () => {
  // The demo run above started the built worker, so its URL is known. The
  // test hands the generated accounts to that worker script directly.
  expect(workerUrl).not.toBeNull();
  const accounts = generateSegmentationAccounts();
  const features = ["potential", "population", "longitude", "latitude"];
  const expected = segmentAccounts(accounts, { k: 8, seed: 1 });

  const outcome = await ada.page.evaluate(
    async ({ url, accounts, features }) => {
      const worker = new Worker(url, { type: "module" });
      const fractions: number[] = [];
      let framesWhileRunning = 0;
      let running = true;
      const countFrames = () => {
        if (!running) return;
        framesWhileRunning++;
        requestAnimationFrame(countFrames);
      };
      requestAnimationFrame(countFrames);
      const result = await new Promise<{
        assignment: number[];
        model: unknown;
        silhouette: number;
      }>((resolve, reject) => {
        worker.onmessage = (event) => {
          const message = event.data;
          if (message.type === "progress") fractions.push(message.fraction);
          else if (message.type === "done")
            resolve({
              assignment: Array.from(message.result.assignment as Int32Array),
              model: message.result.model,
              silhouette: message.result.silhouette,
            });
          else reject(new Error(JSON.stringify(message)));
        };
        worker.onerror = (event) => reject(new Error(event.message));
        worker.postMessage({ type: "run", accounts, k: 8, seed: 1, features });
      });
      running = false;
      worker.terminate();
      return { ...result, fractions, framesWhileRunning };
    },
    { url: workerUrl!, accounts, features },
  );

  // Progress rises from 0 to 1 in several steps, and the page drew frames meanwhile.
  expect(outcome.fractions.length).toBeGreaterThan(2);
  expect(outcome.fractions[0]).toBe(0);
  expect(outcome.fractions.at(-1)).toBe(1);
  const sorted = [...outcome.fractions].sort((a, b) => a - b);
  expect(outcome.fractions).toEqual(sorted);
  expect(outcome.framesWhileRunning).toBeGreaterThan(1);

  // The same seed gives the same membership and silhouette as in Node.
  expect(outcome.silhouette).toBe(expected.silhouette);
  const assignment = Int32Array.from(outcome.assignment);
  let differing = 0;
  for (let i = 0; i < assignment.length; i++) {
    if (assignment[i] !== expected.assignment[i]) differing++;
  }
  expect(differing).toBe(0);
  const fromWorkerModel = assignByNearestCentroid(
    accounts,
    outcome.model as SegmentationModel,
  );
  expect(Array.from(fromWorkerModel)).toEqual(Array.from(expected.assignment));
});
