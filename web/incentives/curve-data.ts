import { MoneyDecimal } from "../../model/money.ts";
import {
  payoutCurve,
  type CurvePoint,
} from "../../model/incentives/payout/curve.ts";
import type {
  CompPlan,
  PlanComponent,
} from "../../model/incentives/payout/plan.ts";

/** Highest attainment the curve shows, as a fraction of quota. */
export const MAX_ATTAINMENT = "2";
/** Distance between curve points, as a fraction of quota (1%). */
const STEP = new MoneyDecimal("0.01");
/** How far below a step the curve takes an extra point, so a jump draws upright. */
const BEFORE_STEP = new MoneyDecimal("0.0001");

export type CurveMarkerKind = "tier" | "gate" | "bonus" | "cap";

/** A vertical marker at an attainment where the plan changes how it pays. */
export interface CurveMarker {
  key: string;
  kind: CurveMarkerKind;
  /** Attainment as a decimal fraction, such as "1.2". */
  attainment: string;
  label: string;
}

/** Everything the payout-curve chart draws, as exact decimal strings. */
export interface PayoutCurveData {
  quota: string;
  points: CurvePoint[];
  markers: CurveMarker[];
  /** The plan's total cap, drawn as a horizontal line, or null. */
  totalCap: string | null;
}

/**
 * Computes the payout curve of a plan from 0% to 200% attainment of a
 * period quota, with a point every 1% and one at each marker. A point just
 * below each marker makes a retroactive tier or a bonus draw as a step.
 * Raises PayoutPlanError or PayoutInputError from the payout model.
 */
export function payoutCurveData(
  plan: CompPlan,
  quota: string,
): PayoutCurveData {
  const markers = curveMarkers(plan, quota);
  const attainments = curveAttainments(markers);
  return {
    quota,
    points: payoutCurve(plan, quota, attainments),
    markers,
    totalCap: plan.totalCap ?? null,
  };
}

/**
 * Lists the markers inside the curve's range, above 0% and up to 200%:
 * tier boundaries, gates, bonus thresholds, and the attainment where a
 * component first reaches its cap.
 */
export function curveMarkers(plan: CompPlan, quota: string): CurveMarker[] {
  const markers = plan.components.flatMap((component) =>
    componentMarkers(component, quota),
  );
  return markers
    .filter((marker) => inRange(marker.attainment))
    .sort((a, b) => new MoneyDecimal(a.attainment).comparedTo(b.attainment));
}

function componentMarkers(
  component: PlanComponent,
  quota: string,
): CurveMarker[] {
  const markers: CurveMarker[] = [];
  const name = component.label;
  if (component.type === "tiered") {
    component.bands.forEach((band, index) => {
      if (index === 0) return;
      markers.push({
        key: `${component.id}:tier:${index}`,
        kind: "tier",
        attainment: band.from,
        label: `${name} tier ${percentText(band.from)}`,
      });
    });
  }
  if (component.type === "bonus") {
    markers.push({
      key: `${component.id}:bonus`,
      kind: "bonus",
      attainment: component.threshold,
      label: `${name} at ${percentText(component.threshold)}`,
    });
  }
  if (component.gate !== undefined) {
    markers.push({
      key: `${component.id}:gate`,
      kind: "gate",
      attainment: component.gate,
      label: `${name} gate ${percentText(component.gate)}`,
    });
  }
  const capAt = capAttainment(component, quota);
  if (capAt !== null) {
    markers.push({
      key: `${component.id}:cap`,
      kind: "cap",
      attainment: capAt,
      label: `${name} cap`,
    });
  }
  return markers;
}

/**
 * Finds the first 1% step at which the component, without its cap, earns
 * its cap or more. Returns null without a cap or when the cap is not
 * reached by 200%.
 */
function capAttainment(component: PlanComponent, quota: string): string | null {
  if (component.cap === undefined || component.type === "spif") return null;
  const { cap, ...uncapped } = component;
  const steps = stepAttainments();
  const curve = payoutCurve({ components: [uncapped] }, quota, steps);
  const reached = curve.find((point) =>
    new MoneyDecimal(point.earnings).greaterThanOrEqualTo(cap),
  );
  return reached === undefined || reached.attainment === "0"
    ? null
    : reached.attainment;
}

/** Lists the curve's attainments in ascending order without repeats. */
export function curveAttainments(markers: readonly CurveMarker[]): string[] {
  const values = stepAttainments().map((text) => new MoneyDecimal(text));
  for (const marker of markers) {
    const at = new MoneyDecimal(marker.attainment);
    values.push(at);
    if (at.greaterThan(BEFORE_STEP)) values.push(at.minus(BEFORE_STEP));
  }
  values.sort((a, b) => a.comparedTo(b));

  const texts: string[] = [];
  for (const value of values) {
    const text = value.toFixed();
    if (texts[texts.length - 1] !== text) texts.push(text);
  }
  return texts;
}

function stepAttainments(): string[] {
  const count = new MoneyDecimal(MAX_ATTAINMENT).dividedBy(STEP).toNumber();
  return Array.from({ length: count + 1 }, (_, index) =>
    STEP.times(index).toFixed(),
  );
}

function inRange(attainment: string): boolean {
  const value = new MoneyDecimal(attainment);
  return value.greaterThan(0) && value.lessThanOrEqualTo(MAX_ATTAINMENT);
}

/** Formats a fraction of quota as a percent, such as "1.25" as "125%". */
export function percentText(fraction: string): string {
  return `${new MoneyDecimal(fraction).times(100).toFixed()}%`;
}
