import { compactMoney, exactMoney, sumCents } from "./chart-money.ts";
import type { ParsedMonth } from "./capacity-data.ts";

/** Describes a month's exact figures for its bar's tooltip. */
export function monthTooltip(month: ParsedMonth, currency: string): string {
  const parts = [
    `${month.label}: capacity ${exactMoney(month.capacity.cents, currency)}`,
  ];
  if (month.target !== null) {
    parts.push(`target ${exactMoney(month.target.cents, currency)}`);
  }
  if (month.gap !== null && month.gap.cents !== 0) {
    const kind = month.gap.cents > 0 ? "shortfall" : "surplus";
    parts.push(`${kind} ${exactMoney(Math.abs(month.gap.cents), currency)}`);
  }
  return parts.join(", ");
}

/** Describes the data in one paragraph, for the chart's accessible name. */
export function capacitySummary(
  months: readonly ParsedMonth[],
  title: string,
  currency: string,
): string {
  if (months.length === 0) return `${title}: no months to show.`;

  const span =
    months.length === 1
      ? months[0].label
      : `${months[0].label} to ${months[months.length - 1].label}`;
  const capacity = sumCents(months.map((m) => m.capacity.cents));
  const sentences = [
    `${title}, ${months.length} months, ${span}.`,
    `Total capacity ${compactMoney(capacity, currency)}`,
  ];

  const withTarget = months.filter((m) => m.target !== null);
  if (withTarget.length === 0) {
    sentences[1] += "; no targets set.";
    return sentences.join(" ");
  }
  const target = sumCents(withTarget.map((m) => m.target?.cents ?? 0));
  sentences[1] += ` against a target of ${compactMoney(target, currency)}.`;

  const short = months.filter((m) => (m.gap?.cents ?? 0) > 0);
  if (short.length === 0) {
    sentences.push("Capacity meets the target in every month with a target.");
  } else {
    const worst = short.reduce((a, b) =>
      (b.gap?.cents ?? 0) > (a.gap?.cents ?? 0) ? b : a,
    );
    sentences.push(
      `Shortfall in ${short.length} of ${withTarget.length} months, largest ${compactMoney(worst.gap?.cents ?? 0, currency)} in ${worst.label}.`,
    );
  }
  return sentences.join(" ");
}
