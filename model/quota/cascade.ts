import type Decimal from "decimal.js";
import { centsToString, MoneyDecimal, toCents } from "../money.ts";
import { parseAdjustments, type ParsedAdjustment } from "./adjustments.ts";
import { parseCents } from "./amounts.ts";
import { QuotaInputError } from "./errors.ts";
import { childTrace, companyTrace, monthTrace, poolTrace } from "./explain.ts";
import { parseLevelRule, type ParsedLevelRule } from "./rules.ts";
import { parseSeasonality, splitByMonth } from "./seasonality.ts";
import { splitPool } from "./split.ts";
import type { QuotaTrace } from "./trace.ts";
import { buildQuotaTree, type QuotaTree } from "./tree.ts";
import type {
  AdjustmentMode,
  ChildLevel,
  NodeQuota,
  QuotaCascadeInput,
  QuotaCascadeResult,
  QuotaNode,
  QuotaSource,
} from "./types.ts";
import { weighChildren, type NodeFigures } from "./weights.ts";

interface CascadeContext {
  tree: QuotaTree;
  rules: Readonly<Record<ChildLevel, ParsedLevelRule>>;
  figures: Readonly<Record<"potential" | "priorBookings", NodeFigures>>;
  percents: readonly Decimal[];
  adjustments: ReadonlyMap<string, ParsedAdjustment>;
  quotas: NodeQuota[];
}

/**
 * Derives every quota from the inputs: the company quota is split among
 * regions, each region's among its territories and each territory's among
 * its reps, then every annual quota is split by month. With mode "preserve"
 * adjusted nodes keep their adjustment and their siblings share the rest.
 */
export function cascadeQuotas(
  input: QuotaCascadeInput,
  mode: AdjustmentMode = "preserve",
): QuotaCascadeResult {
  const tree = buildQuotaTree(input.nodes);
  const companyCents = parseCents(input.companyQuota, "companyQuota");
  if (companyCents < 0) {
    throw new QuotaInputError(
      `companyQuota is ${input.companyQuota}; give an amount of 0 or more.`,
    );
  }

  const { applied, skipped } = parseAdjustments(
    tree,
    input.adjustments ?? {},
    mode,
  );
  const context: CascadeContext = {
    tree,
    rules: parseRules(input.levels),
    figures: {
      potential: input.potentialCents ?? {},
      priorBookings: input.priorBookingsCents ?? {},
    },
    percents: parseSeasonality(input.seasonality),
    adjustments: applied,
    quotas: [],
  };

  visit(
    context,
    tree.root,
    companyCents,
    "company",
    companyTrace(tree.root, companyCents),
  );
  return { quotas: context.quotas, skippedAdjustments: skipped };
}

function parseRules(
  levels: QuotaCascadeInput["levels"],
): Record<ChildLevel, ParsedLevelRule> {
  if (levels === undefined || levels === null) {
    throw new QuotaInputError(
      "The cascade input has no levels; give a rule for region, territory and rep.",
    );
  }
  return {
    region: parseLevelRule("region", levels.region),
    territory: parseLevelRule("territory", levels.territory),
    rep: parseLevelRule("rep", levels.rep),
  };
}

function visit(
  context: CascadeContext,
  node: QuotaNode,
  annualCents: number,
  source: QuotaSource,
  trace: QuotaTrace,
): void {
  const quota: NodeQuota = {
    nodeId: node.id,
    name: node.name,
    level: node.level,
    parentId: node.parentId,
    annual: centsToString(annualCents),
    source,
    trace,
    months: months(context, node, annualCents),
    childPool: null,
    childPoolTrace: null,
  };
  context.quotas.push(quota);

  const children = context.tree.children.get(node.id) ?? [];
  if (children.length === 0) return;

  const rule = context.rules[children[0].level as ChildLevel];
  const poolCents = overAssign(annualCents, rule.overAssignmentPercent);
  quota.childPool = centsToString(poolCents);
  quota.childPoolTrace = poolTrace(node, annualCents, rule, poolCents);

  const weights = weighChildren(context.tree, children, rule, context.figures);
  const parts = splitPool(node, poolCents, weights, context.adjustments);

  for (const part of parts) {
    const childTraceValue = childTrace(node, part, rule, poolCents);
    visit(context, part.child.node, part.cents, part.source, childTraceValue);
  }
}

/** Computes the amount children share: annual x (1 + percent / 100), half-even to the cent. */
export function overAssign(annualCents: number, percent: Decimal): number {
  const factor = new MoneyDecimal(1).plus(percent.dividedBy(100));
  return toCents(new MoneyDecimal(annualCents).times(factor).dividedBy(100));
}

function months(
  context: CascadeContext,
  node: QuotaNode,
  annualCents: number,
): NodeQuota["months"] {
  const split = splitByMonth(annualCents, context.percents);
  return split.map((cents, i) => ({
    month: i + 1,
    amount: centsToString(cents),
    trace: monthTrace(node, i + 1, annualCents, context.percents[i], cents),
  }));
}
