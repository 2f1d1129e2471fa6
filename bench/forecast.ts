// Forecast error on held-back months of the demo deal history.
//
// The demo history is one fiscal year (FY2028, February 2027 to January
// 2028), so a 12-month seasonal cycle, which needs 24 months, cannot be
// fitted. The benchmark fits the trend-only model (season length 1) to the
// first 9 months of each territory, forecasts the last 3 and compares them
// with the booked amounts. A naive forecast (the mean of the 9 fitted
// months) runs beside it as a baseline. Run with `npm run bench:forecast`.
import fs from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import type { Deal } from "../model/incentives/deals/types.ts";
import { heldBackMonth, measureAccuracy } from "../model/forecast/accuracy.ts";
import { forecastBookings } from "../model/forecast/forecast.ts";
import { addMonths } from "../model/forecast/months.ts";
import { centsToString, parseMoney, toCents } from "../model/money.ts";
import { readDemoPlan } from "../sync-server/demo.ts";
import {
  demoDealHistory,
  type DemoAccount,
} from "../sync-server/demo-deals.ts";
import { RATES, withDemoIncentives } from "../sync-server/demo-incentives.ts";
import { withDemoPlanning } from "../sync-server/demo-planning.ts";
import { formatMs, medianMs, seededRandom } from "./harness.ts";

const HOLDOUT = 3;
/** Generated territories timed with the 12-month seasonal model. */
const GENERATED_SERIES = 1000;
const FIRST_MONTH = "2027-02";

const dataDir = fileURLToPath(new URL("../public/data/", import.meta.url));

/** Deal amount in plan currency (USD) cents, at the demo rate of its close date. */
function planCents(deal: Deal): number {
  const amount = parseMoney(deal.amount);
  if (deal.currency === "USD") return toCents(amount);
  const rates = RATES.filter(
    (r) => r.currency === deal.currency && r.effectiveFrom <= deal.closeDate,
  );
  const rate = rates.at(-1)?.rate ?? "1";
  return toCents(amount.times(rate));
}

/** Bookings per territory name per month, in plan-currency cents. */
function monthlyBookings(): Map<string, Record<string, number>> {
  const plan = withDemoIncentives(
    withDemoPlanning(readDemoPlan(`${dataDir}demo-plan.json`)),
  );
  const accounts = JSON.parse(
    fs.readFileSync(`${dataDir}accounts.json`, "utf8"),
  ).accounts as DemoAccount[];
  const territoryOfUnit = new Map(plan.assignments ?? []);
  const nameOf = new Map(
    (plan.territories ?? []).map((t) => [t.id ?? "", t.name]),
  );
  const territoryOfAccount = new Map(
    accounts.map((a) => [a.id, territoryOfUnit.get(a.unitId)]),
  );

  const result = new Map<string, Record<string, number>>();
  for (const deal of demoDealHistory(plan, accounts)) {
    const territoryId = territoryOfAccount.get(deal.account);
    if (territoryId === undefined) continue;
    const name = nameOf.get(territoryId) ?? territoryId;
    const months = result.get(name) ?? {};
    const month = deal.closeDate.slice(0, 7);
    months[month] = (months[month] ?? 0) + planCents(deal);
    result.set(name, months);
  }
  return result;
}

/** Error of the naive forecast: every held-back month books the mean of the fitted months. */
function naiveError(bookings: Record<string, number>) {
  const cents = Array.from(
    { length: 12 },
    (_, k) => bookings[addMonths(FIRST_MONTH, k)] ?? 0,
  );
  const fitted = cents.slice(0, 12 - HOLDOUT);
  const mean = Math.round(fitted.reduce((s, x) => s + x, 0) / fitted.length);
  const months = cents
    .slice(12 - HOLDOUT)
    .map((actual, h) =>
      heldBackMonth(addMonths(FIRST_MONTH, 12 - HOLDOUT + h), actual, mean),
    );
  return measureAccuracy(months, fitted.length);
}

/** Histories of 36 months with a random level, growth, season and noise. */
function generatedHistories(count: number): Record<string, number>[] {
  const random = seededRandom(2028);
  return Array.from({ length: count }, () => {
    const level = 5_000_000 + random() * 50_000_000;
    const growth = (random() - 0.3) * 0.02 * level;
    const season = Array.from({ length: 12 }, () => 0.7 + random() * 0.6);
    const bookings: Record<string, number> = {};
    for (let t = 0; t < 36; t++) {
      const noise = 0.9 + random() * 0.2;
      bookings[addMonths("2025-02", t)] = Math.round(
        (level + growth * t) * season[t % 12] * noise,
      );
    }
    return bookings;
  });
}

/** Mean of forecast minus actual, in money: negative when the model forecasts too little. */
function meanError(months: readonly { errorCents: number }[]): string {
  const sum = months.reduce((s, m) => s + m.errorCents, 0);
  return centsToString(Math.round(sum / months.length));
}

function forecastOf(bookings: Record<string, number>) {
  return forecastBookings(bookings, {
    horizon: HOLDOUT,
    seasonLength: 1,
    holdout: HOLDOUT,
  });
}

function main(): void {
  const territories = monthlyBookings();
  const total: Record<string, number> = {};
  for (const months of territories.values()) {
    for (const [month, cents] of Object.entries(months)) {
      total[month] = (total[month] ?? 0) + cents;
    }
  }

  const rows: Record<string, string>[] = [];
  const pooled = [];
  for (const [name, bookings] of [
    ...territories,
    ["All territories", total],
  ] as const) {
    const accuracy = forecastOf(bookings).accuracy;
    if (accuracy === null)
      throw new Error("The benchmark needs held-back months.");
    const naive = naiveError(bookings);
    if (name !== "All territories") pooled.push(...accuracy.months);
    const booked = accuracy.months.reduce((s, m) => s + m.actualCents, 0);
    rows.push({
      territory: name,
      "booked (3 months)": centsToString(booked),
      MAE: accuracy.mae,
      "mean F − A": meanError(accuracy.months),
      "MAPE %": accuracy.mape ?? "n/a",
      "sMAPE %": accuracy.smape,
      "naive sMAPE %": naive.smape,
    });
  }
  const across = measureAccuracy(pooled, 12 - HOLDOUT);
  rows.push({
    territory: "Mean over territory-months",
    "booked (3 months)": "",
    MAE: across.mae,
    "mean F − A": meanError(across.months),
    "MAPE %": across.mape ?? "n/a",
    "sMAPE %": across.smape,
    "naive sMAPE %": "",
  });
  console.table(rows);

  const series = [...territories.values()];
  const ms = medianMs(() => {
    for (const bookings of series) forecastOf(bookings);
  });
  console.log(
    `Fit, validation and forecast of ${series.length} territories: ${formatMs(ms)} median of 30 runs`,
  );

  const generated = generatedHistories(GENERATED_SERIES);
  const generatedMs = medianMs(
    () => {
      for (const bookings of generated) {
        forecastBookings(bookings, { horizon: 12, holdout: 12 });
      }
    },
    5,
    1,
  );
  console.log(
    `Fit, validation and 12-month forecast of ${GENERATED_SERIES} generated 36-month series with a 12-month season: ${formatMs(generatedMs)} median of 5 runs`,
  );
  console.log(
    `Machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}`,
  );
}

main();
