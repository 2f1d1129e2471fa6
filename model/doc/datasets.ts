import type { PlanDoc } from "./plan-doc.ts";

const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Names a reference dataset in the plan, by the sha256 of its bytes as the
 * server stores them: `meta.datasets[kind] = sha256`. Every client watches
 * this entry and loads the dataset it names.
 *
 * `meta.datasets` is one plain object in the `meta` map, so two people who
 * set different kinds at the same moment both write the whole object and
 * one write wins. NOTE: the losing kind keeps its old hash; set it again.
 */
export function setDatasetHash(
  planDoc: PlanDoc,
  kind: string,
  sha256: string,
  origin?: unknown,
): void {
  if (!SHA256_PATTERN.test(sha256)) {
    throw new Error(
      `"${sha256}" is not a sha256 for the ${kind} dataset: expected 64 lowercase hex digits.`,
    );
  }
  if (!planDoc.isWritable()) {
    throw new Error(
      `Plan "${planDoc.readMeta().planId}" uses document schema ${planDoc.schemaVersion()}, which this Meridian cannot write. Reload the page.`,
    );
  }
  const datasets = planDoc.readMeta().datasets;
  if (datasets[kind] === sha256) return;
  planDoc.doc.transact(() => {
    planDoc.meta.set("datasets", { ...datasets, [kind]: sha256 });
  }, origin);
}
