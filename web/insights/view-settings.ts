import { isMetricName, type MetricName } from "../../model/metrics.ts";

/** The colouring of counties on the map: by their territory or by their region. */
export type ColorMode = "territory" | "region";

/** A person's view choices for one plan, kept in this browser only. */
export interface ViewSettings {
  metric: MetricName;
  colorMode: ColorMode;
}

const KEY_PREFIX = "meridian.view.";
const DEFAULTS: ViewSettings = { metric: "potential", colorMode: "territory" };

/** Reads the view choices stored for a plan, or the defaults. */
export function loadViewSettings(planId: string): ViewSettings {
  try {
    const stored = JSON.parse(
      window.localStorage.getItem(KEY_PREFIX + planId) ?? "{}",
    ) as Partial<ViewSettings>;
    return {
      metric: isMetricName(stored.metric) ? stored.metric : DEFAULTS.metric,
      colorMode: stored.colorMode === "region" ? "region" : "territory",
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveViewSettings(planId: string, settings: ViewSettings): void {
  window.localStorage.setItem(KEY_PREFIX + planId, JSON.stringify(settings));
}
