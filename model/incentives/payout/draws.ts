import { centsToString, MoneyDecimal, toCents } from "../../money.ts";
import { makeTrace } from "../../trace.ts";
import type { DrawRule } from "./plan.ts";
import { roundedLine, zeroLine, type PayoutLine } from "./line.ts";

/** Draw line, recovery lines and balance after one period. */
export interface DrawStep {
  draw: PayoutLine;
  recovery: PayoutLine[];
  balanceCents: number;
}

/**
 * Applies the draw rule to one period's earnings in cents. The draw tops
 * earnings up to the draw amount. A recoverable draw adds the top-up to the
 * balance and recovers it from earnings above the draw amount in later
 * periods. A non-recoverable draw is a guarantee and carries nothing.
 */
export function applyDraw(
  rule: DrawRule | undefined,
  earnedCents: number,
  balanceCents: number,
): DrawStep {
  const none = zeroLine("draw", "Draw");
  if (rule === undefined) return { draw: none, recovery: [], balanceCents };

  const drawCents = toCents(new MoneyDecimal(rule.amount));
  const earned = centsToString(earnedCents);
  if (earnedCents < drawCents) {
    const topUp = centsToString(drawCents - earnedCents);
    const trace = makeTrace("Draw", topUp, "draw amount - earnings", {
      "draw amount": rule.amount,
      earnings: earned,
      kind: rule.kind,
    });
    const draw = roundedLine("draw", "Draw", new MoneyDecimal(topUp), trace);
    const added = rule.kind === "recoverable" ? drawCents - earnedCents : 0;
    return { draw, recovery: [], balanceCents: balanceCents + added };
  }

  const recoverCents = Math.min(earnedCents - drawCents, balanceCents);
  if (rule.kind !== "recoverable" || recoverCents === 0) {
    return { draw: none, recovery: [], balanceCents };
  }
  const recovered = new MoneyDecimal(centsToString(recoverCents)).negated();
  const trace = makeTrace(
    "Draw recovery",
    recovered.toFixed(),
    "minus the smaller of (earnings - draw amount) and the draw balance",
    {
      earnings: earned,
      "draw amount": rule.amount,
      "draw balance": centsToString(balanceCents),
    },
  );
  const line = roundedLine("drawRecovery", "Draw recovery", recovered, trace);
  return {
    draw: none,
    recovery: [line],
    balanceCents: balanceCents - recoverCents,
  };
}
