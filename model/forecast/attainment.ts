import {
  centsToString,
  formatMoney,
  MoneyDecimal,
  parseMoney,
} from "../money.ts";
import { makeTrace, type Trace } from "../trace.ts";
import { ForecastError } from "./errors.ts";
import type { BookingsForecast } from "./forecast.ts";
import { addMonths, monthIndex } from "./months.ts";

export interface AttainmentForecast {
  fiscalYearStart: string;
  /** Booked months of the fiscal year plus forecast months, decimal string. */
  projected: string;
  /** Sums of the months' band ends. They are not a band of the yearly sum at the monthly coverage. */
  projectedLow: string;
  projectedHigh: string;
  quota: string;
  /** projected / quota x 100, to 1 decimal. */
  attainmentPercent: string;
  attainmentLowPercent: string;
  attainmentHighPercent: string;
  trace: Trace;
}

/**
 * Projects the fiscal year's attainment: actual bookings of its months in
 * the history, plus the forecast of its later months, over the quota. The
 * history must cover the year's months up to its last month, and the
 * forecast must reach the year's last month.
 */
export function forecastAttainment(
  bookings: Readonly<Record<string, number>>,
  forecast: BookingsForecast,
  fiscalYearStart: string,
  quota: string,
): AttainmentForecast {
  const quotaAmount = parseMoney(quota, "quota");
  if (!quotaAmount.greaterThan(0)) {
    throw new ForecastError(
      "quota",
      `Quota ${quota} is not above zero, so attainment is undefined. Enter the fiscal year's quota.`,
    );
  }

  const startIndex = monthIndex(fiscalYearStart);
  const firstHistory = monthIndex(forecast.firstMonth);
  const lastHistory = monthIndex(forecast.lastMonth);
  if (startIndex < firstHistory) {
    throw new ForecastError(
      "fiscalYearStart",
      `The fiscal year starts ${fiscalYearStart}, before the history's first month ${forecast.firstMonth}. Give the bookings of the year's earlier months.`,
    );
  }

  const forecastOf = new Map(forecast.months.map((m) => [m.month, m]));
  let booked = 0;
  let low = 0;
  let high = 0;
  let point = 0;
  let bookedMonths = 0;
  for (let k = 0; k < 12; k++) {
    const month = addMonths(fiscalYearStart, k);
    const index = startIndex + k;
    if (index <= lastHistory) {
      booked += bookings[month] ?? 0;
      bookedMonths += 1;
      continue;
    }
    const future = forecastOf.get(month);
    if (future === undefined) {
      throw new ForecastError(
        "horizon",
        `The forecast ends ${forecast.months.at(-1)?.month ?? forecast.lastMonth}, before the fiscal year's month ${month}. Forecast at least ${startIndex + 11 - lastHistory} months.`,
      );
    }
    point += future.cents;
    low += future.lowCents;
    high += future.highCents;
  }

  const percent = (cents: number) =>
    new MoneyDecimal(cents)
      .dividedBy(100)
      .dividedBy(quotaAmount)
      .times(100)
      .toFixed(1);
  const projected = centsToString(booked + point);
  const result = {
    fiscalYearStart,
    projected,
    projectedLow: centsToString(booked + low),
    projectedHigh: centsToString(booked + high),
    quota: formatMoney(quotaAmount),
    attainmentPercent: percent(booked + point),
    attainmentLowPercent: percent(booked + low),
    attainmentHighPercent: percent(booked + high),
  };
  const trace = makeTrace(
    `Forecast attainment FY from ${fiscalYearStart}`,
    `${result.attainmentPercent} %`,
    "(booked months + forecast months) / quota x 100",
    {
      "booked months": String(bookedMonths),
      booked: centsToString(booked),
      "forecast months": String(12 - bookedMonths),
      forecast: centsToString(point),
      quota: result.quota,
    },
  );
  return { ...result, trace };
}
