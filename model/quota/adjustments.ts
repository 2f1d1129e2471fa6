import { centsToString } from "../money.ts";
import { parseCents } from "./amounts.ts";
import { QuotaAdjustmentError, QuotaInputError } from "./errors.ts";
import { describeNode, type QuotaTree } from "./tree.ts";
import type {
  AdjustmentMode,
  QuotaAdjustment,
  SkippedAdjustment,
} from "./types.ts";

/** An adjustment in cents: a fixed annual amount or a delta on the cascade share. */
export interface ParsedAdjustment {
  kind: "amount" | "delta";
  cents: number;
}

/**
 * Parses the adjustments the cascade applies. Adjustments of nodes that no
 * longer exist (a merge may delete a node that another replica adjusted) or
 * of the company node are skipped and listed, as are all of them when the
 * mode is "overwrite".
 */
export function parseAdjustments(
  tree: QuotaTree,
  adjustments: Readonly<Record<string, QuotaAdjustment>>,
  mode: AdjustmentMode,
): { applied: Map<string, ParsedAdjustment>; skipped: SkippedAdjustment[] } {
  const applied = new Map<string, ParsedAdjustment>();
  const skipped: SkippedAdjustment[] = [];

  for (const nodeId of Object.keys(adjustments).sort()) {
    const node = tree.byId.get(nodeId);
    if (node === undefined) {
      skipped.push({ nodeId, reason: "node not found" });
    } else if (node.level === "company") {
      skipped.push({ nodeId, reason: "company node" });
    } else if (mode === "overwrite") {
      skipped.push({ nodeId, reason: "overwritten" });
    } else {
      applied.set(nodeId, parseAdjustment(tree, nodeId, adjustments[nodeId]));
    }
  }
  return { applied, skipped };
}

function parseAdjustment(
  tree: QuotaTree,
  nodeId: string,
  adjustment: QuotaAdjustment,
): ParsedAdjustment {
  const label = describeNode(tree.byId.get(nodeId)!);
  if ("amount" in adjustment && !("delta" in adjustment)) {
    const cents = parseCents(adjustment.amount, `Adjusted quota of ${label}`);
    if (cents < 0) {
      throw new QuotaAdjustmentError(
        nodeId,
        centsToString(cents),
        `Adjusted quota of ${label} is negative: ${centsToString(cents)}. Set an amount of 0 or more.`,
      );
    }
    return { kind: "amount", cents };
  }
  if ("delta" in adjustment && !("amount" in adjustment)) {
    return {
      kind: "delta",
      cents: parseCents(adjustment.delta, `Quota delta of ${label}`),
    };
  }
  throw new QuotaInputError(
    `Adjustment of ${label} must have either "amount" or "delta", not ${JSON.stringify(adjustment)}.`,
  );
}
