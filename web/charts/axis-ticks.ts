import type { ScaleLinear } from "d3";
import { formatCompactMoney } from "./compact-money.ts";
import { estimateTextWidth, type TextMeasure } from "./text-fit.ts";

/** A tick on a money axis: where it sits and its compact label. */
export interface MoneyTick {
  value: number;
  position: number;
  label: string;
}

/** Minimum space between ticks on a money axis, in pixels. */
export const TICK_SPACING = 48;
const LABEL_GAP = 8;

/**
 * Returns the scale's round ticks with compact money labels, about one per
 * TICK_SPACING pixels of `length` and never fewer than two.
 */
export function moneyTicks(
  scale: ScaleLinear<number, number>,
  length: number,
  currency: string,
): MoneyTick[] {
  const count = Math.max(2, Math.floor(length / TICK_SPACING));
  return ticksOf(scale, count, currency);
}

/**
 * Returns ticks for a horizontal money axis, asking the scale for fewer
 * ticks until no two centred labels at `fontSize` come closer than 8 pixels.
 */
export function horizontalMoneyTicks(
  scale: ScaleLinear<number, number>,
  length: number,
  currency: string,
  fontSize: number,
  measure: TextMeasure = estimateTextWidth,
): MoneyTick[] {
  let count = Math.max(2, Math.floor(length / TICK_SPACING));
  let ticks = ticksOf(scale, count, currency);
  while (count > 1 && !labelsFit(ticks, fontSize, measure)) {
    count -= 1;
    ticks = ticksOf(scale, count, currency);
  }
  return ticks;
}

function ticksOf(
  scale: ScaleLinear<number, number>,
  count: number,
  currency: string,
): MoneyTick[] {
  return scale.ticks(count).map((value) => ({
    value,
    position: scale(value),
    label: formatCompactMoney(value, currency),
  }));
}

function labelsFit(
  ticks: readonly MoneyTick[],
  fontSize: number,
  measure: TextMeasure,
): boolean {
  return ticks.every((tick, index) => {
    if (index === 0) return true;
    const previous = ticks[index - 1];
    const halfWidths =
      (measure(previous.label, fontSize) + measure(tick.label, fontSize)) / 2;
    return tick.position - previous.position >= halfWidths + LABEL_GAP;
  });
}
