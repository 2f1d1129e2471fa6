import { readCsvRecords, type CsvRecord } from "../../io/csv-records.ts";
import { checkCancellations } from "./cancellations.ts";
import { TimeZoneError } from "./errors.ts";
import {
  amountProblem,
  currencyProblem,
  normalizeAmount,
  parseSplits,
  readCloseDate,
} from "./fields.ts";
import { DEFAULT_TIME_ZONE, timeZoneProblem } from "./time-zone.ts";
import type { Deal, DealRowError, DealsCsvResult } from "./types.ts";

export interface DealsCsvOptions {
  /** Known rep ids. When given, every owner and split rep must be one of them. */
  reps?: readonly string[];
  /**
   * IANA time zone that turns a close_date timestamp into the calendar
   * date of the deal, such as "America/Los_Angeles". Default: "UTC".
   */
  timeZone?: string;
}

const REQUIRED_COLUMNS = [
  "id",
  "account",
  "amount",
  "currency",
  "close_date",
  "product",
  "owner",
] as const;
const OPTIONAL_COLUMNS = ["splits", "cancels"] as const;
const KNOWN_COLUMNS: readonly string[] = [
  ...REQUIRED_COLUMNS,
  ...OPTIONAL_COLUMNS,
];

type Column =
  (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
type ColumnIndex = Map<Column, number>;

interface ParsedRow {
  line: number;
  deal: Deal;
}

/**
 * Reads deals from CSV text with the header id, account, amount, currency,
 * close_date, product, owner and the optional splits and cancels columns.
 * Validation is all or nothing, so any invalid row makes the result list
 * every error in the file and no deals. A close_date is a calendar date or
 * a timestamp with an offset, which becomes its date in `options.timeZone`.
 * Raises TimeZoneError, reading nothing, when that zone is unknown.
 */
export function parseDealsCsv(
  text: string,
  options: DealsCsvOptions = {},
): DealsCsvResult {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const zoneReason = timeZoneProblem(timeZone);
  if (zoneReason !== null) throw new TimeZoneError(timeZone, zoneReason);

  const { records, problems } = readCsvRecords(text);
  const errors: DealRowError[] = problems.map((p) => ({
    line: p.line,
    field: "record",
    value: "",
    reason: p.reason,
  }));

  const [header, ...rows] = records;
  if (header === undefined) {
    errors.push({
      line: 1,
      field: "header",
      value: "",
      reason: `the file has no header. Start it with: ${REQUIRED_COLUMNS.join(",")}`,
    });
    return { errors, parsed: [] };
  }
  const columns = readHeader(header, errors);
  if (columns === null) return { errors, parsed: [] };

  const parsed: ParsedRow[] = [];
  for (const row of rows) {
    const deal = readRow(row, columns, header.fields.length, timeZone, errors);
    if (deal !== null) parsed.push({ line: row.line, deal });
  }

  checkDuplicateIds(parsed, errors);
  checkCancellations(parsed, errors);
  if (options.reps !== undefined) checkReps(parsed, options.reps, errors);

  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    return { errors, parsed };
  }
  return { deals: parsed.map((p) => p.deal) };
}

// Maps each column name to its position, or returns null after recording
// missing, unknown or repeated columns.
function readHeader(
  header: CsvRecord,
  errors: DealRowError[],
): ColumnIndex | null {
  const columns: ColumnIndex = new Map();
  const before = errors.length;

  header.fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    const error = { line: header.line, field: "header", value: raw };
    if (!KNOWN_COLUMNS.includes(name)) {
      errors.push({
        ...error,
        reason: `unknown column. Use only the columns ${KNOWN_COLUMNS.join(", ")}`,
      });
    } else if (columns.has(name as Column)) {
      errors.push({ ...error, reason: "the column appears twice. Keep one" });
    } else {
      columns.set(name as Column, index);
    }
  });

  for (const name of REQUIRED_COLUMNS) {
    if (!columns.has(name)) {
      errors.push({
        line: header.line,
        field: name,
        value: "",
        reason: `the required column "${name}" is missing. Add it to the header`,
      });
    }
  }
  return errors.length > before ? null : columns;
}

// Validates one row's fields and records every invalid one. Returns the
// deal only when all of them are valid.
function readRow(
  row: CsvRecord,
  columns: ColumnIndex,
  width: number,
  timeZone: string,
  errors: DealRowError[],
): Deal | null {
  if (row.fields.length !== width) {
    errors.push({
      line: row.line,
      field: "record",
      value: row.fields.join(","),
      reason: `has ${row.fields.length} fields but the header has ${width}. Quote any value that contains a comma`,
    });
    return null;
  }
  const before = errors.length;
  const cell = (name: Column): string => {
    const index = columns.get(name);
    return index === undefined ? "" : row.fields[index].trim();
  };
  const fail = (field: Column, reason: string): void => {
    errors.push({ line: row.line, field, value: cell(field), reason });
  };

  for (const name of ["id", "account", "product", "owner"] as const) {
    if (cell(name) === "") fail(name, `is empty. Give every deal its ${name}`);
  }
  const amountReason = amountProblem(cell("amount"));
  if (amountReason !== null) fail("amount", amountReason);
  const currencyReason = currencyProblem(cell("currency"));
  if (currencyReason !== null) fail("currency", currencyReason);
  const closeDate = readCloseDate(cell("close_date"), timeZone);
  if ("problem" in closeDate) fail("close_date", closeDate.problem);

  const splitsText = cell("splits");
  // No splits leaves the deal to the named-account and territory rules.
  const splits = splitsText === "" ? { splits: [] } : parseSplits(splitsText);
  if ("problem" in splits) fail("splits", splits.problem);

  if (errors.length > before || "problem" in splits || "problem" in closeDate) {
    return null;
  }
  const deal: Deal = {
    id: cell("id"),
    account: cell("account"),
    amount: normalizeAmount(cell("amount")),
    currency: cell("currency"),
    closeDate: closeDate.date,
    product: cell("product"),
    owner: cell("owner"),
    splits: splits.splits,
    generated: false,
  };
  if (cell("cancels") !== "") deal.cancels = cell("cancels");
  return deal;
}

// Reports every line of an id that appears more than once, naming the others.
function checkDuplicateIds(parsed: ParsedRow[], errors: DealRowError[]): void {
  const linesById = new Map<string, number[]>();
  for (const { line, deal } of parsed) {
    const lines = linesById.get(deal.id) ?? [];
    lines.push(line);
    linesById.set(deal.id, lines);
  }
  for (const [id, lines] of linesById) {
    if (lines.length < 2) continue;
    for (const line of lines) {
      const others = lines.filter((other) => other !== line);
      const where = others.length === 1 ? "line" : "lines";
      errors.push({
        line,
        field: "id",
        value: id,
        reason: `is also the id on ${where} ${others.join(", ")}. Give each deal its own id`,
      });
    }
  }
}

// Reports owners and split reps that are not in the list of known reps.
function checkReps(
  parsed: ParsedRow[],
  reps: readonly string[],
  errors: DealRowError[],
): void {
  const known = new Set(reps);
  for (const { line, deal } of parsed) {
    if (!known.has(deal.owner)) {
      errors.push({
        line,
        field: "owner",
        value: deal.owner,
        reason: "is not a known rep. Add the rep first or correct the id",
      });
    }
    for (const split of deal.splits) {
      if (known.has(split.rep) || split.rep === deal.owner) continue;
      errors.push({
        line,
        field: "splits",
        value: split.rep,
        reason: "is not a known rep. Add the rep first or correct the id",
      });
    }
  }
}
