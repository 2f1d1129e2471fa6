import { legendTicks, type ColorRamp } from "./color-ramp.ts";
import { LEGEND_FONT_SIZE, LEGEND_SWATCH } from "./legend-layout.ts";
import {
  AXIS_FONT_SIZE,
  TITLE_FONT_SIZE,
  TITLE_HEIGHT,
  TOOLBAR_WIDTH,
  type PlacedText,
  type Rect,
} from "./marks.ts";
import {
  estimateTextWidth,
  fitText,
  type FittedText,
  type TextMeasure,
} from "./text-fit.ts";

export interface ChoroplethOptions {
  width: number;
  title: string;
  /** Size of the projected map in its own units. */
  mapSize: { width: number; height: number };
  ramp: ColorRamp;
  /** Formats a value of the scale for a legend tick. */
  formatValue: (value: number) => string;
  /** Legend swatches after the colour bar, such as "Unassigned". */
  swatches: readonly { key: string; label: string }[];
  /** Highest share of the width the map takes, so a wide chart stays readable. */
  maxMapHeight?: number;
  measure?: TextMeasure;
}

export interface ChoroplethLayout {
  width: number;
  height: number;
  title: FittedText;
  /** Position of the map and its scale from its own units. */
  map: { x: number; y: number; scale: number };
  bar: Rect;
  ticks: {
    x: number;
    y: number;
    label: string;
    anchor: "start" | "middle" | "end";
  }[];
  swatches: { key: string; rect: Rect; label: PlacedText }[];
}

const GAP = 8;
const BAR_HEIGHT = 10;
const MIN_BAR = 200;
const MAX_BAR = 360;
const SWATCH_GAP = 6;
const ITEM_GAP = 18;

/**
 * Lays out a county map scaled to the width (at most `maxMapHeight` high),
 * a colour bar under it (200 pixels or more where the chart is that wide)
 * with the ticks of legendTicks, and the swatches after the bar, or on the
 * next line where they do not fit.
 */
export function layoutChoropleth(options: ChoroplethOptions): ChoroplethLayout {
  const { width, mapSize, ramp } = options;
  const measure = options.measure ?? estimateTextWidth;
  const title = fitText(
    options.title,
    Math.max(0, width - TOOLBAR_WIDTH),
    TITLE_FONT_SIZE,
    measure,
    true,
  );
  const maxHeight = options.maxMapHeight ?? 520;
  const scale = Math.min(width / mapSize.width, maxHeight / mapSize.height);
  const mapWidth = mapSize.width * scale;
  const mapTop = TITLE_HEIGHT + 4;
  const mapBottom = mapTop + mapSize.height * scale;

  const barLength = Math.max(
    Math.min(MIN_BAR, width),
    Math.min(MAX_BAR, width * 0.45),
  );
  const barX = Math.max(0, (width - mapWidth) / 2);
  const barY = mapBottom + GAP + LEGEND_FONT_SIZE;
  const ticks = legendTicks(ramp, barLength, options.formatValue, measure).map(
    (tick) => ({
      ...tick,
      x: barX + tick.position,
      y: barY + BAR_HEIGHT + AXIS_FONT_SIZE + 3,
    }),
  );

  let swatchX = barX + barLength + ITEM_GAP * 1.5;
  let swatchY = barY + BAR_HEIGHT / 2;
  const swatches = options.swatches.map((entry) => {
    const labelWidth = measure(entry.label, LEGEND_FONT_SIZE);
    const itemWidth = LEGEND_SWATCH + SWATCH_GAP + labelWidth;
    if (swatchX + itemWidth > width) {
      swatchX = barX;
      swatchY += BAR_HEIGHT + AXIS_FONT_SIZE + LEGEND_SWATCH + GAP;
    }
    const label = fitText(
      entry.label,
      Math.max(0, width - swatchX - LEGEND_SWATCH - SWATCH_GAP),
      LEGEND_FONT_SIZE,
      measure,
    );
    const item = {
      key: entry.key,
      rect: {
        x: swatchX,
        y: swatchY - LEGEND_SWATCH / 2,
        width: LEGEND_SWATCH,
        height: LEGEND_SWATCH,
      },
      label: {
        ...label,
        x: swatchX + LEGEND_SWATCH + SWATCH_GAP,
        y: swatchY + LEGEND_FONT_SIZE / 2 - 2,
      },
    };
    swatchX += itemWidth + ITEM_GAP;
    return item;
  });

  const legendBottom = Math.max(
    barY + BAR_HEIGHT + AXIS_FONT_SIZE + 6,
    ...swatches.map((s) => s.rect.y + s.rect.height + 2),
  );
  return {
    width,
    height: legendBottom + GAP,
    title,
    map: { x: Math.max(0, (width - mapWidth) / 2), y: mapTop, scale },
    bar: { x: barX, y: barY, width: barLength, height: BAR_HEIGHT },
    ticks,
    swatches,
  };
}
