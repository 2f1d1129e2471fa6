import type Decimal from "decimal.js";
import { allocateCents, centsToString, MoneyDecimal } from "../money.ts";
import type { ParsedAdjustment } from "./adjustments.ts";
import { QuotaAdjustmentError } from "./errors.ts";
import { describeNode } from "./tree.ts";
import type { QuotaNode, QuotaSource } from "./types.ts";
import type { ChildWeight } from "./weights.ts";

/** One child's part of its parent's pool. */
export interface SplitPart {
  child: ChildWeight;
  cents: number;
  source: Exclude<QuotaSource, "company">;
  /** The child's largest-remainder share of the whole pool, before any adjustment. */
  shareCents: number;
  /** Amount the unadjusted siblings split: the pool minus the adjusted quotas. */
  remainderCents: number;
  /** Share of the remainder for an unadjusted child, or null for an adjusted one. */
  remainderShare: Decimal | null;
}

/**
 * Splits a parent's pool among its children by weight, largest remainder.
 * Adjusted children keep their amount, or their share plus their delta.
 * The other children split the rest of the pool by weight, so the parts sum
 * exactly to the pool whenever no QuotaAdjustmentError is raised.
 */
export function splitPool(
  parent: QuotaNode,
  poolCents: number,
  weights: readonly ChildWeight[],
  adjustments: ReadonlyMap<string, ParsedAdjustment>,
): SplitPart[] {
  const shares = allocateCents(
    poolCents,
    weights.map((w) => w.weight),
  );
  const fixed = weights.map((w, i) =>
    adjustedCents(w.node, shares[i], adjustments.get(w.node.id)),
  );

  const fixedTotal = fixed.reduce<number>((sum, c) => sum + (c ?? 0), 0);
  const remainderCents = poolCents - fixedTotal;
  const freeIndexes = weights.flatMap((_, i) => (fixed[i] === null ? [i] : []));
  checkRemainder(parent, poolCents, remainderCents, weights, freeIndexes);

  const freeShares = remainderShares(freeIndexes.map((i) => weights[i].weight));
  const freeCents =
    freeIndexes.length === 0
      ? []
      : allocateCents(
          remainderCents,
          freeIndexes.map((i) => weights[i].weight),
        );

  return weights.map((child, i) => {
    const adjustment = adjustments.get(child.node.id);
    const free = freeIndexes.indexOf(i);
    return {
      child,
      cents: free === -1 ? fixed[i]! : freeCents[free],
      source:
        adjustment === undefined ? "cascade" : `adjusted ${adjustment.kind}`,
      shareCents: shares[i],
      remainderCents,
      remainderShare: free === -1 ? null : freeShares[free],
    };
  });
}

/** Normalizes weights to shares the way allocateCents does: all-zero weights share evenly. */
function remainderShares(weights: readonly Decimal[]): Decimal[] {
  const sum = weights.reduce((acc, w) => acc.plus(w), new MoneyDecimal(0));
  if (sum.isZero()) {
    return weights.map(() => new MoneyDecimal(1).dividedBy(weights.length));
  }
  return weights.map((w) => w.dividedBy(sum));
}

function adjustedCents(
  node: QuotaNode,
  shareCents: number,
  adjustment: ParsedAdjustment | undefined,
): number | null {
  if (adjustment === undefined) return null;
  if (adjustment.kind === "amount") return adjustment.cents;

  const cents = shareCents + adjustment.cents;
  if (cents < 0) {
    throw new QuotaAdjustmentError(
      node.id,
      centsToString(cents),
      `Quota of ${describeNode(node)} is negative: ${centsToString(cents)} ` +
        `(share ${centsToString(shareCents)} plus delta ${centsToString(adjustment.cents)}). Check the manual adjustment.`,
    );
  }
  return cents;
}

function checkRemainder(
  parent: QuotaNode,
  poolCents: number,
  remainderCents: number,
  weights: readonly ChildWeight[],
  freeIndexes: readonly number[],
): void {
  const pool = centsToString(poolCents);
  const remainder = centsToString(remainderCents);

  if (remainderCents < 0) {
    throw new QuotaAdjustmentError(
      parent.id,
      remainder,
      `Adjusted quotas under ${describeNode(parent)} exceed its pool of ${pool}, ` +
        `leaving ${remainder} for the other children. Lower an adjustment or raise the quota of ${describeNode(parent)}.`,
    );
  }
  if (freeIndexes.length === 0 && remainderCents !== 0 && weights.length > 0) {
    throw new QuotaAdjustmentError(
      parent.id,
      remainder,
      `Every child of ${describeNode(parent)} is adjusted, and they leave ${remainder} of its pool of ${pool} unassigned. ` +
        `Remove one adjustment so that child takes the rest.`,
    );
  }
}
