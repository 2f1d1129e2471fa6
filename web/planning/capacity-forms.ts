/**
 * Checks of what a person types into the capacity tables, before anything
 * is written. Each parser returns the value as the plan stores it, or a
 * message for the field. The model checks the same rules again when an
 * edit is applied (model/capacity/roles.ts, headcount.ts).
 */

import type {
  PlannedHire,
  PlannedRep,
  PlanningInputs,
} from "../../model/planning/inputs.ts";

/** A parsed field: the value to store, or the message to show at the field. */
export type FieldResult<T> =
  { ok: true; value: T } | { ok: false; message: string };

const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;
const MONEY_PATTERN = /^\d+(\.\d{1,2})?$/;
const WHOLE_PATTERN = /^\d+$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// Digits grouped by commas in threes, with an optional sign, "$" and decimals.
const GROUPED_PATTERN = /^-?\$?\d{1,3}(,\d{3})+(\.\d+)?$/;

function ok<T>(value: T): FieldResult<T> {
  return { ok: true, value };
}

function fail<T>(message: string): FieldResult<T> {
  return { ok: false, message };
}

/**
 * Parses a ramp curve typed as comma-separated percents, such as
 * "20, 40, 60, 80, 100" (a "%" after a number is allowed). Each percent is
 * 0-100 and the last is exactly 100.
 */
export function parseRampText(text: string): FieldResult<string[]> {
  const parts = text
    .split(",")
    .map((part) => part.trim().replace(/%$/, "").trim());
  if (parts.length === 1 && parts[0] === "") {
    return fail(
      "The ramp is empty. Enter one percent per month of tenure, ending at 100, such as 25, 50, 100.",
    );
  }

  for (const [index, part] of parts.entries()) {
    const month = index + 1;
    if (part.startsWith("-") && DECIMAL_PATTERN.test(part.slice(1))) {
      return fail(
        `Ramp month ${month} is negative: ${part}%. Enter a percent from 0 to 100.`,
      );
    }
    if (!DECIMAL_PATTERN.test(part)) {
      return fail(
        `Ramp month ${month} is not a percent: ${JSON.stringify(part)}. Enter numbers separated by commas, such as 25, 50, 100.`,
      );
    }
    if (Number(part) > 100) {
      return fail(
        `Ramp month ${month} is ${part}%, above 100. Enter a percent from 0 to 100.`,
      );
    }
  }

  const last = parts[parts.length - 1];
  if (Number(last) !== 100) {
    return fail(
      `The ramp ends at ${last}%, but the last month must reach 100%. Add months until it reaches 100, such as ${[...parts, "100"].join(", ")}.`,
    );
  }
  return ok(parts);
}

/** Formats stored ramp percents for the ramp field: "20, 40, 100". */
export function formatRamp(percents: readonly string[]): string {
  return percents.join(", ");
}

/**
 * Removes the thousands commas of an amount such as "12,345.67" and
 * returns the plain number text, or null when a comma does not separate a
 * group of three digits, as in "1,00" or "1,5". Text without commas is
 * returned as it is.
 */
export function withoutThousandsCommas(text: string): string | null {
  if (!text.includes(",")) return text;
  return GROUPED_PATTERN.test(text) ? text.replaceAll(",", "") : null;
}

/** Returns the message for commas that do not separate groups of three digits. */
export function misplacedCommaMessage(label: string, text: string): string {
  return `${label} has a comma out of place: ${JSON.stringify(text)}. Use commas only between groups of three digits, such as 1,000 or 12,345.67, or leave them out.`;
}

/**
 * Parses an amount of money: digits with at most two decimals, with
 * thousands commas and a leading "$" allowed. `label` names the field in
 * messages, such as "Loaded cost".
 */
export function parseMoneyField(
  text: string,
  label: string,
): FieldResult<string> {
  const plain = withoutThousandsCommas(text.trim().replace(/^\$/, ""));
  if (plain === null) return fail(misplacedCommaMessage(label, text.trim()));
  const unsigned = plain.replace(/^-\$?/, "");
  if (plain.startsWith("-") && MONEY_PATTERN.test(unsigned)) {
    return fail(
      `${label} cannot be negative: ${text.trim()}. Enter 0 or more.`,
    );
  }
  if (!MONEY_PATTERN.test(plain)) {
    return fail(
      `${label} is not an amount: ${JSON.stringify(text.trim())}. Enter a number with at most two decimals, such as 250000.00.`,
    );
  }
  return ok(plain);
}

/** Parses a percent from 0 to 100, with an optional trailing "%". */
export function parsePercentField(
  text: string,
  label: string,
): FieldResult<string> {
  const plain = text.trim().replace(/%$/, "").trim();
  if (plain.startsWith("-") && DECIMAL_PATTERN.test(plain.slice(1))) {
    return fail(`${label} cannot be negative: ${plain}%. Enter 0 to 100.`);
  }
  if (!DECIMAL_PATTERN.test(plain)) {
    return fail(
      `${label} is not a percent: ${JSON.stringify(text.trim())}. Enter a number from 0 to 100, such as 12.5.`,
    );
  }
  if (Number(plain) > 100) {
    return fail(`${label} is ${plain}%, above 100. Enter 0 to 100.`);
  }
  return ok(plain);
}

/** Parses a whole number of at least `min`. */
export function parseWholeField(
  text: string,
  label: string,
  min: number,
): FieldResult<number> {
  const plain = text.trim();
  if (!WHOLE_PATTERN.test(plain) || Number(plain) < min) {
    return fail(
      `${label} must be a whole number of ${min} or more, not ${JSON.stringify(plain)}.`,
    );
  }
  return ok(Number(plain));
}

/** Parses a name that must not be blank. `label` names the field in messages. */
export function parseNameField(
  text: string,
  label: string,
): FieldResult<string> {
  const name = text.trim();
  if (name === "") return fail(`${label} is empty. Enter a name.`);
  return ok(name);
}

/** Parses a calendar date written as YYYY-MM-DD. */
export function parseDateField(text: string): FieldResult<string> {
  const plain = text.trim();
  const match = DATE_PATTERN.exec(plain);
  if (match !== null) {
    const [year, month, day] = match.slice(1).map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    const valid =
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day;
    if (valid) return ok(plain);
  }
  return fail(
    `Start date ${JSON.stringify(plain)} is not a date. Write it as YYYY-MM-DD, such as 2026-03-15.`,
  );
}

/** Direction of a table sort. */
export type SortDirection = "ascending" | "descending";

/** Returns the reps sorted by name, then by id so that equal names keep one order. */
export function sortRepsByName(
  reps: readonly PlannedRep[],
  direction: SortDirection = "ascending",
): PlannedRep[] {
  const sign = direction === "ascending" ? 1 : -1;
  return [...reps].sort(
    (a, b) =>
      sign *
      (a.name.localeCompare(b.name, undefined, { sensitivity: "base" }) ||
        a.id.localeCompare(b.id)),
  );
}

/** Returns hire lines in fiscal month order, then by role id and id. */
export function sortHires(hires: readonly PlannedHire[]): PlannedHire[] {
  return [...hires].sort(
    (a, b) =>
      a.monthId.localeCompare(b.monthId) ||
      a.roleId.localeCompare(b.roleId) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Returns why a role cannot be removed: the reps and hire lines that use
 * it. Returns null for a role nothing uses.
 */
export function roleRemovalProblem(
  inputs: PlanningInputs,
  roleId: string,
): string | null {
  const role = inputs.roles.find((r) => r.id === roleId);
  const reps = inputs.reps.filter((r) => r.roleId === roleId).length;
  const hires = inputs.hires.filter((h) => h.roleId === roleId).length;
  if (reps === 0 && hires === 0) return null;

  const uses = [
    reps > 0 ? `${reps} rep${reps === 1 ? "" : "s"}` : null,
    hires > 0 ? `${hires} hire line${hires === 1 ? "" : "s"}` : null,
  ].filter((use) => use !== null);
  const name = role?.name ?? roleId;
  const verb = reps + hires === 1 ? "uses" : "use";
  return `Role "${name}" cannot be removed: ${uses.join(" and ")} ${verb} it. Give them another role or remove them first.`;
}
