import {
  interpolateCividis,
  interpolatePuOr,
  scaleDiverging,
  scaleSequential,
  ticks as niceTicks,
} from "d3";
import { AXIS_FONT_SIZE } from "./marks.ts";
import { estimateTextWidth, type TextMeasure } from "./text-fit.ts";

/**
 * Colour scales for shading a map. Sequential values use cividis, which the
 * d3-scale-chromatic docs describe as a colour scheme optimised for colour
 * vision deficiency (designed by Nuñez, Anderton and Renslow). Signed values
 * use purple-orange (ColorBrewer PuOr), which avoids the red-green pair.
 */
export interface ColorRamp {
  diverging: boolean;
  /** Lowest and highest value of the scale; symmetric around zero when diverging. */
  domain: [number, number];
  color: (value: number) => string;
  /** Colours from low to high, for a gradient. */
  stops: { offset: number; color: string }[];
}

/** Fill of a territory that has no value of the metric. */
export const MISSING_FILL = "#ffffff";

const STOP_COUNT = 11;
// Cividis starts at a dark navy; starting a little in keeps the lowest
// counties distinct from the map's borders.
const SEQUENTIAL_START = 0.08;

/** Builds a sequential ramp over the values, or a diverging ramp symmetric around zero. */
export function colorRamp(
  values: readonly number[],
  diverging: boolean,
): ColorRamp {
  if (diverging) {
    const extent = Math.max(1, ...values.map((v) => Math.abs(v)));
    // d3's PuOr runs from purple at 0 to orange at 1, so values below
    // zero read purple and values above read orange.
    const scale = scaleDiverging(interpolatePuOr).domain([-extent, 0, extent]);
    return {
      diverging,
      domain: [-extent, extent],
      color: (value) => scale(value),
      stops: stopsOf((t) => interpolatePuOr(t)),
    };
  }
  const low = Math.min(...values, Infinity);
  const high = Math.max(...values, -Infinity);
  const domain: [number, number] =
    values.length === 0 ? [0, 1] : low === high ? [low, low + 1] : [low, high];
  const interpolate = (t: number) =>
    interpolateCividis(SEQUENTIAL_START + t * (1 - SEQUENTIAL_START));
  const scale = scaleSequential(interpolate).domain(domain);
  return {
    diverging,
    domain,
    color: (value) => scale(value),
    stops: stopsOf(interpolate),
  };
}

function stopsOf(interpolate: (t: number) => string) {
  return Array.from({ length: STOP_COUNT }, (_, index) => {
    const offset = index / (STOP_COUNT - 1);
    return { offset, color: interpolate(offset) };
  });
}

/**
 * Places the ticks of a colour legend. Both ends get a tick, or only the low
 * end when the two format alike. Round values between them are added, each
 * with its own label, as long as they stay 8 pixels apart.
 */
export function legendTicks(
  ramp: ColorRamp,
  length: number,
  format: (value: number) => string,
  measure: TextMeasure = estimateTextWidth,
): { position: number; label: string; anchor: "start" | "middle" | "end" }[] {
  const [low, high] = ramp.domain;
  const position = (value: number) => ((value - low) / (high - low)) * length;
  const place = (value: number, anchor: "start" | "middle" | "end") => ({
    position: position(value),
    label: format(value),
    anchor,
  });
  const ends = [place(low, "start"), place(high, "end")];
  // Ends that format alike, as in "$0" and "$0" for a span under a dollar,
  // would read as a scale without a range, so only the low end is labelled.
  if (ends[0].label === ends[1].label) return [ends[0]];
  for (let count = 6; count >= 1; count--) {
    // Inner ticks that would touch an end label are dropped first, so a
    // round value near an end does not cost every other tick. A tick whose
    // label repeats another label is dropped too.
    const inner = niceTicks(low, high, count)
      .filter((value) => value > low && value < high)
      .map((value) => place(value, "middle"))
      .filter(
        (tick, index, all) =>
          ends.every((end) => end.label !== tick.label) &&
          all.findIndex((other) => other.label === tick.label) === index,
      )
      .filter((tick) =>
        ends.every((end) => labelsApart(sortByPosition([end, tick]), measure)),
      );
    const placed = [ends[0], ...inner, ends[1]];
    if (labelsApart(placed, measure)) return placed;
  }
  return ends;
}

function sortByPosition<T extends { position: number }>(ticks: T[]): T[] {
  return [...ticks].sort((a, b) => a.position - b.position);
}

const LABEL_GAP = 8;

function labelsApart(
  ticks: { position: number; label: string; anchor: string }[],
  measure: TextMeasure,
): boolean {
  const spans = ticks.map((tick) => {
    const width = measure(tick.label, AXIS_FONT_SIZE);
    const start =
      tick.anchor === "start"
        ? tick.position
        : tick.anchor === "end"
          ? tick.position - width
          : tick.position - width / 2;
    return [start, start + width];
  });
  return spans.every(
    (span, index) => index === 0 || span[0] - spans[index - 1][1] >= LABEL_GAP,
  );
}
