import { MoneyDecimal } from "../../model/money.ts";
import type { FiscalYear } from "../../model/plan/periods.ts";
import { MAX_COMP_PLAN_NAME } from "../../model/doc/incentives-edits.ts";
import type {
  CompPlan,
  PlanComponent,
  TierBand,
  TieredComponent,
} from "../../model/incentives/payout/plan.ts";
import { compPlanFor } from "../../model/incentives/plan-assignment.ts";
import type {
  CompPlanRecord,
  IncentiveInputs,
} from "../../model/incentives/plan-inputs.ts";

/**
 * Plain edits of a comp plan record for the designer. Each returns a new
 * value and leaves the one given unchanged. The document checks the
 * result when it is saved with setCompPlan.
 */

export type ComponentKind = PlanComponent["type"];

export const COMPONENT_KINDS: { kind: ComponentKind; label: string }[] = [
  { kind: "commission", label: "Commission" },
  { kind: "tiered", label: "Tiered rate table" },
  { kind: "bonus", label: "Bonus" },
  { kind: "spif", label: "SPIF" },
];

/**
 * Returns the first and last day of a fiscal year, or of the calendar
 * year `fallbackYear` when the plan has no fiscal year yet.
 */
export function fiscalYearDates(
  year: FiscalYear | null,
  fallbackYear: number,
): DateRange {
  const first = year?.months[0];
  const last = year?.months[year.months.length - 1];
  if (first === undefined || last === undefined) {
    return { from: `${fallbackYear}-01-01`, to: `${fallbackYear}-12-31` };
  }
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(
    Date.UTC(last.calendarYear, last.calendarMonth, 0),
  ).getUTCDate();
  return {
    from: `${first.calendarYear}-${pad(first.calendarMonth)}-01`,
    to: `${last.calendarYear}-${pad(last.calendarMonth)}-${pad(lastDay)}`,
  };
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** Builds a new comp plan that pays 5% commission, so it is valid from the start. */
export function newCompPlan(
  id: string,
  name: string,
  roleIds: readonly string[],
): CompPlanRecord {
  return {
    id,
    name,
    roleIds: [...roleIds],
    plan: { components: [newComponent("commission", [])] },
  };
}

/**
 * Copies a plan under a new id, named "Copy of <name>" cut to the longest
 * name a plan may have. The copy pays no role yet, so reps stay on the
 * original until someone assigns the copy.
 */
export function duplicateCompPlan(
  record: CompPlanRecord,
  id: string,
): CompPlanRecord {
  const name = `Copy of ${record.name}`.slice(0, MAX_COMP_PLAN_NAME);
  return { id, name, roleIds: [], plan: structuredClone(record.plan) };
}

/** Returns the record with its plan replaced. */
export function withPlan(
  record: CompPlanRecord,
  plan: CompPlan,
): CompPlanRecord {
  return { ...record, plan };
}

/** First and last day of a date range, "YYYY-MM-DD". */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * Builds a component of a kind with an id unused by `existing` and a
 * sample rule that passes validatePlan. A SPIF runs over `spifDates`,
 * such as the fiscal year, for a product named "New product".
 */
export function newComponent(
  kind: ComponentKind,
  existing: readonly PlanComponent[],
  spifDates: DateRange = { from: "2027-01-01", to: "2027-12-31" },
): PlanComponent {
  const ids = new Set(existing.map((component) => component.id));
  let number = 1;
  while (ids.has(`${kind}-${number}`)) number += 1;
  const id = `${kind}-${number}`;
  const label = COMPONENT_KINDS.find((k) => k.kind === kind)?.label ?? kind;

  switch (kind) {
    case "commission":
      return { id, label, type: "commission", rate: "0.05" };
    case "tiered":
      return {
        id,
        label,
        type: "tiered",
        mode: "marginal",
        bands: [
          { from: "0", to: "1", rate: "0.05" },
          { from: "1", rate: "0.08" },
        ],
      };
    case "bonus":
      return { id, label, type: "bonus", threshold: "1", amount: "1000" };
    case "spif":
      return {
        id,
        label,
        type: "spif",
        product: "New product",
        from: spifDates.from,
        to: spifDates.to,
        perDeal: "100",
      };
  }
}

/** Returns the plan with the component at `index` replaced. */
export function replaceComponent(
  plan: CompPlan,
  index: number,
  component: PlanComponent,
): CompPlan {
  const components = plan.components.map((c, i) =>
    i === index ? component : c,
  );
  return { ...plan, components };
}

/** Returns the plan without the component at `index`. */
export function removeComponent(plan: CompPlan, index: number): CompPlan {
  return {
    ...plan,
    components: plan.components.filter((_, i) => i !== index),
  };
}

/**
 * Sets an optional text field: blank text removes it, so "no cap" and
 * "no draw" are written as a missing field, as the plan model expects.
 */
export function withOptional<T extends object, K extends keyof T>(
  value: T,
  key: K,
  text: string,
): T {
  const copy = { ...value };
  if (text.trim() === "") delete copy[key];
  else copy[key] = text.trim() as T[K];
  return copy;
}

/**
 * Sets the end of band `index`, and the start of the next band with it,
 * so the table stays contiguous as the model requires.
 */
export function setBandEnd(
  component: TieredComponent,
  index: number,
  to: string,
): TieredComponent {
  const bands = component.bands.map((band, i) => {
    if (i === index) return { ...band, to };
    if (i === index + 1) return { ...band, from: to };
    return band;
  });
  return { ...component, bands };
}

/** Sets the rate of band `index`. */
export function setBandRate(
  component: TieredComponent,
  index: number,
  rate: string,
): TieredComponent {
  const bands = component.bands.map((band, i) =>
    i === index ? { ...band, rate } : band,
  );
  return { ...component, bands };
}

/** Width given to the band that adding a band closes, as a fraction of quota. */
const NEW_BAND_WIDTH = "0.25";

/**
 * Adds a band above the last one: the open last band now ends 25% of
 * quota above its start (at 100% when it starts at 0), and the new open
 * band starts there with the same rate.
 */
export function addBand(component: TieredComponent): TieredComponent {
  const bands = [...component.bands];
  const last = bands[bands.length - 1];
  if (last === undefined) {
    return { ...component, bands: [{ from: "0", rate: "0" }] };
  }
  const start = new MoneyDecimal(last.from);
  const end = start.isZero() ? new MoneyDecimal(1) : start.plus(NEW_BAND_WIDTH);
  const closed: TierBand = { ...last, to: end.toFixed() };
  const opened: TierBand = { from: end.toFixed(), rate: last.rate };
  return { ...component, bands: [...bands.slice(0, -1), closed, opened] };
}

/**
 * Removes band `index` and joins its range to a neighbour: the band
 * before it takes its end (so removing the last band leaves the one
 * before open above), and removing the first band makes the next start
 * at 0.
 */
export function removeBand(
  component: TieredComponent,
  index: number,
): TieredComponent {
  const bands = component.bands.map((band) => ({ ...band }));
  const [removed] = bands.splice(index, 1);
  if (removed === undefined) return component;

  if (index === 0 && bands.length > 0) {
    bands[0].from = removed.from;
  } else if (index > 0) {
    const before = bands[index - 1];
    if (removed.to === undefined) delete before.to;
    else before.to = removed.to;
  }
  return { ...component, bands };
}

/**
 * Converts a percent typed in the designer, such as "120", to the
 * fraction the plan stores, "1.2". Text that is not a decimal number is
 * returned unchanged, so the model's check names it in its message.
 */
export function percentToFraction(text: string): string {
  const trimmed = text.trim().replace(/%$/, "").trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return trimmed;
  return new MoneyDecimal(trimmed).dividedBy(100).toFixed();
}

/** Shows a stored fraction as a percent, such as "1.2" as "120". */
export function fractionToPercent(fraction: string | undefined): string {
  if (fraction === undefined || fraction === "") return "";
  if (!/^-?\d+(\.\d+)?$/.test(fraction)) return fraction;
  return new MoneyDecimal(fraction).times(100).toFixed();
}

/** Returns how many of the reps this plan pays, by the rule of compPlanFor. */
export function countRepsPaid(
  record: CompPlanRecord,
  inputs: IncentiveInputs,
  reps: readonly { id: string; roleId: string }[],
): number {
  return reps.filter((rep) => compPlanFor(inputs, rep)?.id === record.id)
    .length;
}
