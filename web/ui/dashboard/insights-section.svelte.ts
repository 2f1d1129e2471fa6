/** The sections of the Insights view. */
export type InsightsSection = "indicators" | "charts" | "segments" | "forecast";

export const INSIGHTS_SECTIONS: { section: InsightsSection; label: string }[] =
  [
    { section: "indicators", label: "Indicators" },
    { section: "charts", label: "Charts" },
    { section: "segments", label: "Segments" },
    { section: "forecast", label: "Forecast" },
  ];

class InsightsSectionState {
  current = $state<InsightsSection>("indicators");
}

/** The section of the Insights view shown now, kept while other views show. */
export const insightsSection = new InsightsSectionState();
