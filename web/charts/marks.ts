import type { FittedText } from "./text-fit.ts";

/** A rectangle in SVG user units. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A text label placed at its anchor point, cut to fit. */
export interface PlacedText extends FittedText {
  x: number;
  y: number;
}

/** Width kept free at the chart's top right for the export buttons. */
export const TOOLBAR_WIDTH = 96;

/** Font sizes in pixels, shared by every chart so that they read alike. */
export const TITLE_FONT_SIZE = 14;
export const AXIS_FONT_SIZE = 11;

/** Height of the title line at the top of every chart. */
export const TITLE_HEIGHT = 24;

/** The part of every chart layout that ChartFrame draws: the SVG's size and the title. */
export interface ChartView {
  width: number;
  height: number;
  title: FittedText;
  /** A sentence that sums up the data, used as the chart's accessible name. */
  summary?: string;
}
