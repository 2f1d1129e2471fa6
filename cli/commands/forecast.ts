import fs from "node:fs";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { checkOutputPath, writeOutputFile } from "../output.ts";
import {
  forecastAttainment,
  type AttainmentForecast,
} from "../../model/forecast/attainment.ts";
import type { Seasonality } from "../../model/forecast/decompose.ts";
import { ForecastError } from "../../model/forecast/errors.ts";
import type { BandCoverage } from "../../model/forecast/fit.ts";
import {
  forecastBookings,
  type BookingsForecast,
  type ForecastOptions,
} from "../../model/forecast/forecast.ts";
import { csvCell } from "../../model/io/csv-cell.ts";
import { MoneyFormatError } from "../../model/money.ts";

const HELP = `Usage: meridian forecast FILE.json [--horizon MONTHS] [--season MONTHS]
                         [--seasonality multiplicative|additive]
                         [--holdout MONTHS] [--coverage 0.8|0.9|0.95]
                         [--fiscal-year-start YYYY-MM] [--format csv|json]
                         [--out FILE]

Forecasts each territory's monthly bookings in FILE.json with a linear trend
and seasonal indices (classical decomposition), with a prediction band, the
error on held-back months and, when the year start is given and a territory
has a quota, its forecast attainment. FILE.json is
{"territories": {"NAME": {"bookings": {"YYYY-MM": CENTS, ...},
"quota": "AMOUNT"}}}, bookings in integer cents and the quota optional.
docs/FORECAST.md states the model and its formulas.

Options:
  --horizon MONTHS          months to forecast after the history (default: 12)
  --season MONTHS           months per seasonal cycle: 1, 2, 3, 4, 6 or 12;
                            1 is no seasonality (default: 12)
  --seasonality KIND        multiplicative or additive (default: multiplicative)
  --holdout MONTHS          last months held back to measure the error;
                            0 skips it (default: 3)
  --coverage SHARE          share of months the band should contain
                            (default: 0.8)
  --fiscal-year-start MONTH first month of the fiscal year whose attainment
                            is forecast, YYYY-MM
  --format FORMAT           csv (one row a territory-month, then one row a
                            territory with errors and attainment) or json
                            (every figure with its trace) (default: csv)
  --out FILE                file to write (default: standard output)`;

interface TerritoryInput {
  bookings: Record<string, number>;
  quota?: string;
}

interface TerritoryReport {
  territory: string;
  forecast: BookingsForecast;
  attainment: AttainmentForecast | null;
}

export const forecastCommand: Command = {
  name: "forecast",
  summary: "Forecast monthly bookings, their error and attainment",
  help: HELP,

  async run(argv) {
    const { values, positionals } = parseOptions("forecast", argv, {
      horizon: { type: "string", default: "12" },
      season: { type: "string", default: "12" },
      seasonality: { type: "string", default: "multiplicative" },
      holdout: { type: "string", default: "3" },
      coverage: { type: "string", default: "0.8" },
      "fiscal-year-start": { type: "string" },
      format: { type: "string", default: "csv" },
      out: { type: "string" },
    });
    if (positionals.length !== 1) {
      throw usage("Give exactly one input FILE.json.");
    }
    if (values.format !== "csv" && values.format !== "json") {
      throw usage(`Unknown format "${values.format}": use csv or json.`);
    }
    if (
      values.seasonality !== "multiplicative" &&
      values.seasonality !== "additive"
    ) {
      throw usage(
        `Unknown seasonality "${values.seasonality}": use multiplicative or additive.`,
      );
    }
    if (values.out) checkOutputPath(values.out);

    const options: ForecastOptions = {
      horizon: whole("--horizon", values.horizon),
      seasonLength: whole("--season", values.season),
      seasonality: values.seasonality as Seasonality,
      holdout: whole("--holdout", values.holdout),
      coverage: Number(values.coverage) as BandCoverage,
    };
    const territories = readForecastFile(positionals[0]);
    const reports = Object.entries(territories).map(([territory, input]) =>
      runModel(territory, () =>
        territoryReport(territory, input, options, values["fiscal-year-start"]),
      ),
    );

    const text =
      values.format === "json"
        ? `${JSON.stringify(reports, null, 2)}\n`
        : formatCsv(reports);
    if (values.out) writeOutputFile(values.out, text);
    else process.stdout.write(text);
  },
};

function usage(message: string): CliError {
  return new CliError(
    `${message} Run "meridian forecast --help" for the options.`,
    2,
  );
}

function whole(option: string, text: string): number {
  if (!/^\d+$/.test(text)) {
    throw usage(`${option} must be a whole number of months, got "${text}".`);
  }
  return Number(text);
}

function readForecastFile(file: string): Record<string, TerritoryInput> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(
      `Cannot read ${file}: ${(error as Error).message}. Give a JSON file with a "territories" object.`,
    );
  }
  const territories = (json as { territories?: unknown }).territories;
  if (typeof territories !== "object" || territories === null) {
    throw new CliError(
      `${file} has no "territories" object. Write {"territories": {"NAME": {"bookings": {"YYYY-MM": CENTS}}}}.`,
    );
  }
  return territories as Record<string, TerritoryInput>;
}

function territoryReport(
  territory: string,
  input: TerritoryInput,
  options: ForecastOptions,
  fiscalYearStart: string | undefined,
): TerritoryReport {
  const forecast = forecastBookings(input.bookings ?? {}, options);
  const attainment =
    fiscalYearStart === undefined || input.quota === undefined
      ? null
      : forecastAttainment(
          input.bookings,
          forecast,
          fiscalYearStart,
          input.quota,
        );
  return { territory, forecast, attainment };
}

/** Runs the model for one territory, turning its input errors into a CliError naming the territory. */
function runModel<T>(territory: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ForecastError || error instanceof MoneyFormatError) {
      throw new CliError(`Territory "${territory}": ${error.message}`);
    }
    throw error;
  }
}

function formatCsv(reports: readonly TerritoryReport[]): string {
  const lines = ["territory,month,forecast,low,high"];
  for (const { territory, forecast } of reports) {
    for (const m of forecast.months) {
      lines.push(
        [territory, m.month, m.amount, m.low, m.high].map(csvCell).join(","),
      );
    }
  }

  lines.push("", "territory,mae,mape_percent,smape_percent,attainment_percent");
  for (const { territory, forecast, attainment } of reports) {
    const accuracy = forecast.accuracy;
    lines.push(
      [
        territory,
        accuracy?.mae ?? "",
        accuracy?.mape ?? "",
        accuracy?.smape ?? "",
        attainment?.attainmentPercent ?? "",
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
