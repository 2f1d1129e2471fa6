import fs from "node:fs";
import path from "node:path";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { checkOutputPath, writeOutputFile } from "../output.ts";
import { csvCell } from "../../model/io/csv-cell.ts";
import { MoneyFormatError, parseMoney, toCents } from "../../model/money.ts";
import {
  segmentAccounts,
  SegmentationInputError,
  type SegmentationAccount,
  type SegmentationResult,
} from "../../model/segmentation/index.ts";

const FORMATS = ["json", "csv"];

const HELP = `Usage: meridian segment [--accounts FILE] [--k N] [--seed N]
                        [--format json|csv] [--out FILE]

Groups the accounts into k segments by k-means on standardised potential,
population, longitude and latitude, and proposes a name for each segment,
such as "High potential, West". The same accounts, k and seed give the
same segments. docs/SEGMENTATION.md states the rules.

JSON lists each segment with its centroid in original units and the
features that separate it, the silhouette of the result, and the segment
of every account. CSV has the header account_id,account_name,segment,
segment_name and one row per account.

Options:
  --accounts FILE   accounts file in the format of public/data/accounts.json
                    (default: public/data/accounts.json)
  --k N             number of segments (default: 8)
  --seed N          seed of the initialisation and the silhouette sample
                    (default: 1)
  --format FMT      json or csv (default: json)
  --out FILE        file to write (default: standard output)`;

/** One account as the accounts file lists it. */
interface AccountRow {
  id: string;
  name: string;
  potential: string;
  population: number;
  lon: number;
  lat: number;
}

export const segmentCommand: Command = {
  name: "segment",
  summary: "Group accounts into named segments by k-means",
  help: HELP,

  async run(argv) {
    const { values, positionals } = parseOptions("segment", argv, {
      accounts: { type: "string", default: "public/data/accounts.json" },
      k: { type: "string", default: "8" },
      seed: { type: "string", default: "1" },
      format: { type: "string", default: "json" },
      out: { type: "string" },
    });
    if (positionals.length > 0) {
      throw usage(`Unexpected argument "${positionals[0]}".`);
    }
    if (!FORMATS.includes(values.format)) {
      throw usage(
        `Unknown format ${JSON.stringify(values.format)}; supported: ${FORMATS.join(", ")}.`,
      );
    }
    const k = readInteger("--k", values.k);
    const seed = readInteger("--seed", values.seed);
    if (values.out) checkOutputPath(values.out);

    const rows = readAccounts(values.accounts);
    const result = runModel(() =>
      segmentAccounts(rows.map(toSegmentationAccount), { k, seed }),
    );
    const text =
      values.format === "csv"
        ? formatCsv(rows, result)
        : formatJson(rows, result, k, seed);
    if (values.out) writeOutputFile(values.out, text);
    else process.stdout.write(text);
  },
};

function usage(message: string): CliError {
  return new CliError(
    `${message} Run "meridian segment --help" for the options.`,
    2,
  );
}

function readInteger(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isSafeInteger(value)) {
    throw usage(`${option} needs a whole number, got ${JSON.stringify(text)}.`);
  }
  return value;
}

function readAccounts(file: string): AccountRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(
      `Cannot read accounts from ${path.resolve(file)}: ${(error as Error).message}. Give --accounts a JSON file like public/data/accounts.json.`,
    );
  }
  const accounts = (parsed as { accounts?: unknown }).accounts;
  if (!Array.isArray(accounts)) {
    throw new CliError(
      `The accounts file ${file} has no "accounts" list. Give --accounts a JSON file like public/data/accounts.json.`,
    );
  }
  return accounts as AccountRow[];
}

function toSegmentationAccount(row: AccountRow): SegmentationAccount {
  return {
    id: row.id,
    potentialCents: toCents(
      parseMoney(row.potential, `potential of account "${row.id}"`),
    ),
    population: row.population,
    lon: row.lon,
    lat: row.lat,
  };
}

function runModel<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (
      error instanceof SegmentationInputError ||
      error instanceof MoneyFormatError
    ) {
      throw new CliError(error.message);
    }
    throw error;
  }
}

function formatJson(
  rows: AccountRow[],
  result: SegmentationResult,
  k: number,
  seed: number,
): string {
  const output = {
    k,
    seed,
    features: result.features,
    iterations: result.iterations,
    converged: result.converged,
    silhouette: result.silhouette,
    silhouetteSampleSize: result.silhouetteSampleSize,
    segments: result.segments,
    accounts: rows.map((row, i) => ({
      id: row.id,
      segment: result.assignment[i],
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

function formatCsv(rows: AccountRow[], result: SegmentationResult): string {
  const lines = ["account_id,account_name,segment,segment_name"];
  rows.forEach((row, i) => {
    const segment = result.segments[result.assignment[i]];
    lines.push(
      [row.id, row.name, String(segment.index), segment.name]
        .map(csvCell)
        .join(","),
    );
  });
  return `${lines.join("\n")}\n`;
}
