import { scaleLinear } from "d3";
import { horizontalMoneyTicks, type MoneyTick } from "./axis-ticks.ts";
import { compactMoney, sumCents } from "./chart-money.ts";
import {
  parseRow,
  sortRows,
  type ParsedRow,
  type QuotaPotentialRow,
} from "./quota-potential-data.ts";
import { quotaSummary, rowTooltip } from "./quota-potential-text.ts";

export type { QuotaPotentialRow };
import { layoutLegend, type LegendLayout } from "./legend-layout.ts";
import {
  estimateTextWidth,
  fitText,
  type FittedText,
  type TextMeasure,
} from "./text-fit.ts";
import {
  AXIS_FONT_SIZE,
  TITLE_FONT_SIZE,
  TITLE_HEIGHT,
  TOOLBAR_WIDTH,
  type PlacedText,
  type Rect,
} from "./marks.ts";

export interface QuotaPotentialOptions {
  width: number;
  title: string;
  /** Rows drawn before the rest collapse into an "and N more" line. */
  maxRows: number;
  /** Draws every row, ignoring maxRows. */
  expanded: boolean;
  currency?: string;
  measure?: TextMeasure;
}

export interface TerritoryMark {
  id: string;
  /** Top of the row's band. */
  y: number;
  name: PlacedText;
  owner: PlacedText | null;
  quotaBar: Rect;
  potentialBar: Rect;
  quotaLabel: { x: number; y: number; text: string };
  potentialLabel: { x: number; y: number; text: string };
  /** X position of the quota the territory would carry at the overall quota-to-potential ratio, or null without potential. */
  proportionalX: number | null;
  tooltip: string;
}

/** The note that sums the territories left out, in one or two lines. */
export interface MoreNote {
  hiddenCount: number;
  lines: PlacedText[];
}

export interface QuotaPotentialLayout {
  width: number;
  height: number;
  title: FittedText;
  legend: LegendLayout;
  plot: { left: number; top: number; right: number; bottom: number };
  ticks: MoneyTick[];
  tickLabelY: number;
  rows: TerritoryMark[];
  /** The "and 37 more" note under the rows, or null when every row is drawn. */
  more: MoreNote | null;
  summary: string;
}

export const NAME_FONT_SIZE = 12;
export const OWNER_FONT_SIZE = 10;
export const VALUE_FONT_SIZE = 10;
const BAR_HEIGHT = 9;
const BAR_GAP = 2;
const ROW_PADDING = 6;
const OWNER_LINE = 12;
const MORE_LINE = 26;
const NOTE_LINE_HEIGHT = 18;
const GAP = 8;

/**
 * Lays out quota against potential as a pair of horizontal bars per
 * territory, largest potential first. Names are truncated to a column so
 * that no label runs into the bars. Beyond `maxRows`, the remaining
 * territories are summed into one "and N more" line. Raises
 * MoneyFormatError on an amount that is not a decimal string.
 */
export function layoutQuotaPotentialChart(
  rows: readonly QuotaPotentialRow[],
  options: QuotaPotentialOptions,
): QuotaPotentialLayout {
  const { width } = options;
  const currency = options.currency ?? "USD";
  const measure = options.measure ?? estimateTextWidth;
  const parsed = sortRows(rows.map(parseRow));
  const shown = options.expanded ? parsed : parsed.slice(0, options.maxRows);
  const hidden = parsed.slice(shown.length);
  const totals = {
    quota: sumCents(parsed.map((r) => r.quota.cents)),
    potential: sumCents(parsed.map((r) => r.potential.cents)),
  };

  const title = fitText(
    options.title,
    Math.max(0, width - TOOLBAR_WIDTH),
    TITLE_FONT_SIZE,
    measure,
    true,
  );
  const legend = layoutLegend(
    [
      { key: "quota", label: "Quota" },
      { key: "potential", label: "Potential" },
      { key: "proportional", label: "Quota in proportion to potential" },
    ],
    width,
    TITLE_HEIGHT,
    measure,
  );

  const nameColumn = Math.min(
    Math.max(0, ...shown.map((r) => measure(r.name, NAME_FONT_SIZE))),
    Math.max(80, width * 0.3),
  );
  const left = Math.ceil(nameColumn) + GAP;
  const valueColumn = Math.max(
    0,
    ...shown.flatMap((r) => [
      measure(compactMoney(r.quota.cents, currency), VALUE_FONT_SIZE),
      measure(compactMoney(r.potential.cents, currency), VALUE_FONT_SIZE),
    ]),
  );
  const right = Math.max(left + 1, width - Math.ceil(valueColumn) - GAP);

  const values = parsed.flatMap((r) => [r.quota.value, r.potential.value]);
  const x = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(1, ...values)])
    .range([left, right])
    .nice();
  const ticks = horizontalMoneyTicks(
    x,
    right - left,
    currency,
    AXIS_FONT_SIZE,
    measure,
  );

  const tickLabelY = TITLE_HEIGHT + legend.height + GAP + AXIS_FONT_SIZE;
  const top = tickLabelY + GAP / 2;
  const hasOwners = shown.some((r) => r.ownerName !== null);
  const rowHeight =
    2 * BAR_HEIGHT + BAR_GAP + 2 * ROW_PADDING + (hasOwners ? OWNER_LINE : 0);
  const ratio = totals.potential === 0 ? null : totals.quota / totals.potential;

  const marks = shown.map((row, index) =>
    territoryMark(row, {
      top: top + index * rowHeight,
      rowHeight,
      nameWidth: nameColumn,
      x,
      ratio,
      totals,
      currency,
      measure,
    }),
  );
  const bottom = top + shown.length * rowHeight;

  const more =
    hidden.length === 0
      ? null
      : moreNote(hidden, { left, bottom, width, currency, measure });
  const moreHeight =
    more === null ? 0 : MORE_LINE + (more.lines.length - 1) * NOTE_LINE_HEIGHT;
  return {
    width,
    height: bottom + moreHeight + GAP,
    title,
    legend,
    plot: { left, top, right, bottom },
    ticks,
    tickLabelY,
    rows: marks,
    more,
    summary: quotaSummary(parsed, totals, options.title, currency),
  };
}

interface RowContext {
  top: number;
  rowHeight: number;
  nameWidth: number;
  x: (value: number) => number;
  /** Total quota over total potential, or null when there is no potential. */
  ratio: number | null;
  totals: { quota: number; potential: number };
  currency: string;
  measure: TextMeasure;
}

function territoryMark(row: ParsedRow, context: RowContext): TerritoryMark {
  const { top, x, currency, measure } = context;
  const quotaTop = top + ROW_PADDING;
  const potentialTop = quotaTop + BAR_HEIGHT + BAR_GAP;
  const quotaBar = horizontalSpan(x, quotaTop, row.quota.value);
  const potentialBar = horizontalSpan(x, potentialTop, row.potential.value);
  const centre = top + context.rowHeight / 2;
  const nameY = row.ownerName === null ? centre : centre - OWNER_LINE / 2;
  const proportionalX =
    context.ratio === null ? null : x(row.potential.value * context.ratio);

  return {
    id: row.id,
    y: top,
    name: {
      ...fitText(row.name, context.nameWidth, NAME_FONT_SIZE, measure),
      x: context.nameWidth,
      y: nameY + NAME_FONT_SIZE / 2 - 1,
    },
    owner:
      row.ownerName === null
        ? null
        : {
            ...fitText(
              row.ownerName,
              context.nameWidth,
              OWNER_FONT_SIZE,
              measure,
            ),
            x: context.nameWidth,
            y: nameY + NAME_FONT_SIZE / 2 + OWNER_LINE,
          },
    quotaBar,
    potentialBar,
    quotaLabel: {
      x: Math.max(quotaBar.x + quotaBar.width, proportionalX ?? 0) + 4,
      y: quotaTop + BAR_HEIGHT - 1,
      text: compactMoney(row.quota.cents, currency),
    },
    potentialLabel: {
      x: potentialBar.x + potentialBar.width + 4,
      y: potentialTop + BAR_HEIGHT - 1,
      text: compactMoney(row.potential.cents, currency),
    },
    proportionalX,
    tooltip: rowTooltip(row, context.totals, currency),
  };
}

function horizontalSpan(
  x: (value: number) => number,
  top: number,
  value: number,
): Rect {
  const start = x(Math.min(0, value));
  return {
    x: start,
    y: top,
    width: x(Math.max(0, value)) - start,
    height: BAR_HEIGHT,
  };
}

/**
 * Builds the note for the territories left out: one line aligned with the
 * bars when it fits, else from the left edge, else split after the count
 * into two lines that are each cut to the width.
 */
function moreNote(
  hidden: readonly ParsedRow[],
  place: {
    left: number;
    bottom: number;
    width: number;
    currency: string;
    measure: TextMeasure;
  },
): MoreNote {
  const { left, bottom, width, currency, measure } = place;
  const quota = sumCents(hidden.map((r) => r.quota.cents));
  const potential = sumCents(hidden.map((r) => r.potential.cents));
  const noun = hidden.length === 1 ? "territory" : "territories";
  const count = `and ${hidden.length} more ${noun}:`;
  const sums = `quota ${compactMoney(quota, currency)}, potential ${compactMoney(potential, currency)}`;

  const oneLine = `${count} ${sums}`;
  const oneLineWidth = measure(oneLine, NAME_FONT_SIZE);
  const baseline = bottom + MORE_LINE / 2 + NAME_FONT_SIZE / 2;
  if (oneLineWidth <= width) {
    const x = oneLineWidth <= width - left ? left : 0;
    return {
      hiddenCount: hidden.length,
      lines: [
        { ...fitText(oneLine, width, NAME_FONT_SIZE, measure), x, y: baseline },
      ],
    };
  }
  return {
    hiddenCount: hidden.length,
    lines: [count, sums].map((text, index) => ({
      ...fitText(text, width, NAME_FONT_SIZE, measure),
      x: 0,
      y: baseline + index * NOTE_LINE_HEIGHT,
    })),
  };
}
