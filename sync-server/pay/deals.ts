import type { IncomingMessage } from "node:http";
import { readCsvRecords } from "../../model/io/csv-records.ts";
import { parseDealsCsv } from "../../model/incentives/deals/deals-csv.ts";
import {
  MissingRateError,
  RateTableError,
  TimeZoneError,
} from "../../model/incentives/deals/errors.ts";
import { convertAll } from "../../model/incentives/deals/rates.ts";
import type {
  Deal,
  DealRowError,
  DealsCsvResult,
} from "../../model/incentives/deals/types.ts";
import type { ApiContext } from "../api-auth.ts";
import { HttpError } from "../http-json.ts";
import { payCaller, requirePayAdmin } from "./access.ts";
import { readObject } from "./body.ts";
import { loadPayPlan, type PayPlan } from "./plan-data.ts";

/** Largest body of a deals import: about 50,000 deal rows. */
export const MAX_DEALS_BODY_BYTES = 8 * 1024 * 1024;

/** An HTTP error whose JSON body carries more fields than code and message. */
export class DetailedHttpError extends HttpError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(status, code, message);
  }
}

/** GET .../pay/deals (administrators): the plan's deals in import order. */
export async function listDeals(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{ deals: Deal[] }> {
  const caller = await payCaller(context, request, planId);
  requirePayAdmin(caller, planId, "list deals");
  return { deals: context.storage.pay.deals.list(planId) };
}

/**
 * POST .../pay/deals `{ csv }` (administrators): imports deals all or
 * nothing. The reply is a 422 DEALS_INVALID listing every problem row: an
 * invalid row, an owner or split rep who is not a planning rep, an id that
 * is already stored, or a currency without a rate on the close date. A
 * close_date timestamp becomes its calendar date in the plan's time zone,
 * and a zone that this server's Intl rejects is a 422
 * TIME_ZONE_INVALID.
 */
export async function importDeals(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{ imported: number; total: number }> {
  const caller = await payCaller(context, request, planId);
  requirePayAdmin(caller, planId, "import deals");
  const csv = (await readObject(request, MAX_DEALS_BODY_BYTES)).csv;
  if (typeof csv !== "string") {
    throw new HttpError(
      400,
      "CSV_MISSING",
      'The field "csv" is missing; send the deals file as a string in "csv".',
    );
  }

  const plan = loadPayPlan(context.storage, planId);
  const parsed = parsePlanDeals(context, planId, csv, plan);
  const good =
    "errors" in parsed ? parsed.parsed : withLines(csv, parsed.deals);

  // The rows that did read are also checked against the stored deals and
  // the rates, so one reply lists every bad row of the file.
  const deals = good.map((row) => row.deal);
  const lines = good.map((row) => row.line);
  const rows = [
    ...("errors" in parsed ? parsed.errors : []),
    ...duplicateRows(deals, lines, context.storage.pay.deals.ids(planId)),
    ...missingRateRows(deals, lines, plan),
  ];
  if (rows.length > 0) throw dealsInvalid(rows.sort((a, b) => a.line - b.line));
  if ("errors" in parsed) throw dealsInvalid(parsed.errors);

  context.storage.pay.deals.insertAll(planId, parsed.deals, caller.claims.sub);
  const total = context.storage.pay.deals.count(planId);
  context.logger.info(
    {
      plan: planId,
      imported: parsed.deals.length,
      total,
      by: caller.claims.sub,
    },
    "deals imported",
  );
  return { imported: parsed.deals.length, total };
}

/** Pairs the deals of a file where every row made a deal with their lines. */
function withLines(
  csv: string,
  deals: readonly Deal[],
): { line: number; deal: Deal }[] {
  const lines = readCsvRecords(csv)
    .records.slice(1)
    .map((r) => r.line);
  return deals.map((deal, index) => ({ line: lines[index] ?? 0, deal }));
}

function parsePlanDeals(
  context: ApiContext,
  planId: string,
  csv: string,
  plan: PayPlan,
): DealsCsvResult {
  try {
    return parseDealsCsv(csv, {
      reps: plan.planning.reps.map((rep) => rep.id),
      timeZone: plan.incentives.timeZone,
    });
  } catch (error) {
    if (!(error instanceof TimeZoneError)) throw error;
    context.logger.warn(
      { plan: planId, timeZone: error.zone },
      "deals import rejected: the plan's time zone is unknown",
    );
    throw new HttpError(
      422,
      "TIME_ZONE_INVALID",
      `No deals were imported because the plan's time zone ${JSON.stringify(error.zone)} is unknown to this server. Pick another time zone in the Incentives view and import the file again.`,
    );
  }
}

function duplicateRows(
  deals: readonly Deal[],
  lines: readonly number[],
  stored: ReadonlySet<string>,
): DealRowError[] {
  const rows: DealRowError[] = [];
  deals.forEach((deal, index) => {
    if (!stored.has(deal.id)) return;
    rows.push({
      line: lines[index] ?? 0,
      field: "id",
      value: deal.id,
      reason:
        "is the id of a deal imported earlier. Leave it out, or give the deal its own id",
    });
  });
  return rows;
}

function missingRateRows(
  deals: readonly Deal[],
  lines: readonly number[],
  plan: PayPlan,
): DealRowError[] {
  const currency = plan.meta.currency;
  try {
    convertAll(deals, plan.incentives.rates, currency);
    return [];
  } catch (error) {
    if (error instanceof RateTableError) {
      throw new HttpError(
        422,
        "RATES_INVALID",
        `${error.message} Fix the plan's currency rates first.`,
      );
    }
    if (!(error instanceof MissingRateError)) throw error;
    const lineOf = new Map(
      deals.map((deal, index) => [deal.id, lines[index] ?? 0]),
    );
    return error.missing.map((missing) => ({
      line: lineOf.get(missing.dealId) ?? 0,
      field: "currency",
      value: missing.currency,
      reason: `has no rate to ${currency} in effect on ${missing.closeDate}. Add a ${missing.currency} rate from that date or earlier to the plan`,
    }));
  }
}

function dealsInvalid(rows: DealRowError[]): DetailedHttpError {
  const first = rows[0];
  const count = rows.length === 1 ? "1 problem" : `${rows.length} problems`;
  const example =
    first === undefined
      ? ""
      : ` Line ${first.line}, ${first.field} ${JSON.stringify(first.value)}: ${first.reason}.`;
  return new DetailedHttpError(
    422,
    "DEALS_INVALID",
    `No deals were imported because the file has ${count}.${example} Fix every row listed and import the file again.`,
    { rows },
  );
}
