import type Decimal from "decimal.js";
import { MoneyDecimal } from "../money.ts";
import { checkNodeCents } from "./amounts.ts";
import { QuotaInputError } from "./errors.ts";
import type { ParsedLevelRule } from "./rules.ts";
import { capitalize, describeNode, type QuotaTree } from "./tree.ts";
import type { QuotaNode, WeightBasis } from "./types.ts";

/** Per-node figures in cents for the potential and prior-bookings bases. */
export type NodeFigures = Readonly<Record<string, number>>;

/** A child's weight in its parent's split, and the share of each basis behind it. */
export interface ChildWeight {
  node: QuotaNode;
  /** Weighted sum of the basis shares; siblings' weights sum to 1. */
  weight: Decimal;
  /** Share of each basis used, such as potential -> 0.25. */
  shares: ReadonlyMap<WeightBasis, Decimal>;
  /** The child's figure in cents for each non-even basis used. */
  figures: ReadonlyMap<WeightBasis, number>;
}

/**
 * Resolves a node's figure: its own value when given, otherwise the sum of
 * its children's figures. A node without a value and without children has
 * none, which is an error only when a level weights by that basis.
 */
export function resolveFigure(
  tree: QuotaTree,
  node: QuotaNode,
  basis: Exclude<WeightBasis, "even">,
  figures: NodeFigures,
): number {
  const own = figures[node.id];
  if (own !== undefined) {
    checkNodeCents(
      own,
      capitalize(`${basisName(basis)} of ${describeNode(node)}`),
    );
    return own;
  }

  const children = tree.children.get(node.id) ?? [];
  if (children.length === 0) {
    throw new QuotaInputError(
      `${capitalize(describeNode(node))} (${node.id}) has no ${basisName(basis)}; give it one in cents, or give it children that have one.`,
    );
  }
  return children.reduce(
    (sum, child) => sum + resolveFigure(tree, child, basis, figures),
    0,
  );
}

/**
 * Weights the children of one parent. Each basis gives every child a share
 * of the siblings' total; when that total is zero the basis splits evenly.
 * A child's weight is the blend of its shares.
 */
export function weighChildren(
  tree: QuotaTree,
  children: readonly QuotaNode[],
  rule: ParsedLevelRule,
  figuresByBasis: Readonly<Record<Exclude<WeightBasis, "even">, NodeFigures>>,
): ChildWeight[] {
  const result: ChildWeight[] = children.map((node) => ({
    node,
    weight: new MoneyDecimal(0),
    shares: new Map(),
    figures: new Map(),
  }));

  for (const [basis, basisWeight] of rule.basisWeights) {
    const values = children.map((child) =>
      basis === "even"
        ? 1
        : resolveFigure(tree, child, basis, figuresByBasis[basis]),
    );
    const total = values.reduce((sum, v) => sum + v, 0);
    if (!Number.isSafeInteger(total)) {
      throw new QuotaInputError(
        `The ${basis} of the children of ${describeNode(parentOf(tree, children))} sums past the safe integer range of cents; check the figures for a unit mistake.`,
      );
    }

    values.forEach((value, i) => {
      const share =
        total === 0
          ? new MoneyDecimal(1).dividedBy(children.length)
          : new MoneyDecimal(value).dividedBy(total);
      const entry = result[i];
      entry.weight = entry.weight.plus(share.times(basisWeight));
      (entry.shares as Map<WeightBasis, Decimal>).set(basis, share);
      if (basis !== "even") {
        (entry.figures as Map<WeightBasis, number>).set(basis, value);
      }
    });
  }
  return result;
}

function parentOf(tree: QuotaTree, children: readonly QuotaNode[]): QuotaNode {
  return tree.byId.get(children[0].parentId!)!;
}

function basisName(basis: Exclude<WeightBasis, "even">): string {
  return basis === "potential" ? "potential" : "prior-year bookings";
}
