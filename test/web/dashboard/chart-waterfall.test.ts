import { describe, expect, test } from "vitest";
import { deriveCapacity } from "../../../model/planning/derive.ts";
import type { PlanningInputs } from "../../../model/planning/inputs.ts";
import {
  waterfallData,
  type WaterfallStep,
} from "../../../web/dashboard/chart-waterfall.ts";
import { layoutColumns } from "../../../web/charts/column-layout.ts";
import { formatCompactMoney } from "../../../web/charts/compact-money.ts";
import { waterfallColumns } from "../../../web/dashboard/chart-waterfall-columns.ts";
import { planningFixture } from "../../model/planning/fixture.ts";

function stepsOf(inputs: PlanningInputs): WaterfallStep[] {
  const data = waterfallData(inputs);
  if (data.kind !== "steps") throw new Error(data.message);
  return data.steps;
}

function cents(steps: WaterfallStep[], key: WaterfallStep["key"]): number {
  return steps.find((step) => step.key === key)!.cents;
}

function modelCapacity(inputs: PlanningInputs): number {
  return deriveCapacity(inputs).capacity!.months.reduce(
    (sum, month) => sum + month.capacity.cents,
    0,
  );
}

/** The fixture with 12% attrition, a one-month backfill and a rep who starts in May. */
function busyPlan(): PlanningInputs {
  const inputs = planningFixture();
  inputs.roles = inputs.roles.map((role) => ({
    ...role,
    rampPercents: ["25", "50", "75", "100"],
    annualAttritionPercent: "12",
    backfillMonths: 1,
  }));
  inputs.reps.push({
    id: "may",
    name: "May",
    roleId: "ae",
    startDate: "2027-05-10",
    territoryId: "sea",
  });
  return inputs;
}

describe("waterfallData", () => {
  test("fixture steps in cents", () => {
    const steps = stepsOf(planningFixture());
    // Three ramped reps at 100,000.00 a month for twelve months.
    expect(cents(steps, "existing")).toBe(360_000_000);
    expect(cents(steps, "ramp")).toBe(0);
    // The April hire: 50% in April, then eight full months.
    expect(cents(steps, "hires")).toBe(85_000_000);
    expect(cents(steps, "attrition")).toBe(0);
    expect(cents(steps, "capacity")).toBe(445_000_000);
    expect(cents(steps, "target")).toBe(120_000_000);
  });

  test("surplus steps down to the target", () => {
    const steps = stepsOf(planningFixture());
    const gap = steps.find((step) => step.key === "gap")!;
    expect(gap.label).toBe("Surplus");
    expect(gap.cents).toBe(120_000_000 - 445_000_000);
  });

  test("steps add up to the model's capacity", () => {
    const inputs = busyPlan();
    const steps = stepsOf(inputs);
    const parts = ["existing", "ramp", "hires", "attrition"] as const;
    const sum = parts.reduce((total, key) => total + cents(steps, key), 0);
    expect(sum).toBe(modelCapacity(inputs));
    expect(cents(steps, "capacity")).toBe(modelCapacity(inputs));
    for (const step of steps) expect(Number.isInteger(step.cents)).toBe(true);
  });

  test("ramp and attrition take capacity", () => {
    const steps = stepsOf(busyPlan());
    expect(cents(steps, "ramp")).toBeLessThan(0);
    expect(cents(steps, "attrition")).toBeLessThan(0);
    expect(cents(steps, "hires")).toBeGreaterThan(0);
  });

  test("gap closes to the target", () => {
    const inputs = busyPlan();
    inputs.targets = inputs.targets.map((target) => ({
      ...target,
      amount: "2000000.00",
    }));
    const steps = stepsOf(inputs);
    expect(cents(steps, "target")).toBe(800_000_000);
    expect(cents(steps, "capacity") + cents(steps, "gap")).toBe(800_000_000);
    expect(steps.find((step) => step.key === "gap")!.label).toBe("Gap");
  });

  test("invalid role reports the issue", () => {
    const inputs = planningFixture();
    inputs.roles[0].rampPercents = ["50"];
    const data = waterfallData(inputs);
    expect(data.kind).toBe("missing");
    if (data.kind === "missing") {
      expect(data.message).toContain("Capacity view");
    }
  });

  test("empty plan says what to enter", () => {
    const inputs = { ...planningFixture(), targets: [], reps: [], hires: [] };
    const data = waterfallData(inputs);
    expect(data.kind).toBe("missing");
    if (data.kind === "missing") {
      expect(data.message).toContain("no target and no reps");
      expect(data.message).toContain("Targets view");
      expect(data.message).toContain("Capacity view");
    }
  });

  test("empty plan without roles says what to enter", () => {
    const inputs = {
      ...planningFixture(),
      targets: [],
      roles: [],
      reps: [],
      hires: [],
    };
    expect(waterfallData(inputs).kind).toBe("missing");
  });

  test("target without reps draws steps", () => {
    const inputs = { ...planningFixture(), reps: [], hires: [] };
    expect(waterfallData(inputs).kind).toBe("steps");
  });

  test("no inputs while opening", () => {
    expect(waterfallData(null)).toEqual({
      kind: "missing",
      message: "The plan is still opening.",
    });
  });
});

describe("waterfallColumns", () => {
  test("steps float on the running total", () => {
    const columns = waterfallColumns(stepsOf(busyPlan()), "USD");
    const byKey = new Map(columns.map((column) => [column.key, column]));
    expect(byKey.get("existing")!.from).toBe(0);
    expect(byKey.get("ramp")!.from).toBe(byKey.get("existing")!.to);
    expect(byKey.get("attrition")!.to).toBe(byKey.get("capacity")!.to);
    expect(byKey.get("capacity")!.from).toBe(0);
    expect(byKey.get("gap")!.to).toBe(byKey.get("target")!.to);
    expect(byKey.get("ramp")!.kind).toBe("decrease");
    expect(byKey.get("hires")!.kind).toBe("increase");
  });

  test("labels are signed and compact", () => {
    const columns = waterfallColumns(stepsOf(planningFixture()), "USD");
    expect(columns.find((c) => c.key === "hires")!.valueLabel).toBe("+$850K");
    expect(columns.find((c) => c.key === "capacity")!.valueLabel).toBe(
      "$4.45M",
    );
    expect(columns.find((c) => c.key === "gap")!.tooltip).toContain(
      "-$3,250,000.00",
    );
  });

  test("labels fit at 1024 and 1280", () => {
    const columns = waterfallColumns(stepsOf(planningFixture()), "USD");
    // The card is about 440 pixels wide in a 1024-pixel window and 600 in a
    // 1280-pixel one, where the charts sit two to a row.
    for (const width of [440, 600]) {
      const layout = layoutColumns(columns, {
        width,
        height: 340,
        title: "Capacity against target",
        formatTick: (value) => formatCompactMoney(value, "USD"),
      });
      for (const mark of layout.columns) {
        const cut = mark.label.filter((line) => line.truncated);
        expect(cut, `${mark.fullLabel} at ${width}`).toEqual([]);
      }
    }
  });
});
