import type Decimal from "decimal.js";
import { MoneyDecimal } from "../../money.ts";
import { makeTrace, type Trace } from "../../trace.ts";
import type {
  BonusComponent,
  CommissionComponent,
  PlanComponent,
  ProductCredit,
  SpifComponent,
  TieredComponent,
} from "./plan.ts";
import { dayNumber } from "./checks.ts";
import { roundedLine, type PayoutLine } from "./line.ts";
import { applyTiers } from "./tiers.ts";

/** Validated figures of one rep-period that components read. */
export interface EarningContext {
  credited: Decimal;
  quota: Decimal;
  attainment: Decimal;
  yearToDate?: { creditedBefore: Decimal; quota: Decimal };
  /** Product credits dated within the period. */
  productCredits: ProductCredit[];
}

/**
 * Computes one component's line: the rule's exact amount, then the gate,
 * then the component cap, then rounding half-even to the cent.
 */
export function componentLine(
  component: PlanComponent,
  context: EarningContext,
): PayoutLine {
  const raw = ruleTrace(component, context);
  const gated = applyGate(component, context, raw);
  const capped = applyCap(component, gated);
  return roundedLine(
    component.id,
    component.label,
    new MoneyDecimal(capped.value),
    capped,
  );
}

function ruleTrace(component: PlanComponent, context: EarningContext): Trace {
  switch (component.type) {
    case "commission":
      return commissionTrace(component, context);
    case "tiered":
      return tieredTrace(component, context);
    case "bonus":
      return bonusTrace(component, context);
    case "spif":
      return spifTrace(component, context);
  }
}

function commissionTrace(
  component: CommissionComponent,
  context: EarningContext,
): Trace {
  const amount = context.credited.times(component.rate);
  return makeTrace(
    component.label,
    amount.toFixed(),
    "credited amount x rate",
    {
      credited: context.credited.toFixed(),
      rate: component.rate,
    },
  );
}

function tieredTrace(
  component: TieredComponent,
  context: EarningContext,
): Trace {
  const { mode, bands } = component;
  const ytd = context.yearToDate;
  if (component.basis !== "yearToDate" || ytd === undefined) {
    const result = applyTiers(mode, bands, context.credited, context.quota);
    return makeTrace(
      component.label,
      result.amount.toFixed(),
      `${mode} rate table on period attainment`,
      { credited: context.credited.toFixed(), quota: context.quota.toFixed() },
      result.parts,
    );
  }

  const through = ytd.creditedBefore.plus(context.credited);
  const after = applyTiers(mode, bands, through, ytd.quota);
  const before = applyTiers(mode, bands, ytd.creditedBefore, ytd.quota);
  const amount = after.amount.minus(before.amount);
  return makeTrace(
    component.label,
    amount.toFixed(),
    `${mode} rate table on year-to-date credit through this period minus the same table on credit before it`,
    {
      "year-to-date credit": through.toFixed(),
      "credit before period": ytd.creditedBefore.toFixed(),
      "year-to-date quota": ytd.quota.toFixed(),
      "earned through period": after.amount.toFixed(),
      "earned before period": before.amount.toFixed(),
    },
    after.parts,
  );
}

function bonusTrace(component: BonusComponent, context: EarningContext): Trace {
  const reached = context.attainment.greaterThanOrEqualTo(component.threshold);
  const amount = reached ? component.amount : "0";
  return makeTrace(
    component.label,
    amount,
    "bonus amount when attainment >= threshold, else 0",
    {
      attainment: context.attainment.toFixed(),
      threshold: component.threshold,
      "bonus amount": component.amount,
    },
  );
}

function spifTrace(component: SpifComponent, context: EarningContext): Trace {
  const from = dayNumber(component.from) ?? 0;
  const to = dayNumber(component.to) ?? 0;
  const deals = context.productCredits.filter((credit) => {
    const day = dayNumber(credit.date) ?? 0;
    return credit.product === component.product && day >= from && day <= to;
  });
  const inputs = {
    product: component.product,
    range: `${component.from} to ${component.to}`,
    deals: String(deals.length),
  };

  if (component.perDeal !== undefined) {
    const amount = new MoneyDecimal(component.perDeal).times(deals.length);
    return makeTrace(
      component.label,
      amount.toFixed(),
      "deals x amount per deal",
      {
        ...inputs,
        "amount per deal": component.perDeal,
      },
    );
  }
  const rate = component.rate ?? "0";
  const credit = deals.reduce(
    (sum, deal) => sum.plus(deal.amount),
    new MoneyDecimal(0),
  );
  return makeTrace(
    component.label,
    credit.times(rate).toFixed(),
    "product credit x rate",
    {
      ...inputs,
      "product credit": credit.toFixed(),
      rate,
    },
  );
}

function applyGate(
  component: PlanComponent,
  context: EarningContext,
  trace: Trace,
): Trace {
  if (component.gate === undefined) return trace;
  if (context.attainment.greaterThanOrEqualTo(component.gate)) return trace;

  return makeTrace(
    component.label,
    "0",
    "0 because attainment is below the gate",
    { attainment: context.attainment.toFixed(), gate: component.gate },
    [trace],
  );
}

function applyCap(component: PlanComponent, trace: Trace): Trace {
  if (component.cap === undefined) return trace;
  if (new MoneyDecimal(trace.value).lessThanOrEqualTo(component.cap)) {
    return trace;
  }
  return makeTrace(
    component.label,
    component.cap,
    "component cap, because the earned amount is above it",
    { earned: trace.value, cap: component.cap },
    [trace],
  );
}
