import { describe, expect, test } from "vitest";
import type { BalanceRequest } from "../../web/plan/balance-request.ts";
import {
  BalanceCancelledError,
  BalanceRunner,
  type BalanceProgress,
  type BalanceWorker,
} from "../../web/plan/balance-runner.ts";
import {
  phaseLabel,
  runBalanceJob,
  type BalanceJobMessage,
  type BalanceJobRequest,
} from "../../web/workers/balance-job.ts";
import { realGraph, stateUnits } from "../model/optimize/fixtures.ts";

/** Iowa's 99 counties by population, as the Balance tab would send them. */
function iowaRequest(extra: Partial<BalanceRequest> = {}): BalanceRequest {
  const units = stateUnits("IA");
  const ids = new Set(units.map((u) => u.id));
  const shapes = units.map((unit) => {
    const i = realGraph.index(unit.id);
    const neighbours: [string, number][] = [];
    for (let k = realGraph.start[i]; k < realGraph.start[i + 1]; k++) {
      const id = realGraph.ids[realGraph.neighbour[k]];
      if (ids.has(id)) neighbours.push([id, realGraph.sharedKm[k]]);
    }
    return {
      id: unit.id,
      areaKm2: realGraph.areaKm2[i],
      perimeterKm: realGraph.perimeterKm[i],
      neighbours,
    };
  });
  return {
    shapes,
    unitIds: units.map((u) => u.id),
    weights: new Map(units.map((u) => [u.id, u.population])),
    territories: [{ id: "A" }, { id: "B" }, { id: "C" }],
    current: new Map(),
    fixedUnitIds: [],
    tolerancePercent: "5",
    mode: "scratch",
    seed: 1,
    ...extra,
  };
}

function runJob(request: BalanceRequest, now?: () => number) {
  const messages: BalanceJobMessage[] = [];
  runBalanceJob(request, (message) => messages.push(message), now);
  return messages;
}

function outcomeOf(messages: BalanceJobMessage[]) {
  const last = messages.at(-1);
  if (last?.type !== "done") throw new Error(`Run failed: ${last?.type}`);
  return last.outcome;
}

describe("runBalanceJob", () => {
  test("assigns every unit and reports the figures", () => {
    const outcome = outcomeOf(runJob(iowaRequest()));

    expect(outcome.assignment.size).toBe(99);
    expect(new Set(outcome.assignment.values())).toEqual(
      new Set(["A", "B", "C"]),
    );
    // Nothing is assigned before the run, so every total is 0.
    expect(outcome.maxDeviationBefore).toBeNull();
    expect(Number(outcome.maxDeviationAfter)).toBeLessThanOrEqual(5);
    expect(outcome.toleranceMet).toBe(true);
    expect(outcome.territories.map((t) => t.pieces)).toEqual([1, 1, 1]);
    expect(outcome.unitsMoved).toBe(99);
    expect(outcome.tolerancePercent).toBe("5");
  });

  test("same seed gives the same design", () => {
    const first = outcomeOf(runJob(iowaRequest({ seed: 3 })));
    const second = outcomeOf(runJob(iowaRequest({ seed: 3 })));
    expect([...second.assignment]).toEqual([...first.assignment]);
  });

  test("sends progress when the step changes or time passes", () => {
    // A clock that never moves: only step changes send progress.
    const still = runJob(iowaRequest(), () => 0);
    const labels = still
      .filter((m) => m.type === "progress")
      .map((m) => m.label);
    expect(labels[0]).toBe("Growing territories, attempt 1 of up to 8");
    expect(labels).toContain("Improving the balance, attempt 1 of up to 8");
    expect(new Set(labels).size).toBe(labels.length);

    // A clock that jumps 1 s per call sends every report.
    let time = 0;
    const moving = runJob(iowaRequest(), () => (time += 1_000));
    const count = (messages: BalanceJobMessage[]) =>
      messages.filter((m) => m.type === "progress").length;
    expect(count(moving)).toBeGreaterThan(count(still));
  });

  test("progress fractions rise", () => {
    let time = 0;
    const fractions = runJob(iowaRequest(), () => (time += 1_000))
      .filter((m) => m.type === "progress")
      .map((m) => m.fraction);
    for (let i = 1; i < fractions.length; i++) {
      expect(fractions[i]).toBeGreaterThan(fractions[i - 1]);
    }
  });

  test("keeps the counties of a locked territory", () => {
    const design = outcomeOf(runJob(iowaRequest())).assignment;
    const lockedUnits = [...design].filter(([, t]) => t === "A");
    const outcome = outcomeOf(
      runJob(
        iowaRequest({
          territories: [{ id: "A", locked: true }, { id: "B" }, { id: "C" }],
          current: design,
          tolerancePercent: "0.5",
          seed: 2,
        }),
      ),
    );

    const nowA = [...outcome.assignment].filter(([, t]) => t === "A");
    expect(nowA).toEqual(lockedUnits);
  });

  test("fails with the optimizer's message on invalid input", () => {
    const messages = runJob(
      iowaRequest({ current: new Map([["19001", "Z"]]) }),
    );
    expect(messages).toEqual([
      {
        type: "failed",
        message:
          'Unit "19001" is assigned to unknown territory "Z". List that territory or unassign the unit.',
      },
    ]);
  });

  test("keeps a design within the tolerance in minimize-disruption", () => {
    const design = outcomeOf(runJob(iowaRequest())).assignment;
    const outcome = outcomeOf(
      runJob(iowaRequest({ mode: "minimize-disruption", current: design })),
    );
    expect(outcome.unitsMoved).toBe(0);
    expect(outcome.maxDeviationBefore).toBe(outcome.maxDeviationAfter);
  });
});

describe("phaseLabel", () => {
  test("names the attempt only when there are several", () => {
    expect(phaseLabel({ step: "growing", attempt: 1, attempts: 1 })).toBe(
      "Growing territories",
    );
    expect(phaseLabel({ step: "improving", attempt: 2, attempts: 8 })).toBe(
      "Improving the balance, attempt 2 of up to 8",
    );
  });
});

/**
 * A stand-in for the worker: it runs the job on a later task, as a real
 * worker would, unless `hold` keeps it waiting.
 */
class FakeWorker implements BalanceWorker {
  onmessage: BalanceWorker["onmessage"] = null;
  onerror: BalanceWorker["onerror"] = null;
  terminated = false;
  posted: BalanceJobRequest[] = [];

  constructor(private readonly hold = false) {}

  postMessage(message: BalanceJobRequest): void {
    this.posted.push(message);
    if (this.hold) return;
    setTimeout(() => this.runNow(), 0);
  }

  runNow(): void {
    const request = this.posted.at(-1)!.request;
    let time = 0;
    runBalanceJob(
      request,
      (message) => {
        if (!this.terminated)
          this.onmessage?.({ data: message } as MessageEvent);
      },
      () => (time += 1_000),
    );
  }

  fail(message: string): void {
    this.onerror?.({ message } as ErrorEvent);
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe("BalanceRunner", () => {
  test("resolves with the outcome and terminates the worker", async () => {
    const workers: FakeWorker[] = [];
    const runner = new BalanceRunner(() => {
      workers.push(new FakeWorker());
      return workers.at(-1)!;
    });
    const progress: BalanceProgress[] = [];

    const outcome = await runner.run(iowaRequest(), (p) => progress.push(p));

    expect(outcome.assignment.size).toBe(99);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0].label).toBe("Growing territories, attempt 1 of up to 8");
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(true);
    expect(runner.running).toBe(false);
  });

  test("sends the request once", async () => {
    const worker = new FakeWorker();
    const runner = new BalanceRunner(() => worker);
    await runner.run(iowaRequest());
    expect(worker.posted).toHaveLength(1);
    expect(worker.posted[0].type).toBe("run");
  });

  test("cancel terminates the worker and rejects", async () => {
    const worker = new FakeWorker(true);
    const runner = new BalanceRunner(() => worker);
    const run = runner.run(iowaRequest());

    expect(runner.running).toBe(true);
    runner.cancel();

    await expect(run).rejects.toBeInstanceOf(BalanceCancelledError);
    expect(worker.terminated).toBe(true);
    expect(runner.running).toBe(false);
  });

  test("ignores messages after a cancel", async () => {
    const worker = new FakeWorker(true);
    const runner = new BalanceRunner(() => worker);
    const progress: BalanceProgress[] = [];
    const run = runner.run(iowaRequest(), (p) => progress.push(p));
    runner.cancel();
    worker.terminated = false;
    worker.runNow();

    await expect(run).rejects.toBeInstanceOf(BalanceCancelledError);
    expect(progress).toEqual([]);
  });

  test("rejects with the worker's failure message", async () => {
    const worker = new FakeWorker();
    const runner = new BalanceRunner(() => worker);
    const run = runner.run(iowaRequest({ tolerancePercent: "-1" }));
    await expect(run).rejects.toThrow(/Invalid tolerance "-1"/);
    expect(worker.terminated).toBe(true);
  });

  test("rejects when the worker cannot load", async () => {
    const worker = new FakeWorker(true);
    const runner = new BalanceRunner(() => worker);
    const run = runner.run(iowaRequest());
    worker.fail("Failed to fetch");
    await expect(run).rejects.toThrow(
      "The optimizer worker failed to run: Failed to fetch.",
    );
    expect(worker.terminated).toBe(true);
  });

  test("rejects a second run while one is in progress", async () => {
    const runner = new BalanceRunner(() => new FakeWorker(true));
    const first = runner.run(iowaRequest());
    await expect(runner.run(iowaRequest())).rejects.toThrow(
      /already in progress/,
    );
    runner.cancel();
    await expect(first).rejects.toBeInstanceOf(BalanceCancelledError);
  });

  test("dispose cancels and refuses new runs", async () => {
    let created = 0;
    const runner = new BalanceRunner(() => {
      created += 1;
      return new FakeWorker(true);
    });
    const run = runner.run(iowaRequest());
    runner.dispose();

    await expect(run).rejects.toBeInstanceOf(BalanceCancelledError);
    await expect(runner.run(iowaRequest())).rejects.toBeInstanceOf(
      BalanceCancelledError,
    );
    expect(created).toBe(1);
  });
});
