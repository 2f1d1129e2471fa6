import { FiscalPeriodError } from "./errors.ts";

/**
 * Fiscal calendar of a plan. A fiscal year is named after the calendar year
 * in which it ends: with a February start, FY2027 runs Feb 2026 - Jan 2027,
 * and with a January start it is the calendar year 2027.
 */
export interface FiscalCalendar {
  /** Calendar month (1-12) in which each fiscal year starts. */
  startMonth: number;
  /** First fiscal year the plan covers. Earlier years are rejected. */
  firstFiscalYear: number;
}

export interface FiscalMonth {
  /** Id such as "FY2027-M01". */
  id: string;
  fiscalYear: number;
  /** Month of the fiscal year, 1-12. */
  index: number;
  /** Id of the quarter that contains the month, such as "FY2027-Q1". */
  quarterId: string;
  calendarYear: number;
  /** Calendar month, 1-12. */
  calendarMonth: number;
  /** Label such as "Mar 2027". */
  label: string;
}

export interface FiscalQuarter {
  /** Id such as "FY2027-Q1". */
  id: string;
  fiscalYear: number;
  /** Quarter of the fiscal year, 1-4. */
  index: number;
  monthIds: string[];
}

export interface FiscalYear {
  /** Id such as "FY2027". */
  id: string;
  year: number;
  months: FiscalMonth[];
  quarters: FiscalQuarter[];
}

const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** Fiscal years need four digits because ids are "FY" plus the year. */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

/** Raises a FiscalPeriodError unless the calendar is valid. */
export function validateCalendar(calendar: FiscalCalendar): void {
  const { startMonth, firstFiscalYear } = calendar;
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new FiscalPeriodError(
      `Fiscal year start month ${JSON.stringify(startMonth)} is invalid. Use a whole number from 1 (January) to 12 (December).`,
    );
  }
  checkYear(firstFiscalYear, "First fiscal year");
}

function checkYear(year: number, field: string): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new FiscalPeriodError(
      `${field} ${JSON.stringify(year)} is invalid. Use a four-digit year such as 2027.`,
    );
  }
}

/** Lists the 12 months and 4 quarters of one fiscal year of the plan. */
export function fiscalYear(calendar: FiscalCalendar, year: number): FiscalYear {
  validateCalendar(calendar);
  checkYear(year, "Fiscal year");
  if (year < calendar.firstFiscalYear) {
    throw new FiscalPeriodError(
      `Fiscal year ${year} is before the plan's first fiscal year ${calendar.firstFiscalYear}. Choose FY${calendar.firstFiscalYear} or later.`,
    );
  }

  const months: FiscalMonth[] = [];
  for (let index = 1; index <= 12; index++) {
    months.push(fiscalMonth(calendar, year, index));
  }
  const quarters = [1, 2, 3, 4].map((index) => ({
    id: `FY${year}-Q${index}`,
    fiscalYear: year,
    index,
    monthIds: months.slice((index - 1) * 3, index * 3).map((m) => m.id),
  }));
  return { id: `FY${year}`, year, months, quarters };
}

function fiscalMonth(
  calendar: FiscalCalendar,
  year: number,
  index: number,
): FiscalMonth {
  // Month 1 of FY<year> starts in the previous calendar year unless the
  // fiscal year starts in January.
  const firstYear = calendar.startMonth === 1 ? year : year - 1;
  const serial = monthSerial(firstYear, calendar.startMonth) + index - 1;
  const { calendarYear, calendarMonth } = serialToMonth(serial);
  const pad = String(index).padStart(2, "0");
  return {
    id: `FY${year}-M${pad}`,
    fiscalYear: year,
    index,
    quarterId: `FY${year}-Q${Math.ceil(index / 3)}`,
    calendarYear,
    calendarMonth,
    label: `${MONTH_NAMES[calendarMonth - 1]} ${calendarYear}`,
  };
}

/** Counts months from year 0, so that month differences are subtractions. */
export function monthSerial(calendarYear: number, calendarMonth: number) {
  return calendarYear * 12 + calendarMonth - 1;
}

function serialToMonth(serial: number) {
  return {
    calendarYear: Math.floor(serial / 12),
    calendarMonth: (serial % 12) + 1,
  };
}

/** Serial of a fiscal month, comparable with `monthSerial` of a date. */
export function fiscalMonthSerial(month: FiscalMonth): number {
  return monthSerial(month.calendarYear, month.calendarMonth);
}
