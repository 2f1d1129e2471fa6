import { allocateCents, centsToString, MoneyDecimal } from "../money.ts";
import { TargetError } from "./errors.ts";
import type { FiscalYear } from "./periods.ts";
import { makeTrace, type MoneyFigure, type Trace } from "../trace.ts";

/** One revenue target as entered: a segment, a month or quarter id, an amount. */
export interface TargetInput {
  segment: string;
  /** A month id ("FY2027-M01") or a quarter id ("FY2027-Q1"). */
  period: string;
  /** Amount as a decimal string, such as "250000.00". */
  amount: string;
}

/**
 * Monthly targets in cents per segment for one fiscal year. Only months are
 * stored, and quarter, year and company figures are summed when read.
 */
export interface TargetTable {
  year: FiscalYear;
  segments: string[];
  /** Segment -> 12 monthly targets in cents, in fiscal month order. */
  monthCents: Map<string, number[]>;
  /** Segment -> 12 monthly traces. */
  monthTraces: Map<string, Trace[]>;
}

const AMOUNT_PATTERN = /^\d+(\.\d{1,2})?$/;

/**
 * Builds the monthly target table. A quarter target is spread evenly over
 * its three months with the largest-remainder rule, so the first months
 * take any leftover cents. A month left without input has a zero target.
 */
export function buildTargets(
  year: FiscalYear,
  inputs: readonly TargetInput[],
): TargetTable {
  const monthCents = new Map<string, number[]>();
  const monthTraces = new Map<string, Trace[]>();
  const sourceOf = new Map<string, string>();

  for (const input of inputs) {
    const segment = checkSegment(input);
    if (!monthCents.has(segment)) {
      monthCents.set(segment, new Array(12).fill(0));
      monthTraces.set(
        segment,
        year.months.map((m) => zeroTrace(m.id, segment)),
      );
    }
    const cents = parseTarget(input, segment);
    const spread = spreadToMonths(year, input.period, cents, segment);

    for (const { index, monthCents: part } of spread) {
      const monthId = year.months[index].id;
      const key = `${segment}\u0000${monthId}`;
      const earlier = sourceOf.get(key);
      if (earlier !== undefined) {
        throw new TargetError(
          `Target for segment "${segment}" in ${monthId} is given twice, by ${earlier} and ${input.period}. Keep one of them.`,
        );
      }
      sourceOf.set(key, input.period);
      monthCents.get(segment)![index] = part;
      monthTraces.get(segment)![index] = monthTrace(
        monthId,
        segment,
        input,
        part,
      );
    }
  }

  const segments = [...monthCents.keys()].sort();
  return { year, segments, monthCents, monthTraces };
}

function checkSegment(input: TargetInput): string {
  const segment = input.segment;
  if (typeof segment !== "string" || segment.trim() === "") {
    throw new TargetError(
      `Target for ${String(input.period)} has no segment: ${JSON.stringify(segment)}. Name the segment, such as "Enterprise".`,
    );
  }
  return segment.trim();
}

function parseTarget(input: TargetInput, segment: string): number {
  const text = typeof input.amount === "string" ? input.amount.trim() : "";
  const where = `segment "${segment}" in ${input.period}`;
  if (text.startsWith("-") && AMOUNT_PATTERN.test(text.slice(1))) {
    throw new TargetError(
      `Target for ${where} is negative: ${text}. Enter zero or a positive amount.`,
    );
  }
  if (!AMOUNT_PATTERN.test(text)) {
    throw new TargetError(
      `Target for ${where} is not a number: ${JSON.stringify(input.amount)}. Write a decimal string with at most two digits after the point, such as "250000.00".`,
    );
  }
  const cents = new MoneyDecimal(text).times(100).toNumber();
  if (!Number.isSafeInteger(cents)) {
    throw new TargetError(
      `Target for ${where} is too large: ${text}. Enter an amount below 90 trillion.`,
    );
  }
  return cents;
}

function spreadToMonths(
  year: FiscalYear,
  period: string,
  cents: number,
  segment: string,
): { index: number; monthCents: number }[] {
  const monthIndex = year.months.findIndex((m) => m.id === period);
  if (monthIndex >= 0) return [{ index: monthIndex, monthCents: cents }];

  const quarter = year.quarters.find((q) => q.id === period);
  if (quarter === undefined) {
    const otherYear = /^(FY\d{4})-(M(0[1-9]|1[0-2])|Q[1-4])$/.exec(period);
    if (otherYear !== null) {
      throw new TargetError(
        `Target for segment "${segment}" is for ${period}, outside the plan's fiscal year ${year.id}. Remove the targets of ${otherYear[1]} or enter them again for ${year.id}.`,
      );
    }
    throw new TargetError(
      `Target for segment "${segment}" names period ${JSON.stringify(period)}, which is not a month or quarter of ${year.id}. Use an id such as "${year.id}-M01" or "${year.id}-Q1".`,
    );
  }
  const even = [1, 1, 1].map((w) => new MoneyDecimal(w));
  const parts = allocateCents(cents, even);
  const first = (quarter.index - 1) * 3;
  return parts.map((part, i) => ({ index: first + i, monthCents: part }));
}

function zeroTrace(monthId: string, segment: string): Trace {
  return makeTrace(
    `Target ${monthId} ${segment}`,
    "0.00",
    "no target entered for this month",
    {},
  );
}

function monthTrace(
  monthId: string,
  segment: string,
  input: TargetInput,
  cents: number,
): Trace {
  const figure = `Target ${monthId} ${segment}`;
  if (input.period === monthId) {
    return makeTrace(figure, centsToString(cents), "entered month target", {
      [input.period]: input.amount,
    });
  }
  return makeTrace(
    figure,
    centsToString(cents),
    "quarter target / 3, leftover cents to the earliest months",
    { [input.period]: input.amount },
  );
}

/** Target of one month for one segment, or for the company when no segment is given. */
export function monthTarget(
  table: TargetTable,
  monthId: string,
  segment?: string,
): MoneyFigure {
  const index = table.year.months.findIndex((m) => m.id === monthId);
  if (index < 0) {
    throw new TargetError(
      `Month ${JSON.stringify(monthId)} is not in ${table.year.id}. Use an id such as "${table.year.id}-M01".`,
    );
  }
  return sumMonths(table, [index], `Target ${monthId}`, segment);
}

/** Target of one quarter, summed from its months. */
export function quarterTarget(
  table: TargetTable,
  quarterId: string,
  segment?: string,
): MoneyFigure {
  const quarter = table.year.quarters.find((q) => q.id === quarterId);
  if (quarter === undefined) {
    throw new TargetError(
      `Quarter ${JSON.stringify(quarterId)} is not in ${table.year.id}. Use an id such as "${table.year.id}-Q1".`,
    );
  }
  const first = (quarter.index - 1) * 3;
  const indexes = [first, first + 1, first + 2];
  return sumMonths(table, indexes, `Target ${quarterId}`, segment);
}

/** Target of the whole fiscal year, summed from its months. */
export function yearTarget(table: TargetTable, segment?: string): MoneyFigure {
  const indexes = table.year.months.map((_, i) => i);
  return sumMonths(table, indexes, `Target ${table.year.id}`, segment);
}

function sumMonths(
  table: TargetTable,
  indexes: number[],
  figure: string,
  segment: string | undefined,
): MoneyFigure {
  const segments = segment === undefined ? table.segments : [segment];
  if (segment !== undefined && !table.monthCents.has(segment)) {
    throw new TargetError(
      `Segment ${JSON.stringify(segment)} has no targets. Use one of: ${table.segments.join(", ") || "(none entered)"}.`,
    );
  }

  // One segment's month is a figure of its own: its trace shows how it was
  // entered rather than calling it a sum.
  if (segments.length === 1 && indexes.length === 1) {
    const trace = table.monthTraces.get(segments[0])![indexes[0]];
    return {
      cents: table.monthCents.get(segments[0])![indexes[0]],
      amount: trace.value,
      trace,
    };
  }

  let cents = 0;
  const parts: Trace[] = [];
  for (const name of segments) {
    for (const index of indexes) {
      cents += table.monthCents.get(name)![index];
      parts.push(table.monthTraces.get(name)![index]);
    }
  }
  const label =
    segment === undefined ? `${figure} company` : `${figure} ${segment}`;
  const amount = centsToString(cents);
  const trace = makeTrace(
    label,
    amount,
    "sum of monthly segment targets",
    {},
    parts,
  );
  return { cents, amount, trace };
}
