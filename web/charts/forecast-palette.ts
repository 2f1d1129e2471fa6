import { OKABE_ITO, type SchemeColor } from "./palette.ts";

/**
 * Colours of the forecast chart, from the Okabe–Ito palette as the other
 * charts' colours: booked months blue, the forecast vermillion (orange on
 * dark), which stay apart for the common forms of colour blindness, and
 * the held-back months a neutral grey.
 */
export const FORECAST_COLORS = {
  booked: { light: OKABE_ITO.blue, dark: OKABE_ITO.skyBlue },
  forecast: { light: OKABE_ITO.vermillion, dark: OKABE_ITO.orange },
  heldBack: { light: "#7b8794", dark: "#9aa5b1" },
} as const satisfies Record<string, SchemeColor>;

/** Returns an inline style that defines `--forecast-booked`, `--forecast-forecast` and `--forecast-held-back` with CSS `light-dark()`. */
export function forecastColorStyle(): string {
  return Object.entries(FORECAST_COLORS)
    .map(([role, color]) => {
      const name = role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      return `--forecast-${name}: light-dark(${color.light}, ${color.dark})`;
    })
    .join("; ");
}
