import type { CapacityResult } from "../../model/capacity/capacity.ts";
import { yearTarget } from "../../model/plan/targets.ts";
import {
  deriveCapacity,
  type CapacityModel,
} from "../../model/planning/derive.ts";
import type { PlanningInputs } from "../../model/planning/inputs.ts";

/** A step of the capacity waterfall, in integer cents. */
export interface WaterfallStep {
  key:
    "existing" | "ramp" | "hires" | "attrition" | "capacity" | "gap" | "target";
  label: string;
  /** Change of the running total, or the total itself for "capacity" and "target". */
  cents: number;
  /** True for a bar that rises from zero: capacity and target. */
  total: boolean;
  /** Explanation of the computation, for the tooltip and the table. */
  explanation: string;
}

/** The waterfall from existing reps to the year's target, or why it cannot be drawn. */
export type WaterfallData =
  | { kind: "steps"; yearId: string; steps: WaterfallStep[] }
  | { kind: "missing"; message: string };

/**
 * Decomposes the year's capacity into steps, each the difference of two
 * runs of the capacity model (model/capacity) over the same fiscal year:
 *
 * 1. existing reps fully ramped: reps only, every ramp month at
 *    100% and no attrition;
 * 2. ramp of existing reps: reps only with their ramp, minus step 1;
 * 3. planned hires: reps and hires with their ramp, no attrition, minus
 *    the run of step 2;
 * 4. attrition net of backfills: the plan's own run minus the run of step 3.
 *
 * Every run rounds each role's month to the cent as the model does, so each
 * step is a whole number of cents and the four add up to the capacity the
 * Capacity view shows. The gap is the year's target minus that capacity.
 */
export function waterfallData(inputs: PlanningInputs | null): WaterfallData {
  if (inputs === null) {
    return { kind: "missing", message: "The plan is still opening." };
  }
  const actual = deriveCapacity(inputs);
  const capacity = actual.capacity;
  if (capacity === null || actual.targets === null) {
    const issue = actual.issues[0]?.message ?? "";
    return {
      kind: "missing",
      message:
        `Capacity against target needs valid targets and capacity inputs. ${issue} Fix it in the Targets or Capacity view.`.trim(),
    };
  }

  const target = yearTarget(actual.targets).cents;
  if (target === 0 && inputs.reps.length === 0 && inputs.hires.length === 0) {
    return {
      kind: "missing",
      message: `The plan has no target and no reps for ${capacity.year.id} yet. Enter the year's targets in the Targets view and the reps in the Capacity view to compare capacity with the target.`,
    };
  }

  const noAttrition = inputs.roles.map((role) => ({
    ...role,
    annualAttritionPercent: "0",
  }));
  const fullyRamped = noAttrition.map((role) => ({
    ...role,
    rampPercents: ["100"],
  }));
  const full = yearCents(
    deriveCapacity({ ...inputs, roles: fullyRamped, hires: [] }),
  );
  const ramped = yearCents(
    deriveCapacity({ ...inputs, roles: noAttrition, hires: [] }),
  );
  const withHires = yearCents(
    deriveCapacity({ ...inputs, roles: noAttrition }),
  );
  const total = sumCapacity(capacity);
  const gap = target - total;

  return {
    kind: "steps",
    yearId: capacity.year.id,
    steps: [
      {
        key: "existing",
        // Short enough to wrap in three lines under a column at 1024 px.
        label: "Existing reps fully ramped",
        cents: full,
        total: false,
        explanation:
          "Reps on the team, every month at 100% of productivity from their start, no attrition",
      },
      {
        key: "ramp",
        label: "Ramp of existing reps",
        cents: ramped - full,
        total: false,
        explanation:
          "Capacity the ramp curve takes from reps still ramping, no attrition",
      },
      {
        key: "hires",
        label: "Planned hires",
        cents: withHires - ramped,
        total: false,
        explanation:
          "Planned hires and open seats from their start month, with their ramp, no attrition",
      },
      {
        key: "attrition",
        label: "Attrition net of backfills",
        cents: total - withHires,
        total: false,
        explanation:
          "Expected leavers less the backfills that start after the role's backfill months",
      },
      {
        key: "capacity",
        label: "Capacity",
        cents: total,
        total: true,
        explanation: "Sum of the monthly capacity of the Capacity view",
      },
      {
        key: "gap",
        label: gap >= 0 ? "Gap" : "Surplus",
        cents: gap,
        total: false,
        explanation:
          gap >= 0
            ? "Target minus capacity: bookings the plan does not yet cover"
            : "Capacity above the target, shown as a step down to the target",
      },
      {
        key: "target",
        label: "Target",
        cents: target,
        total: true,
        explanation: "Sum of the year's monthly targets over every segment",
      },
    ],
  };
}

function yearCents(model: CapacityModel): number {
  if (model.capacity === null) {
    throw new Error(
      `Capacity could not be decomposed: ${model.issues[0]?.message ?? "the capacity inputs are invalid"}. Fix it in the Capacity view.`,
    );
  }
  return sumCapacity(model.capacity);
}

function sumCapacity(capacity: CapacityResult): number {
  const total = capacity.months.reduce(
    (sum, month) => sum + month.capacity.cents,
    0,
  );
  if (!Number.isSafeInteger(total)) {
    throw new RangeError(
      `Capacity of ${capacity.year.id} is ${total} cents, beyond the safe-integer range, so it cannot be decomposed exactly. Check the roles' productivity.`,
    );
  }
  return total;
}
