import { performance } from "node:perf_hooks";
import type { Page } from "playwright-core";
import { startAppServer } from "../test/e2e/app-server.ts";
import { launchBrowser } from "../test/e2e/browser.ts";
import { buildWebApp } from "../test/e2e/build-web.ts";
import {
  joinedContext,
  joinOverHttp,
  planUrl,
} from "../test/e2e/joined-session.ts";
import { waitForConnection, waitForMapReady } from "../test/e2e/plan-page.ts";
import { percentile, type BenchResult } from "./harness.ts";

// Ten Kansas counties, all West North Central in the demo plan. Strokes
// alternate them between Pacific and West North Central, so every stroke
// changes all ten.
const STROKE_UNITS = [
  "20071",
  "20203",
  "20171",
  "20101",
  "20135",
  "20165",
  "20009",
  "20159",
  "20113",
  "20115",
];
const TERRITORIES = ["demo-pacific", "demo-west-north-central"];
const WARMUP_STROKES = 10;
/** Gap between strokes in the paced run: 20 strokes a second, like a fast drag. */
const PACED_GAP_MS = 50;

/** Times the observing page records for one remote update, in epoch milliseconds. */
interface Arrival {
  appliedAt: number;
  drawnAt: number | null;
}

/**
 * Latency of a stroke from one editor to another through the sync server,
 * two pages in separate contexts of one headless Chromium on this machine.
 * Page A calls `window.meridian.paint` on ten counties and stamps the time
 * just before. Page B stamps the time its Y.Doc applied the remote update
 * and, in the sequential run, the time its map was next idle (the stroke
 * drawn). Both stamps are `performance.timeOrigin + performance.now()`.
 * - sequential: A paints the next stroke once B has drawn the last one and
 *   both pages answer within a frame again;
 * - paced: A paints every 50 ms without waiting for B, so B applies
 *   strokes while it draws earlier ones.
 * With software WebGL, drawing the map blocks a page's main thread for a
 * few hundred milliseconds after MapLibre's `idle` (Chromium reads the
 * WebGL canvas back for software compositing), and an update that arrives
 * meanwhile waits. The sequential run waits that out, so it measures the
 * transport and the apply, and the paced run shows the wait.
 */
export async function benchStrokeLatency(strokes = 200): Promise<BenchResult> {
  await buildWebApp();
  const app = await startAppServer();
  const browser = await launchBrowser();

  try {
    const [sender, observer] = await Promise.all([
      openJoined("Sender"),
      openJoined("Observer"),
    ]);
    const arrivals: Arrival[] = [];
    let onArrival: (() => void) | null = null;
    await observer.exposeFunction("reportArrival", (arrival: Arrival) => {
      arrivals.push(arrival);
      onArrival?.();
    });
    const arrivalCount = (count: number) =>
      new Promise<void>((resolve) => {
        onArrival = () => {
          if (arrivals.length < count) return;
          onArrival = null;
          resolve();
        };
        onArrival();
      });

    // Sequential: one stroke in flight, each drawn by B before the next.
    await watchRemoteUpdates(observer, true);
    const sequential: { sentAt: number; paintMs: number }[] = [];
    for (let i = 0; i < WARMUP_STROKES + strokes; i++) {
      await settle(sender);
      await settle(observer);
      const arrived = arrivalCount(i + 1);
      const stamp = await paint(sender, TERRITORIES[i % 2]);
      await arrived;
      if (i >= WARMUP_STROKES) sequential.push(stamp);
    }
    const sequentialArrivals = arrivals.slice(WARMUP_STROKES);

    // Paced: A paints on a timer inside its page, and B only stamps arrivals.
    await watchRemoteUpdates(observer, false);
    arrivals.length = 0;
    const allArrived = arrivalCount(strokes);
    const pacedSent = await sender.evaluate(
      async ({ count, gapMs, units, territories }) => {
        const sent: number[] = [];
        // Start with the territory the sequential run did not end on.
        const offset = units.every(
          (id) => window.meridian.planDoc?.territoryOf(id) === territories[0],
        )
          ? 1
          : 0;
        for (let i = 0; i < count; i++) {
          sent.push(performance.timeOrigin + performance.now());
          window.meridian.paint(units, territories[(i + offset) % 2]);
          await new Promise((resolve) => setTimeout(resolve, gapMs));
        }
        return sent;
      },
      {
        count: strokes,
        gapMs: PACED_GAP_MS,
        units: STROKE_UNITS,
        territories: TERRITORIES,
      },
    );
    await allArrived;

    const applied = sequential.map(
      (stamp, i) => sequentialArrivals[i].appliedAt - stamp.sentAt,
    );
    const drawn = sequential.map(
      (stamp, i) => (sequentialArrivals[i].drawnAt ?? NaN) - stamp.sentAt,
    );
    const paced = pacedSent.map((sentAt, i) => arrivals[i].appliedAt - sentAt);
    return {
      name: `stroke latency between two editors, ${STROKE_UNITS.length} counties a stroke, ${strokes} strokes (headless Chromium, one machine)`,
      rows: [
        summary("sequential: applied in B's document", applied),
        summary("sequential: drawn on B's map (MapLibre idle)", drawn),
        summary(
          "sequential: A's paint() call",
          sequential.map((s) => s.paintMs),
        ),
        summary(
          `paced every ${PACED_GAP_MS} ms: applied in B's document`,
          paced,
        ),
      ],
    };
  } finally {
    await browser.close();
    await app.dispose();
  }

  async function openJoined(name: string): Promise<Page> {
    const session = await joinOverHttp(app, "editor", name);
    const context = await joinedContext(browser, app, session);
    const page = await context.newPage();
    await page.goto(planUrl(app));
    await waitForMapReady(page);
    await waitForConnection(page, "connected");
    return page;
  }
}

// Stamps every update B's document receives from the server and reports it
// to the benchmark. With `waitForDraw` it also stamps the map's next idle
// after the update. A second call replaces the listener of the first.
async function watchRemoteUpdates(
  page: Page,
  waitForDraw: boolean,
): Promise<void> {
  // The listener is a property, not a named const, because tsx wraps named
  // inner functions in a `__name` helper that the page does not have.
  await page.evaluate((drawn) => {
    const { doc, provider } = window.meridian;
    if (!doc || !provider) throw new Error("The plan is not open yet.");
    const holder = window as unknown as {
      onRemoteUpdate?: (update: Uint8Array, origin: unknown) => void;
      reportArrival: (arrival: {
        appliedAt: number;
        drawnAt: number | null;
      }) => Promise<void>;
    };
    if (holder.onRemoteUpdate) doc.off("update", holder.onRemoteUpdate);
    holder.onRemoteUpdate = (_update, origin) => {
      if (origin !== provider) return;
      const appliedAt = performance.timeOrigin + performance.now();
      if (!drawn) {
        void holder.reportArrival({ appliedAt, drawnAt: null });
        return;
      }
      void window.meridian.whenMapIdle().then(() =>
        holder.reportArrival({
          appliedAt,
          drawnAt: performance.timeOrigin + performance.now(),
        }),
      );
    };
    doc.on("update", holder.onRemoteUpdate);
  }, waitForDraw);
}

// NOTE: This wait is for the benchmark only. It polls until the page runs
// an animation frame within 50 ms, so its main thread no longer waits on
// drawing, and it gives up after 40 tries and goes on.
async function settle(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const start = performance.now();
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(resolve)),
    );
    if (performance.now() - start < 50) return;
  }
}

async function paint(
  page: Page,
  territoryId: string,
): Promise<{ sentAt: number; paintMs: number }> {
  return page.evaluate(
    ({ units, territoryId }) => {
      const start = performance.now();
      window.meridian.paint(units, territoryId);
      return {
        sentAt: performance.timeOrigin + start,
        paintMs: performance.now() - start,
      };
    },
    { units: STROKE_UNITS, territoryId },
  );
}

function summary(measure: string, values: number[]) {
  const round = (ms: number) => Number(ms.toFixed(1));
  return {
    measure,
    samples: values.length,
    "p50 (ms)": round(percentile(values, 50)),
    "p95 (ms)": round(percentile(values, 95)),
    "p99 (ms)": round(percentile(values, 99)),
    "max (ms)": round(Math.max(...values)),
  };
}
