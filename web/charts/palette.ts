/**
 * Chart colours, taken from the Okabe–Ito palette, which is designed to stay
 * distinguishable for the common forms of colour blindness. Each series has a light-scheme and a dark-scheme
 * colour with at least 3:1 contrast (WCAG 2.1 non-text contrast) on white
 * and on a near-black surface. Orange reaches only 2.2:1 on white, so light
 * charts use vermillion in its place.
 */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** A chart series colour for the light and the dark colour scheme. */
export interface SchemeColor {
  light: string;
  dark: string;
}

/** The colour of each chart series, by role. */
export const SERIES_COLORS = {
  capacity: { light: OKABE_ITO.blue, dark: OKABE_ITO.skyBlue },
  surplus: { light: OKABE_ITO.bluishGreen, dark: OKABE_ITO.bluishGreen },
  shortfall: { light: OKABE_ITO.vermillion, dark: OKABE_ITO.orange },
  reference: { light: "#1f2933", dark: "#e6e9ec" },
  quota: { light: OKABE_ITO.blue, dark: OKABE_ITO.skyBlue },
  potential: { light: OKABE_ITO.vermillion, dark: OKABE_ITO.orange },
  parentTotal: { light: "#7b8794", dark: "#9aa5b1" },
  childrenTotal: { light: OKABE_ITO.vermillion, dark: OKABE_ITO.orange },
} as const satisfies Record<string, SchemeColor>;

export type SeriesRole = keyof typeof SERIES_COLORS;

/**
 * Returns the CSS custom property that carries a series colour, such as
 * `var(--chart-capacity)`. `chartColorStyle` defines the properties.
 */
export function seriesColor(role: SeriesRole): string {
  return `var(--chart-${kebabCase(role)})`;
}

/**
 * Returns an inline style that defines every `--chart-*` property with
 * CSS `light-dark()`, so the colours follow the `color-scheme` that the page
 * sets, as the page's own colours do.
 */
export function chartColorStyle(): string {
  return Object.entries(SERIES_COLORS)
    .map(
      ([role, color]) =>
        `--chart-${kebabCase(role)}: light-dark(${color.light}, ${color.dark})`,
    )
    .join("; ");
}

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
