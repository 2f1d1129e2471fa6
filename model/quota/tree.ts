import type { HierarchyNode } from "../regions.ts";
import { QuotaInputError } from "./errors.ts";
import type { QuotaLevel, QuotaNode } from "./types.ts";

const PARENT_LEVEL: Record<QuotaLevel, QuotaLevel | null> = {
  company: null,
  region: "company",
  territory: "region",
  rep: "territory",
};

/** A checked quota tree: one company at the root and each level under the one above. */
export interface QuotaTree {
  root: QuotaNode;
  byId: ReadonlyMap<string, QuotaNode>;
  /** Children of each node, ordered by name then id, so that every replica splits alike. */
  children: ReadonlyMap<string, readonly QuotaNode[]>;
}

/** Builds the tree, raising QuotaInputError on a duplicate id, a missing parent or a level out of place. */
export function buildQuotaTree(nodes: readonly QuotaNode[]): QuotaTree {
  const byId = new Map<string, QuotaNode>();
  for (const node of nodes) {
    checkNode(node, byId);
    byId.set(node.id, node);
  }

  const roots = nodes.filter((n) => n.level === "company");
  if (roots.length !== 1) {
    throw new QuotaInputError(
      `The quota tree has ${roots.length} company nodes; give exactly one.`,
    );
  }

  const children = new Map<string, QuotaNode[]>(nodes.map((n) => [n.id, []]));
  for (const node of nodes) {
    if (node.level === "company") continue;
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    checkParent(node, parent);
    children.get(parent!.id)!.push(node);
  }
  for (const list of children.values()) list.sort(byName);

  return { root: roots[0], byId, children };
}

/**
 * Builds quota nodes from the plan's region hierarchy (see model/regions.ts)
 * and reps, under one company node. A territory must belong to a region,
 * because the cascade splits the company among regions first.
 */
export function quotaNodesFromHierarchy(
  company: { id: string; name: string },
  hierarchy: readonly HierarchyNode[],
  reps: readonly { id: string; name: string; territoryId: string }[],
): QuotaNode[] {
  const regionIds = new Set(
    hierarchy.filter((n) => n.kind === "region").map((n) => n.id),
  );
  const nodes: QuotaNode[] = [{ ...company, level: "company", parentId: null }];

  for (const node of hierarchy) {
    if (node.kind === "region") {
      nodes.push({
        id: node.id,
        name: node.name,
        level: "region",
        parentId: company.id,
      });
      continue;
    }
    if (node.parentId === null || !regionIds.has(node.parentId)) {
      throw new QuotaInputError(
        `Territory "${node.name}" (${node.id}) has no region; assign it to a region before cascading quotas.`,
      );
    }
    nodes.push({
      id: node.id,
      name: node.name,
      level: "territory",
      parentId: node.parentId,
    });
  }

  for (const rep of reps) {
    nodes.push({
      id: rep.id,
      name: rep.name,
      level: "rep",
      parentId: rep.territoryId,
    });
  }
  return nodes;
}

/** Capitalizes the first letter, for a message that starts with a node's description. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Names a node for messages and traces, such as `territory "West"`. */
export function describeNode(node: QuotaNode): string {
  return `${node.level} "${node.name}"`;
}

function checkNode(
  node: QuotaNode,
  seen: ReadonlyMap<string, QuotaNode>,
): void {
  if (typeof node !== "object" || node === null) {
    throw new QuotaInputError(
      `Quota node ${JSON.stringify(node)} is not an object; write each node as { "id", "name", "level", "parentId" }.`,
    );
  }
  if (typeof node.id !== "string" || node.id === "") {
    throw new QuotaInputError(
      `Quota node "${node.name}" has an empty id; give every node a unique id.`,
    );
  }
  if (seen.has(node.id)) {
    throw new QuotaInputError(
      `Quota node id "${node.id}" appears twice; give every node a unique id.`,
    );
  }
  if (!(node.level in PARENT_LEVEL)) {
    throw new QuotaInputError(
      `Quota node "${node.id}" has level ${JSON.stringify(node.level)}; use company, region, territory or rep.`,
    );
  }
  if (node.level === "company" && node.parentId !== null) {
    throw new QuotaInputError(
      `Company node "${node.id}" has parent "${node.parentId}"; the company is the root, so set its parentId to null.`,
    );
  }
}

function checkParent(node: QuotaNode, parent: QuotaNode | undefined): void {
  const expected = PARENT_LEVEL[node.level];
  if (parent === undefined) {
    throw new QuotaInputError(
      `Parent ${JSON.stringify(node.parentId)} of ${describeNode(node)} was not found; point it at an existing ${expected}.`,
    );
  }
  if (parent.level !== expected) {
    throw new QuotaInputError(
      `${capitalize(describeNode(node))} sits under ${describeNode(parent)}; a ${node.level} must sit under a ${expected}.`,
    );
  }
}

function byName(a: QuotaNode, b: QuotaNode): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}
