import type * as Y from "yjs";
import {
  ALL_FEATURES,
  type FeatureName,
  type FeatureScaling,
} from "../segmentation/types.ts";

/**
 * Top-level Y.Map of the plan's applied account segmentation. It contains one
 * key, `decision`, whose value is a whole SegmentationDecision as plain
 * JSON. One value, not a key per field, so two people applying at the same
 * time converge on one of their decisions whole instead of a mix of both.
 * Membership is not stored: every replica derives it by nearest centroid
 * (model/segmentation/membership.ts), so the map stays a few kilobytes for
 * any number of accounts. Added within schema version 1: older clients
 * ignore the map.
 */
export const SEGMENTATION = "segmentation";
const DECISION_KEY = "decision";

/** An applied segmentation: what membership by nearest centroid needs, and how it was made. */
export interface SegmentationDecision {
  k: number;
  seed: number;
  /** Features clustered on, in column order. */
  features: FeatureName[];
  /** Scaling of each feature in `features`, in the same order. */
  scaling: FeatureScaling[];
  /** Centroid of each segment in standardised units, one value per feature. */
  centroids: number[][];
  /** Name of each segment, by segment index. */
  names: string[];
  /** Mean silhouette of the run, from -1 to 1. */
  silhouette: number;
  /** sha256 of the accounts dataset the run clustered, or null when the plan names none. */
  accountsDataset: string | null;
  /** Display name of the person who applied it. */
  appliedBy: string;
  /** ISO timestamp of the apply. */
  appliedAt: string;
}

/** Returns the plan's segmentation map, creating it in this replica when it is missing. */
export function segmentationMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(SEGMENTATION);
}

/** Shared types that an undo manager tracks so that an apply is one undo step. */
export function segmentationUndoScope(doc: Y.Doc): Y.Map<unknown>[] {
  return [segmentationMap(doc)];
}

/**
 * Returns the applied segmentation, or null when none is applied or the
 * stored value is malformed (written by another version, for example), so
 * a bad value reads as "nothing applied" instead of breaking the page.
 */
export function readSegmentation(doc: Y.Doc): SegmentationDecision | null {
  const value = segmentationMap(doc).get(DECISION_KEY);
  return isDecision(value) ? value : null;
}

/** Writes `decision` as the applied segmentation in one transaction. Raises for a malformed decision. */
export function writeSegmentation(
  doc: Y.Doc,
  decision: SegmentationDecision,
  origin?: unknown,
): void {
  if (!isDecision(decision)) {
    const k = (decision as { k?: unknown } | null)?.k;
    throw new Error(
      `The segmentation decision with k = ${String(k)} is malformed: it needs k names and k centroids of one finite value per feature. Run the segmentation again.`,
    );
  }
  // A copy through JSON stores plain arrays and objects, whatever the caller passed.
  const plain = JSON.parse(JSON.stringify(decision)) as SegmentationDecision;
  doc.transact(() => segmentationMap(doc).set(DECISION_KEY, plain), origin);
}

/** Removes the applied segmentation in one transaction. */
export function clearSegmentation(doc: Y.Doc, origin?: unknown): void {
  const map = segmentationMap(doc);
  if (!map.has(DECISION_KEY)) return;
  doc.transact(() => map.delete(DECISION_KEY), origin);
}

/**
 * Calls `listener` after every change of the segmentation map and returns a
 * function that stops the calls. `local` is true when this replica made the
 * change, and false for a remote update.
 */
export function observeSegmentation(
  doc: Y.Doc,
  listener: (change: { local: boolean }) => void,
): () => void {
  const map = segmentationMap(doc);
  const observer = (_event: Y.YMapEvent<unknown>, transaction: Y.Transaction) =>
    listener({ local: transaction.local });
  map.observe(observer);
  return () => map.unobserve(observer);
}

function isDecision(value: unknown): value is SegmentationDecision {
  if (typeof value !== "object" || value === null) return false;
  const d = value as Partial<SegmentationDecision>;
  if (!Number.isSafeInteger(d.k) || (d.k as number) < 1) return false;
  if (!Number.isSafeInteger(d.seed)) return false;
  if (typeof d.silhouette !== "number") return false;
  if (typeof d.appliedBy !== "string" || typeof d.appliedAt !== "string")
    return false;
  if (d.accountsDataset !== null && typeof d.accountsDataset !== "string")
    return false;
  if (!Array.isArray(d.features) || !Array.isArray(d.scaling)) return false;
  if (!Array.isArray(d.names) || !Array.isArray(d.centroids)) return false;

  const dimensions = d.features.length;
  return (
    dimensions > 0 &&
    d.features.every((f) => ALL_FEATURES.includes(f)) &&
    d.scaling.length === dimensions &&
    d.scaling.every(
      (s, i) =>
        s?.feature === d.features![i] &&
        typeof s.logScaled === "boolean" &&
        Number.isFinite(s.mean) &&
        s.deviation > 0,
    ) &&
    d.names.length === d.k &&
    d.names.every((name) => typeof name === "string") &&
    d.centroids.length === d.k &&
    d.centroids.every(
      (c) =>
        Array.isArray(c) && c.length === dimensions && c.every(Number.isFinite),
    )
  );
}
