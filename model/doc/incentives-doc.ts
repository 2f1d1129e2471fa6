import * as Y from "yjs";
import type { CreditingRule } from "../incentives/crediting/types.ts";
import type {
  CompPlanRecord,
  IncentiveInputs,
  RateRecord,
} from "../incentives/plan-inputs.ts";
import type { CompPlan } from "../incentives/payout/plan.ts";
import {
  COMP_PLANS,
  CREDITING_RULES,
  INCENTIVE_SETTINGS,
  MANAGERS,
  RATES,
} from "./schema.ts";

/** Key in `incentiveSettings`: the IANA time zone of the plan's pay dates. */
export const TIME_ZONE = "timeZone";

/**
 * Handle on the incentive inputs of a plan document:
 * - `compPlans`: id -> Y.Map with `name`, `roleIds` (array of planning role
 *   ids) and `plan` (the CompPlan as plain JSON). Each field is its own map
 *   key, so one replica renaming a plan while another changes its roles
 *   merges into both edits.
 * - `creditingRules`: rule id -> the rule as plain JSON.
 * - `rates`: rate id -> `{currency, effectiveFrom, rate}`.
 * - `managers`: rep id -> the manager's rep id.
 * - `incentiveSettings`: `timeZone` (an IANA time zone name), absent until
 *   someone sets it.
 * Writes go through incentives-edits.ts, which checks them first.
 */
export class IncentivesDoc {
  readonly doc: Y.Doc;
  readonly compPlans: Y.Map<Y.Map<unknown>>;
  readonly creditingRules: Y.Map<unknown>;
  readonly rates: Y.Map<unknown>;
  readonly managers: Y.Map<string>;
  readonly settings: Y.Map<unknown>;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.compPlans = doc.getMap(COMP_PLANS);
    this.creditingRules = doc.getMap(CREDITING_RULES);
    this.rates = doc.getMap(RATES);
    this.managers = doc.getMap(MANAGERS);
    this.settings = doc.getMap(INCENTIVE_SETTINGS);
  }

  /** Returns the shared types that an undo manager of incentive edits tracks. */
  undoScope(): Y.AbstractType<unknown>[] {
    return [
      this.compPlans,
      this.creditingRules,
      this.rates,
      this.managers,
      this.settings,
    ] as Y.AbstractType<unknown>[];
  }

  /**
   * Reads every incentive input as plain data, sorted as IncentiveInputs
   * documents. Entries of the wrong shape, which only a faulty client
   * writes, are skipped. `timeZone` is present only when the plan has one.
   */
  read(): IncentiveInputs {
    const inputs: IncentiveInputs = {
      compPlans: this.readCompPlans(),
      creditingRules: this.readCreditingRules(),
      rates: this.readRates(),
      managers: this.readManagers(),
    };
    const timeZone = this.readTimeZone();
    if (timeZone !== null) inputs.timeZone = timeZone;
    return inputs;
  }

  /**
   * Returns the stored time zone name, or null when none is set. The name
   * is returned unchecked, because an older engine may reject a zone that
   * setTimeZone accepted in a newer browser. The deals reader then raises
   * TimeZoneError with the zone.
   */
  readTimeZone(): string | null {
    const zone = this.settings.get(TIME_ZONE);
    return typeof zone === "string" && zone !== "" ? zone : null;
  }

  readCompPlans(): CompPlanRecord[] {
    const records: CompPlanRecord[] = [];
    for (const [id, entry] of this.compPlans.entries()) {
      if (!(entry instanceof Y.Map)) continue;
      const plan = entry.get("plan");
      if (!isObject(plan)) continue;
      const roleIds = entry.get("roleIds");
      records.push({
        id,
        name: String(entry.get("name") ?? ""),
        roleIds: Array.isArray(roleIds)
          ? roleIds.filter((r): r is string => typeof r === "string")
          : [],
        plan: structuredClone(plan) as unknown as CompPlan,
      });
    }
    return records.sort(
      (a, b) => compare(a.name, b.name) || compare(a.id, b.id),
    );
  }

  readCreditingRules(): CreditingRule[] {
    const rules: CreditingRule[] = [];
    for (const [id, value] of this.creditingRules.entries()) {
      if (!isObject(value)) continue;
      rules.push({ ...structuredClone(value), id } as unknown as CreditingRule);
    }
    return rules.sort((a, b) => compare(a.id, b.id));
  }

  readRates(): RateRecord[] {
    const rates: RateRecord[] = [];
    for (const [id, value] of this.rates.entries()) {
      if (!isObject(value)) continue;
      rates.push({
        id,
        currency: String(value.currency ?? ""),
        effectiveFrom: String(value.effectiveFrom ?? ""),
        rate: String(value.rate ?? ""),
      });
    }
    return rates.sort(
      (a, b) =>
        compare(a.currency, b.currency) ||
        compare(a.effectiveFrom, b.effectiveFrom) ||
        compare(a.id, b.id),
    );
  }

  readManagers(): Record<string, string> {
    const managers: Record<string, string> = {};
    const repIds = [...this.managers.keys()].sort(compare);
    for (const repId of repIds) {
      const managerId = this.managers.get(repId);
      if (typeof managerId === "string") managers[repId] = managerId;
    }
    return managers;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Orders by UTF-16 code units, the same on every machine and locale. */
function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
