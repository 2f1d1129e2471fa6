import { centsToString, MoneyDecimal, toCents } from "../../money.ts";
import { makeTrace, type MoneyFigure } from "../../trace.ts";
import type { Credit, CreditKind } from "../crediting/types.ts";

const KINDS: readonly CreditKind[] = ["direct", "split", "overlay", "rollup"];

/** Credited figures of one rep-period: the total and the sum of each credit kind. */
export interface CreditedFigures {
  credited: MoneyFigure;
  byKind: Record<CreditKind, MoneyFigure>;
}

/** Sums the rep's credits of one period, in total and per kind, with traces. */
export function creditedFigures(
  repId: string,
  periodId: string,
  credits: readonly Credit[],
): CreditedFigures {
  const byKind = {} as Record<CreditKind, MoneyFigure>;
  for (const kind of KINDS) {
    const ofKind = credits.filter((c) => c.kind === kind);
    byKind[kind] = sumFigure(
      `Credited ${kind} ${repId} ${periodId}`,
      `sum of the rep's ${kind} credits for deals closed in the period`,
      { rep: repId, period: periodId, credits: String(ofKind.length) },
      ofKind,
    );
  }

  const credited = sumFigure(
    `Credited ${repId} ${periodId}`,
    "sum of the rep's credits for deals closed in the period",
    {
      rep: repId,
      period: periodId,
      credits: String(credits.length),
      direct: byKind.direct.amount,
      split: byKind.split.amount,
      overlay: byKind.overlay.amount,
      rollup: byKind.rollup.amount,
    },
    credits,
  );
  return { credited, byKind };
}

function sumFigure(
  figure: string,
  formula: string,
  inputs: Record<string, string>,
  credits: readonly Credit[],
): MoneyFigure {
  const cents = credits.reduce(
    (sum, c) => sum + toCents(new MoneyDecimal(c.amount)),
    0,
  );
  const amount = centsToString(cents);
  const trace = makeTrace(
    figure,
    amount,
    formula,
    inputs,
    credits.map((c) => c.trace),
  );
  return { cents, amount, trace };
}
