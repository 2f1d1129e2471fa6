import type { Page } from "playwright-core";
import { county, startAppServer } from "../test/e2e/app-server.ts";
import { launchBrowser } from "../test/e2e/browser.ts";
import { buildWebApp } from "../test/e2e/build-web.ts";
import {
  joinedContext,
  joinOverHttp,
  planUrl,
} from "../test/e2e/joined-session.ts";
import {
  dragBetween,
  selectTerritory,
  showArea,
  territoriesOn,
  waitForConnection,
  waitForMapReady,
} from "../test/e2e/plan-page.ts";
import { percentile, type BenchResult } from "./harness.ts";

// Kansas counties on one line of latitude (about 38.5°N), west to east, all
// West North Central in the demo plan. A drag from the first to the last
// crosses all seven. Strokes alternate them between Pacific and West North
// Central, so every stroke changes all seven.
const KANSAS_ROW = [
  "20071",
  "20203",
  "20171",
  "20101",
  "20135",
  "20165",
  "20009",
];
const TERRITORIES = ["demo-pacific", "demo-west-north-central"];
const WARMUP_STROKES = 5;
/** Pointer moves between press and release; Playwright sends each once the page handled the last. */
const DRAG_STEPS = 20;

/** Figures the painting page recorded for one stroke, in milliseconds of its `performance.now()`. */
interface StrokeRecord {
  pointerEvents: number;
  /** Sum over the stroke's pointer events of the time their handlers ran. */
  handlerMs: number;
  longestHandlerMs: number;
  /** Event Timing durations (input to next paint) of the stroke's pointer events of 16 ms or more. */
  eventDurations: number[];
  /** Time in long tasks (50 ms or more) from the press to the map's idle. */
  longTaskMs: number;
  /** From the press to the map's first idle after the stroke's last colour change. */
  downToIdleMs: number;
  /** From the stroke's last colour change to the map's next idle, which is the drawing of its last batch. */
  lastColorToIdleMs: number;
}

/**
 * Measures the painting page's own cost of a stroke, through the app's real paint
 * path: Playwright presses the mouse on the map, drags across seven
 * counties in 20 moves and releases, so the app's pointer handlers collect
 * the counties, write them in one transaction per animation frame and
 * colour the map. The page records, with listeners and performance
 * observers installed before the strokes:
 * - the time each pointer event's handlers ran, from a capture listener on
 *   the window to a listener on the map's canvas container added after the
 *   app's own. The microtasks that a handler queues (the plan mirror's
 *   refresh, the figures and the map colours after the release) run
 *   before the second listener, so they count. The writes in the
 *   animation frames during the drag do not count;
 * - Event Timing entries of those events: the time from the input to the
 *   next paint after it, reported only for events of 16 ms or more;
 * - long tasks from the press to the map's idle;
 * - the time of each county colour change (a wrapped `setFeatureState`),
 *   and of each MapLibre `idle`. The stroke is drawn at the first idle
 *   after its last colour change. The last animation frame of the drag
 *   often writes the last counties, so the release itself may change
 *   nothing and the map may be idle before it.
 * Headless Chromium with software WebGL on this machine, one page.
 */
export async function benchPaintLatency(strokes = 40): Promise<BenchResult> {
  await buildWebApp();
  const app = await startAppServer();
  const browser = await launchBrowser();

  try {
    const session = await joinOverHttp(app, "editor", "Painter");
    const context = await joinedContext(browser, app, session);
    const page = await context.newPage();
    await page.goto(planUrl(app));
    await waitForMapReady(page);
    await waitForConnection(page, "connected");
    await showArea(page, [-100.3, 38.5], 7);
    await installRecorder(page);

    const records: StrokeRecord[] = [];
    for (let i = 0; i < WARMUP_STROKES + strokes; i++) {
      const territoryId = TERRITORIES[i % 2];
      await selectTerritory(page, territoryId);
      await settle(page);
      const record = await stroke(page);
      const painted = await territoriesOn(page, KANSAS_ROW);
      if (painted.some((id) => id !== territoryId)) {
        throw new Error(
          `Stroke ${i + 1} left the Kansas row as ${painted.join(", ")}, not all ${territoryId}. Check that the map shows the row at the drag's points.`,
        );
      }
      if (i >= WARMUP_STROKES) records.push(record);
    }

    const pointerEvents = records.reduce((n, r) => n + r.pointerEvents, 0);
    const durations = records.flatMap((r) => r.eventDurations);
    return {
      name: `paint on the painting page, ${KANSAS_ROW.length} counties and ${DRAG_STEPS} pointer moves a stroke, ${strokes} strokes (headless Chromium, software WebGL)`,
      rows: [
        summary(
          "pointer handlers per stroke, summed",
          records.map((r) => r.handlerMs),
        ),
        summary(
          "slowest pointer handler of a stroke",
          records.map((r) => r.longestHandlerMs),
        ),
        summary(
          `input to next paint, ${durations.length} of ${pointerEvents} pointer events at 16 ms or more`,
          durations,
        ),
        summary(
          "long tasks per stroke, press to idle",
          records.map((r) => r.longTaskMs),
        ),
        summary(
          "press to map idle, stroke drawn",
          records.map((r) => r.downToIdleMs),
        ),
        summary(
          "last colour change to map idle",
          records.map((r) => r.lastColorToIdleMs),
        ),
      ],
    };
  } finally {
    await browser.close();
    await app.dispose();
  }
}

// Installs the listeners and observers that record pointer handler times,
// Event Timing entries, long tasks and map idles into `window.paintBench`.
async function installRecorder(page: Page): Promise<void> {
  // NOTE: The functions passed to page.evaluate declare no named inner
  // functions, because tsx wraps those in a `__name` helper that the page
  // does not have.
  await page.evaluate(() => {
    const map = window.meridian.map;
    if (!map) throw new Error("The map is not created yet.");
    const record = {
      handlers: [] as { type: string; start: number; end: number }[],
      events: [] as { start: number; duration: number }[],
      longTasks: [] as { start: number; duration: number }[],
      idles: [] as number[],
      colors: [] as number[],
      starts: new WeakMap<Event, number>(),
    };
    (window as unknown as { paintBench: typeof record }).paintBench = record;

    for (const type of ["pointerdown", "pointermove", "pointerup"]) {
      window.addEventListener(
        type,
        (event) => record.starts.set(event, performance.now()),
        { capture: true },
      );
      map.getCanvasContainer().addEventListener(type, (event) => {
        const start = record.starts.get(event);
        if (start === undefined) return;
        record.handlers.push({ type, start, end: performance.now() });
      });
    }
    // durationThreshold is in the Event Timing spec but not in TypeScript's
    // DOM types. 16 ms is the smallest value it accepts.
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.name.startsWith("pointer")) continue;
        record.events.push({
          start: entry.startTime,
          duration: entry.duration,
        });
      }
    }).observe({
      type: "event",
      durationThreshold: 16,
    } as PerformanceObserverInit);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        record.longTasks.push({
          start: entry.startTime,
          duration: entry.duration,
        });
      }
    }).observe({ type: "longtask" });
    map.on("idle", () => record.idles.push(performance.now()));
    const setFeatureState = map.setFeatureState.bind(map);
    map.setFeatureState = (feature, state) => {
      if ("color" in state) record.colors.push(performance.now());
      return setFeatureState(feature, state);
    };
  });
}

// Drags across the row, waits for the map's first idle after the stroke's
// last colour change, then waits for the page to settle so that the performance observers have
// delivered, and reads what the page recorded during the stroke.
async function stroke(page: Page): Promise<StrokeRecord> {
  const since = await page.evaluate(() => performance.now());
  await dragBetween(
    page,
    county(KANSAS_ROW[0]),
    county(KANSAS_ROW[KANSAS_ROW.length - 1]),
    DRAG_STEPS,
  );
  const { idleAt, lastColorAt } = await page.evaluate(async (from) => {
    const record = (
      window as unknown as {
        paintBench: { colors: number[]; idles: number[] };
      }
    ).paintBench;
    const colors = record.colors.filter((t) => t >= from);
    if (colors.length === 0) {
      throw new Error("The stroke changed no county colour on the map.");
    }
    const last = Math.max(...colors);
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline) {
      const idle = record.idles.find((t) => t > last);
      if (idle !== undefined) return { idleAt: idle, lastColorAt: last };
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error("The map did not become idle within 60 s of the stroke.");
  }, since);
  await settle(page);

  return page.evaluate(
    ({ from, to, lastColor }) => {
      const record = (
        window as unknown as {
          paintBench: {
            handlers: { type: string; start: number; end: number }[];
            events: { start: number; duration: number }[];
            longTasks: { start: number; duration: number }[];
          };
        }
      ).paintBench;
      const recorded = record.handlers.filter((h) => h.start >= from);
      const down = recorded.find((h) => h.type === "pointerdown");
      const up = recorded.find((h) => h.type === "pointerup");
      if (!down || !up) throw new Error("The stroke has no press or release.");
      // From the press to the release. The move to the first county before
      // the press is hover, not painting.
      const handlers = recorded.filter(
        (h) => h.start >= down.start && h.start <= up.start,
      );
      const times = handlers.map((h) => h.end - h.start);
      const longTaskMs = record.longTasks
        .filter((t) => t.start + t.duration > down.start && t.start < to)
        .reduce((sum, t) => sum + t.duration, 0);
      return {
        pointerEvents: handlers.length,
        handlerMs: times.reduce((sum, t) => sum + t, 0),
        longestHandlerMs: Math.max(...times),
        eventDurations: record.events
          .filter((e) => e.start >= from && e.start <= up.end)
          .map((e) => e.duration),
        longTaskMs,
        downToIdleMs: to - down.start,
        lastColorToIdleMs: to - lastColor,
      };
    },
    { from: since, to: idleAt, lastColor: lastColorAt },
  );
}

// NOTE: This wait is for the benchmark only, as in stroke-latency.ts. It
// polls until the page runs an animation frame within 50 ms, and gives up
// after 40 tries and goes on.
async function settle(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const start = performance.now();
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(resolve)),
    );
    if (performance.now() - start < 50) return;
  }
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
