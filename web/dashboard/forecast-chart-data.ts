import type { ForecastChartData } from "../charts/forecast-layout.ts";
import type { SeriesForecast } from "./forecast-run.ts";

/** Picks the months, held-back forecasts and band of one forecast for its chart. */
export function chartDataOf(result: SeriesForecast): ForecastChartData {
  const { forecast } = result;
  return {
    history: result.history,
    heldBack: (forecast.accuracy?.months ?? []).map((m) => ({
      month: m.month,
      forecastCents: m.forecastCents,
    })),
    forecast: forecast.months.map((m) => ({
      month: m.month,
      cents: m.cents,
      lowCents: m.lowCents,
      highCents: m.highCents,
    })),
    coveragePercent: Math.round(forecast.coverage * 100),
  };
}
