/** A function from text, font size in pixels and boldness to the width in pixels. */
export type TextMeasure = (
  text: string,
  fontSize: number,
  bold?: boolean,
) => number;

/** Estimated widening of bold (weight 600) text over regular text. */
const BOLD_FACTOR = 1.1;

// Character classes for the estimate below, measured in ems.
const NARROW = /[ijlrtfI.,:;'|!() ]/;
const WIDE = /[mwMW@%]/;
const UPPER = /[A-Z]/;

/**
 * Estimates the width of `text` from character classes, for use where no
 * canvas is available, as in tests. It is an estimate: text in a wide face
 * can overflow the width it predicts.
 */
export function estimateTextWidth(
  text: string,
  fontSize: number,
  bold = false,
): number {
  let ems = 0;
  for (const char of text) {
    if (NARROW.test(char)) ems += 0.3;
    else if (WIDE.test(char)) ems += 0.9;
    else if (UPPER.test(char)) ems += 0.7;
    else ems += 0.58;
  }
  return ems * fontSize * (bold ? BOLD_FACTOR : 1);
}

/** A text cut to a width, with the full text kept for a tooltip. */
export interface FittedText {
  text: string;
  fullText: string;
  truncated: boolean;
}

const ELLIPSIS = "…";

/**
 * Cuts `text` to the longest prefix that, followed by an ellipsis, fits
 * `maxWidth`. Returns an empty text when not even the ellipsis fits.
 */
export function fitText(
  text: string,
  maxWidth: number,
  fontSize: number,
  measure: TextMeasure = estimateTextWidth,
  bold = false,
): FittedText {
  if (measure(text, fontSize, bold) <= maxWidth) {
    return { text, fullText: text, truncated: false };
  }

  const chars = [...text];
  let low = 0;
  let high = chars.length - 1;
  let best = "";
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const candidate = chars.slice(0, middle).join("").trimEnd() + ELLIPSIS;
    if (measure(candidate, fontSize, bold) <= maxWidth) {
      best = candidate;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return { text: best, fullText: text, truncated: true };
}
