import { estimateTextWidth, type TextMeasure } from "./text-fit.ts";

/**
 * Returns a TextMeasure that measures with a canvas in the font family of
 * `element`, the font the chart's SVG text inherits. Falls back to the
 * estimate when the browser gives no 2D context.
 */
export function canvasTextMeasure(element: Element): TextMeasure {
  const context = document.createElement("canvas").getContext("2d");
  if (context === null) return estimateTextWidth;

  const family = getComputedStyle(element).fontFamily || "sans-serif";
  const cache = new Map<string, number>();
  return (text, fontSize, bold = false) => {
    const key = `${fontSize}${bold ? "b" : ""}\u0000${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      context.font = `${bold ? "600 " : ""}${fontSize}px ${family}`;
      width = context.measureText(text).width;
      cache.set(key, width);
    }
    return width;
  };
}
