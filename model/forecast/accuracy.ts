import { centsToString, formatMoney, MoneyDecimal } from "../money.ts";
import { makeTrace, type Trace } from "../trace.ts";

/** One held-back month: what was booked and what the model forecast. */
export interface HeldBackMonth {
  month: string;
  actualCents: number;
  actual: string;
  forecastCents: number;
  forecast: string;
  /** Forecast minus actual, in cents. */
  errorCents: number;
}

/** Forecast error over held-back months, computed exactly from cents. */
export interface ForecastAccuracy {
  months: HeldBackMonth[];
  /** Mean absolute error, a decimal string to the cent. */
  mae: string;
  /**
   * Mean absolute percentage error in percent, to 2 decimals, over the
   * months whose actual bookings are not zero. Null when all are zero.
   */
  mape: string | null;
  /** Symmetric MAPE in percent (0 to 200), to 2 decimals. */
  smape: string;
  trace: Trace;
}

/** Pairs actual and forecast cents of the same months. */
export function heldBackMonth(
  month: string,
  actualCents: number,
  forecastCents: number,
): HeldBackMonth {
  return {
    month,
    actualCents,
    actual: centsToString(actualCents),
    forecastCents,
    forecast: centsToString(forecastCents),
    errorCents: forecastCents - actualCents,
  };
}

/**
 * Computes MAE, MAPE and sMAPE of the held-back months:
 * MAE = mean |F - A|, MAPE = mean |F - A| / |A| x 100 over A != 0,
 * sMAPE = mean 2 |F - A| / (|A| + |F|) x 100, a month with A = F = 0
 * counting as 0.
 */
export function measureAccuracy(
  months: readonly HeldBackMonth[],
  fittedMonths: number,
): ForecastAccuracy {
  const zero = new MoneyDecimal(0);
  let absolute = zero;
  let percent = zero;
  let percentCount = 0;
  let symmetric = zero;

  for (const m of months) {
    const error = new MoneyDecimal(Math.abs(m.errorCents));
    absolute = absolute.plus(error);
    if (m.actualCents !== 0) {
      percent = percent.plus(error.dividedBy(Math.abs(m.actualCents)));
      percentCount += 1;
    }
    const scale = Math.abs(m.actualCents) + Math.abs(m.forecastCents);
    if (scale !== 0) {
      symmetric = symmetric.plus(error.times(2).dividedBy(scale));
    }
  }

  const count = months.length;
  const mae = formatMoney(absolute.dividedBy(count).dividedBy(100));
  const mape =
    percentCount === 0
      ? null
      : percent.dividedBy(percentCount).times(100).toFixed(2);
  const smape = symmetric.dividedBy(count).times(100).toFixed(2);

  const trace = makeTrace(
    "Forecast error on held-back months",
    `MAE ${mae}, MAPE ${mape ?? "undefined"} %, sMAPE ${smape} %`,
    "fit on all but the last H months, forecast H, compare with actual bookings",
    {
      "months fitted": String(fittedMonths),
      "months held back (H)": String(count),
      "held-back months": months.map((m) => m.month).join(", "),
      MAE: mae,
      "MAPE %": mape ?? "undefined: every held-back month booked zero",
      "sMAPE %": smape,
    },
  );
  return { months: [...months], mae, mape, smape, trace };
}
