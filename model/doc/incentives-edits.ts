import * as Y from "yjs";
import type {
  CreditingProblem,
  CreditingRule,
} from "../incentives/crediting/types.ts";
import { checkTables } from "../incentives/crediting/validate-tables.ts";
import { RateTableError } from "../incentives/deals/errors.ts";
import { validateRateTable } from "../incentives/deals/rates.ts";
import { timeZoneProblem } from "../incentives/deals/time-zone.ts";
import { IncentivesEditError } from "../incentives/errors.ts";
import { PayoutPlanError } from "../incentives/payout/errors.ts";
import { validatePlan } from "../incentives/payout/validate-plan.ts";
import type {
  CompPlanRecord,
  IncentiveInputs,
  RateRecord,
} from "../incentives/plan-inputs.ts";
import { IncentivesDoc, TIME_ZONE } from "./incentives-doc.ts";

export { IncentivesEditError };

/** Maximum length of a comp plan name, in characters. */
export const MAX_COMP_PLAN_NAME = 80;

/**
 * Adds or replaces a comp plan. Raises IncentivesEditError, writing
 * nothing, when the id, name or roles are invalid or validatePlan rejects
 * the plan. An existing entry keeps its Y.Map and only changed fields are
 * written, so concurrent edits of different fields merge.
 */
export function setCompPlan(
  doc: Y.Doc,
  record: CompPlanRecord,
  origin?: unknown,
): void {
  checkId("comp plan id", record.id);
  checkPlanName(record.name);
  checkRoleIds(record.roleIds);
  checkPlan(record);

  const compPlans = new IncentivesDoc(doc).compPlans;
  const fields: Record<string, unknown> = {
    name: record.name,
    roleIds: [...record.roleIds],
    plan: structuredClone(record.plan),
  };
  doc.transact(() => {
    let entry = compPlans.get(record.id);
    if (!(entry instanceof Y.Map)) {
      entry = new Y.Map<unknown>();
      compPlans.set(record.id, entry);
    }
    for (const [field, value] of Object.entries(fields)) {
      if (!sameJson(entry.get(field), value)) entry.set(field, value);
    }
  }, origin);
}

/** Removes a comp plan. Raises IncentivesEditError when there is none with the id. */
export function deleteCompPlan(doc: Y.Doc, id: string, origin?: unknown): void {
  const compPlans = new IncentivesDoc(doc).compPlans;
  checkExists(compPlans, "comp plan", id);
  doc.transact(() => compPlans.delete(id), origin);
}

/**
 * Adds or replaces a crediting rule, keyed by its id. Raises
 * IncentivesEditError, writing nothing, when the rule's kind, ids or dates
 * are invalid.
 */
export function setCreditingRule(
  doc: Y.Doc,
  rule: CreditingRule,
  origin?: unknown,
): void {
  checkId("crediting rule id", rule.id);
  checkRule(rule);

  const rules = new IncentivesDoc(doc).creditingRules;
  const value = structuredClone(rule) as unknown as Record<string, unknown>;
  delete value.id;
  doc.transact(() => rules.set(rule.id, value), origin);
}

/** Removes a crediting rule. Raises IncentivesEditError when there is none with the id. */
export function deleteCreditingRule(
  doc: Y.Doc,
  id: string,
  origin?: unknown,
): void {
  const rules = new IncentivesDoc(doc).creditingRules;
  checkExists(rules, "crediting rule", id);
  doc.transact(() => rules.delete(id), origin);
}

/**
 * Adds or replaces a currency rate, keyed by its id. Raises
 * IncentivesEditError, writing nothing, when the rate is invalid or another
 * rate of the plan has the same currency and date. Only the edited rate is
 * checked, so a table that a merge left with a repeated date can still be
 * repaired one rate at a time.
 */
export function setRate(doc: Y.Doc, rate: RateRecord, origin?: unknown): void {
  checkId("rate id", rate.id);
  const incentives = new IncentivesDoc(doc);
  checkRate(rate);
  const twin = incentives
    .readRates()
    .find(
      (r) =>
        r.id !== rate.id &&
        r.currency === rate.currency &&
        r.effectiveFrom === rate.effectiveFrom,
    );
  if (twin !== undefined) {
    throw new IncentivesEditError(
      "effectiveFrom",
      rate.effectiveFrom,
      `The plan already has a ${rate.currency} rate from ${rate.effectiveFrom} (rate "${twin.id}"). Edit that rate, or pick another date.`,
    );
  }

  const value = {
    currency: rate.currency,
    effectiveFrom: rate.effectiveFrom,
    rate: rate.rate,
  };
  doc.transact(() => incentives.rates.set(rate.id, value), origin);
}

/**
 * Removes a currency rate. Raises IncentivesEditError when there is none
 * with the id. Removing a rate leaves every other rate valid, so nothing
 * else is checked.
 */
export function deleteRate(doc: Y.Doc, id: string, origin?: unknown): void {
  const incentives = new IncentivesDoc(doc);
  checkExists(incentives.rates, "rate", id);
  doc.transact(() => incentives.rates.delete(id), origin);
}

/**
 * Sets the manager of a rep, or clears it with null. Raises
 * IncentivesEditError, writing nothing, when a rep would manage themself or
 * the manager chain would loop back to the rep.
 */
export function setManager(
  doc: Y.Doc,
  repId: string,
  managerId: string | null,
  origin?: unknown,
): void {
  checkId("rep id", repId);
  const managers = new IncentivesDoc(doc).managers;
  if (managerId === null) {
    if (managers.has(repId)) {
      doc.transact(() => managers.delete(repId), origin);
    }
    return;
  }

  checkId("manager id", managerId);
  if (managerId === repId) {
    throw new IncentivesEditError(
      "managerId",
      managerId,
      `Rep "${repId}" cannot be their own manager. Pick another rep as manager, or none.`,
    );
  }
  checkNoCycle(managers, repId, managerId);
  if (managers.get(repId) === managerId) return;
  doc.transact(() => managers.set(repId, managerId), origin);
}

/**
 * Sets the plan's IANA time zone, such as "America/Los_Angeles", in which
 * every pay date is a calendar date, or clears it with null so "UTC"
 * applies. Surrounding spaces are dropped. Raises IncentivesEditError,
 * writing nothing, when this engine's Intl rejects the zone.
 */
export function setTimeZone(
  doc: Y.Doc,
  zone: string | null,
  origin?: unknown,
): void {
  const settings = new IncentivesDoc(doc).settings;
  if (zone === null) {
    if (settings.has(TIME_ZONE)) {
      doc.transact(() => settings.delete(TIME_ZONE), origin);
    }
    return;
  }

  const name = typeof zone === "string" ? zone.trim() : "";
  const reason = timeZoneProblem(name);
  if (reason !== null) {
    throw new IncentivesEditError(
      "timeZone",
      String(zone),
      `Time zone ${JSON.stringify(zone)} was not saved because it ${reason}, or clear it to use UTC.`,
    );
  }
  if (settings.get(TIME_ZONE) === name) return;
  doc.transact(() => settings.set(TIME_ZONE, name), origin);
}

function checkNoCycle(
  managers: Y.Map<string>,
  repId: string,
  managerId: string,
): void {
  const chain = [repId, managerId];
  const seen = new Set(chain);
  let current = managers.get(managerId);
  while (current !== undefined && !seen.has(current)) {
    chain.push(current);
    seen.add(current);
    current = managers.get(current);
  }
  if (current !== repId) return;

  chain.push(repId);
  throw new IncentivesEditError(
    "managerId",
    managerId,
    `Making "${managerId}" the manager of "${repId}" would create a loop: ${chain.join(" -> ")}. Pick a manager outside ${repId}'s team.`,
  );
}

function checkId(field: string, id: unknown): void {
  if (typeof id === "string" && id.trim() !== "") return;
  throw new IncentivesEditError(
    field,
    String(id),
    `Missing ${field}: got ${JSON.stringify(id ?? null)}. Give a non-empty id.`,
  );
}

function checkExists(
  map: { has(id: string): boolean },
  kind: string,
  id: string,
): void {
  if (map.has(id)) return;
  throw new IncentivesEditError(
    "id",
    id,
    `No ${kind} with id "${id}" exists in this plan. Reload the list; another editor may have removed it.`,
  );
}

function checkPlanName(name: unknown): void {
  const text = typeof name === "string" ? name : "";
  if (text.trim() === "" || text.length > MAX_COMP_PLAN_NAME) {
    throw new IncentivesEditError(
      "name",
      String(name),
      `Invalid comp plan name ${JSON.stringify(name ?? null)}. Use 1 to ${MAX_COMP_PLAN_NAME} characters.`,
    );
  }
}

function checkRoleIds(roleIds: unknown): void {
  if (!Array.isArray(roleIds)) {
    throw new IncentivesEditError(
      "roleIds",
      String(roleIds),
      `Invalid roleIds ${JSON.stringify(roleIds ?? null)}. Give a list of planning role ids, empty for none.`,
    );
  }
  const seen = new Set<string>();
  for (const roleId of roleIds as unknown[]) {
    checkId("role id", roleId);
    if (seen.has(roleId as string)) {
      throw new IncentivesEditError(
        "roleIds",
        String(roleId),
        `Role "${String(roleId)}" is listed twice in roleIds. List each role once.`,
      );
    }
    seen.add(roleId as string);
  }
}

function checkPlan(record: CompPlanRecord): void {
  try {
    validatePlan(record.plan);
  } catch (error) {
    if (!(error instanceof PayoutPlanError)) throw error;
    const field = error.problems[0]?.field ?? "components";
    throw new IncentivesEditError(
      `plan.${field}`,
      valueAt(record.plan, field),
      `Comp plan "${record.name}" was not saved. ${error.message}`,
    );
  }
}

function checkRule(rule: CreditingRule): void {
  const problems: CreditingProblem[] = [];
  checkTables(
    { deals: [], territoryHistory: [], territoryReps: [], rules: [rule] },
    problems,
  );
  if (problems.length === 0) return;

  const first = problems[0];
  const reasons = problems.map(
    (p) => `${p.field} is ${JSON.stringify(p.value)}: ${p.reason}`,
  );
  throw new IncentivesEditError(
    first.field,
    first.value,
    `Crediting rule "${rule.id}" was not saved. ${reasons.join(" ")}`,
  );
}

function checkRate(rate: RateRecord): void {
  try {
    validateRateTable([rate]);
  } catch (error) {
    if (!(error instanceof RateTableError)) throw error;
    const { currency, effectiveFrom, rate: value } = rate;
    throw new IncentivesEditError(
      "rate",
      `${currency} ${effectiveFrom} ${value}`,
      `Rate "${rate.id}" was not saved. ${error.message}`,
    );
  }
}

/** Returns the text of the value at a path such as "components[0].rate". */
function valueAt(root: unknown, path: string): string {
  let value = root;
  for (const key of path.split(/[.[\]]/).filter((k) => k !== "")) {
    if (typeof value !== "object" || value === null) return "";
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Writes the incentive inputs of a new plan through the edits above, so a
 * seed is checked like any edit. Raises IncentivesEditError on the first
 * invalid entry. Called inside initPlan's transaction, it joins it.
 */
export function seedIncentives(
  doc: Y.Doc,
  inputs: IncentiveInputs,
  origin?: unknown,
): void {
  doc.transact(() => {
    for (const record of inputs.compPlans) setCompPlan(doc, record, origin);
    for (const rule of inputs.creditingRules) {
      setCreditingRule(doc, rule, origin);
    }
    for (const rate of inputs.rates) setRate(doc, rate, origin);
    for (const [repId, managerId] of Object.entries(inputs.managers)) {
      setManager(doc, repId, managerId, origin);
    }
    if (inputs.timeZone !== undefined) {
      setTimeZone(doc, inputs.timeZone, origin);
    }
  }, origin);
}
