import { isIsoDate } from "../../overrides.ts";
import type {
  CreditingInput,
  CreditingProblem,
  CreditingRule,
  EffectivePeriod,
} from "./types.ts";

type Row = EffectivePeriod & Record<string, unknown>;

const RULE_KINDS = new Set([
  "split",
  "named-account",
  "territory",
  "overlay",
  "rollup",
]);

/**
 * Checks every effective-dated table of the input and adds one problem per
 * invalid field to `problems`. Ids must be non-empty, and periods must be
 * ISO dates (or null) with the start on or before the end.
 */
export function checkTables(
  input: CreditingInput,
  problems: CreditingProblem[],
): void {
  const history = input.territoryHistory as unknown;
  if (!Array.isArray(history) && typeof history !== "function") {
    problems.push(missingList("territoryHistory", history));
  }
  if (Array.isArray(input.territoryHistory)) {
    checkRows(
      "territoryHistory",
      input.territoryHistory,
      ["accountId", "territoryId"],
      problems,
    );
  }
  checkRows(
    "overrides",
    listOf("overrides", input.overrides ?? [], problems),
    ["accountId", "territoryId"],
    problems,
  );
  checkRows(
    "territoryReps",
    listOf("territoryReps", input.territoryReps, problems),
    ["territoryId", "repId"],
    problems,
  );
  checkRows(
    "managers",
    listOf("managers", input.managers ?? [], problems),
    ["repId", "managerId"],
    problems,
  );
  checkRules(listOf("rules", input.rules, problems), problems);
}

/**
 * Returns the list, or an empty one after adding a problem when the input
 * has no list under that name, so a missing table is reported like a bad row.
 */
export function listOf<T>(
  list: string,
  value: readonly T[] | undefined,
  problems: CreditingProblem[],
): readonly T[] {
  if (Array.isArray(value)) return value;
  problems.push(missingList(list, value));
  return [];
}

function missingList(list: string, value: unknown): CreditingProblem {
  return {
    list,
    line: 0,
    field: list,
    value: String(value),
    reason: `the input has no ${list} list; give one, empty if it has no rows.`,
  };
}

function checkRows(
  list: string,
  rows: readonly EffectivePeriod[],
  idFields: readonly string[],
  problems: CreditingProblem[],
): void {
  rows.forEach((row, index) => {
    const line = index + 1;
    for (const field of idFields) {
      const value = (row as Row)[field];
      if (typeof value !== "string" || value.trim() === "") {
        problems.push({
          list,
          line,
          field,
          value: String(value),
          reason: "the id is missing; give a non-empty id.",
        });
      }
    }
    checkPeriod(list, line, row, problems);
  });
}

function checkPeriod(
  list: string,
  line: number,
  row: EffectivePeriod,
  problems: CreditingProblem[],
): void {
  for (const field of ["effectiveFrom", "effectiveTo"] as const) {
    const value = row[field];
    if (value !== null && (typeof value !== "string" || !isIsoDate(value))) {
      problems.push({
        list,
        line,
        field,
        value: String(value),
        reason: "write a calendar date as YYYY-MM-DD, or null for an open end.",
      });
      return;
    }
  }
  if (
    row.effectiveFrom !== null &&
    row.effectiveTo !== null &&
    row.effectiveFrom > row.effectiveTo
  ) {
    problems.push({
      list,
      line,
      field: "effectiveTo",
      value: row.effectiveTo,
      reason: `the period ends before it starts on ${row.effectiveFrom}; swap or correct the dates.`,
    });
  }
}

function checkRules(
  rules: readonly CreditingRule[],
  problems: CreditingProblem[],
): void {
  const ids = new Set<string>();
  rules.forEach((rule, index) => {
    const line = index + 1;
    const report = (field: string, value: unknown, reason: string): void => {
      problems.push({
        list: "rules",
        line,
        field,
        value: String(value),
        reason,
      });
    };

    if (typeof rule.id !== "string" || rule.id.trim() === "") {
      report("id", rule.id, "the rule has no id; give it a non-empty id.");
    } else if (ids.has(rule.id)) {
      report(
        "id",
        rule.id,
        "another rule has the same id; give each rule its own id.",
      );
    }
    ids.add(rule.id);
    if (!RULE_KINDS.has(rule.kind)) {
      report(
        "kind",
        rule.kind,
        "use split, named-account, territory, overlay or rollup.",
      );
      return;
    }
    checkRuleFields(rule, report);
    checkPeriod("rules", line, rule, problems);
  });
}

function checkRuleFields(
  rule: CreditingRule,
  report: (field: string, value: unknown, reason: string) => void,
): void {
  const missing = (value: unknown): boolean =>
    typeof value !== "string" || value.trim() === "";

  if (rule.kind === "named-account") {
    if (missing(rule.accountId))
      report(
        "accountId",
        rule.accountId,
        "a named-account rule needs the account id.",
      );
    if (missing(rule.repId))
      report("repId", rule.repId, "a named-account rule needs the rep id.");
  }
  if (rule.kind === "overlay") {
    if (missing(rule.repId))
      report(
        "repId",
        rule.repId,
        "an overlay rule needs the specialist's rep id.",
      );
    if (rule.product === undefined && rule.territoryId === undefined) {
      report(
        "product",
        rule.product,
        "an overlay rule needs a product, a territory id or both.",
      );
    }
  }
}
