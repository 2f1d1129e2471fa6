import * as Y from "yjs";
import type { PlanningInputs } from "../planning/inputs.ts";
import type { ChildLevel, LevelRule, QuotaAdjustment } from "../quota/types.ts";
import { targetKey, type PlanningDoc } from "./planning-doc.ts";

/**
 * One change of a planning input: how it changes the plain inputs (so the
 * result can be checked before anything is written), how it writes the
 * document, and the cell it records in the history.
 */
export interface PlanningChange {
  cell: string;
  from: string | null;
  to: string | null;
  modify(inputs: PlanningInputs): void;
  write(planning: PlanningDoc): void;
}

/** Sets or clears one segment's target for one month or quarter. */
export function targetChange(
  planning: PlanningDoc,
  segment: string,
  period: string,
  amount: string | null,
): PlanningChange {
  const key = targetKey(segment, period);
  return {
    cell: `target:${key}`,
    from: planning.targets.get(key) ?? null,
    to: amount,
    modify(inputs) {
      inputs.targets = inputs.targets.filter(
        (t) => t.segment !== segment || t.period !== period,
      );
      if (amount !== null) inputs.targets.push({ segment, period, amount });
    },
    write(doc) {
      if (amount === null) doc.targets.delete(key);
      else doc.targets.set(key, amount);
    },
  };
}

/** Sets or clears a manual quota adjustment of one node. */
export function adjustmentChange(
  planning: PlanningDoc,
  nodeId: string,
  adjustment: QuotaAdjustment | null,
): PlanningChange {
  return {
    cell: `adj:${nodeId}`,
    from: adjustmentText(planning.adjustments.get(nodeId) ?? null),
    to: adjustmentText(adjustment),
    modify(inputs) {
      delete inputs.adjustments[nodeId];
      if (adjustment !== null) inputs.adjustments[nodeId] = adjustment;
    },
    write(doc) {
      if (adjustment === null) doc.adjustments.delete(nodeId);
      else doc.adjustments.set(nodeId, { ...adjustment });
    },
  };
}

/** Sets or clears the prior-year bookings of one node. */
export function priorBookingsChange(
  planning: PlanningDoc,
  nodeId: string,
  amount: string | null,
): PlanningChange {
  return {
    cell: `prior:${nodeId}`,
    from: planning.priorBookings.get(nodeId) ?? null,
    to: amount,
    modify(inputs) {
      delete inputs.priorBookings[nodeId];
      if (amount !== null) inputs.priorBookings[nodeId] = amount;
    },
    write(doc) {
      if (amount === null) doc.priorBookings.delete(nodeId);
      else doc.priorBookings.set(nodeId, amount);
    },
  };
}

/** Settings that hold one plain value each. */
type SettingField = "fiscalStartMonth" | "fiscalYear" | "companyQuota";

/** Sets a fiscal setting or the company quota; null clears it. */
export function settingChange(
  planning: PlanningDoc,
  field: SettingField,
  value: number | string | null,
): PlanningChange {
  return {
    cell: `setting:${field}`,
    from: textOf(planning.settings.get(field)),
    to: textOf(value),
    modify(inputs) {
      if (field === "companyQuota") {
        inputs.quota.companyQuota = value === null ? null : String(value);
      } else if (typeof value === "number") {
        inputs[field] = value;
      }
    },
    write(doc) {
      if (value === null) doc.settings.delete(field);
      else doc.settings.set(field, value);
    },
  };
}

/** Sets the seasonality profile, or null to follow the targets. */
export function seasonalityChange(
  planning: PlanningDoc,
  profile: string[] | null,
): PlanningChange {
  return {
    cell: "setting:seasonality",
    from: textOf(planning.settings.get("seasonality")),
    to: textOf(profile),
    modify(inputs) {
      inputs.quota.seasonality = profile === null ? null : [...profile];
    },
    write(doc) {
      if (profile === null) doc.settings.delete("seasonality");
      else doc.settings.set("seasonality", [...profile]);
    },
  };
}

/** Sets the rule of one level of the cascade. */
export function levelRuleChange(
  planning: PlanningDoc,
  level: ChildLevel,
  rule: LevelRule,
): PlanningChange {
  const field = `rule:${level}`;
  return {
    cell: `setting:${field}`,
    from: textOf(planning.settings.get(field)),
    to: textOf(rule),
    modify(inputs) {
      inputs.quota.levels[level] = rule;
    },
    write(doc) {
      doc.settings.set(field, structuredClone(rule));
    },
  };
}

type EntryKind = "roles" | "reps" | "hires";

/** Adds or replaces a role, a rep or a hire line; null removes it. */
export function entryChange<K extends EntryKind>(
  planning: PlanningDoc,
  kind: K,
  id: string,
  entry: PlanningInputs[K][number] | null,
): PlanningChange {
  const fields = entry === null ? null : withoutId(entry);
  const before = planning[kind].get(id);
  return {
    cell: `${kind}:${id}`,
    from: before === undefined ? null : textOf(before.toJSON()),
    to: textOf(fields),
    modify(inputs) {
      const list = inputs[kind] as unknown as { id: string }[];
      const others = list.filter((entry) => entry.id !== id);
      if (fields !== null) others.push({ ...fields, id });
      (inputs[kind] as unknown as { id: string }[]) = others;
    },
    write(doc) {
      if (fields === null) {
        doc[kind].delete(id);
        return;
      }
      const yEntry = new Y.Map<unknown>();
      for (const [field, value] of Object.entries(fields)) {
        yEntry.set(field, Array.isArray(value) ? [...value] : value);
      }
      doc[kind].set(id, yEntry);
    },
  };
}

function withoutId(entry: object): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...entry };
  delete copy.id;
  return copy;
}

/** Text of an adjustment in the history: "= 150000.00" or "+ 2000.00". */
export function adjustmentText(
  adjustment: QuotaAdjustment | null,
): string | null {
  if (adjustment === null) return null;
  if ("amount" in adjustment) return `= ${adjustment.amount}`;
  const delta = adjustment.delta;
  return delta.startsWith("-") ? `- ${delta.slice(1)}` : `+ ${delta}`;
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
