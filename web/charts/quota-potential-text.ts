import { MoneyDecimal } from "../../model/money.ts";
import { compactMoney, exactMoney } from "./chart-money.ts";
import type { ParsedRow } from "./quota-potential-data.ts";

/** Formats quota as a percentage of potential to one decimal, such as "22.2%", or null without potential. */
export function percentOf(
  quotaCents: number,
  potentialCents: number,
): string | null {
  if (potentialCents === 0) return null;
  const percent = new MoneyDecimal(quotaCents)
    .times(100)
    .dividedBy(potentialCents)
    .toFixed(1, MoneyDecimal.ROUND_HALF_EVEN);
  return `${percent}%`;
}

/** Describes a territory's exact figures for its row's tooltip. */
export function rowTooltip(
  row: ParsedRow,
  totals: { quota: number; potential: number },
  currency: string,
): string {
  const owner = row.ownerName === null ? "" : ` (owner ${row.ownerName})`;
  const parts = [
    `${row.name}${owner}: quota ${exactMoney(row.quota.cents, currency)}`,
    `potential ${exactMoney(row.potential.cents, currency)}`,
  ];
  const share = percentOf(row.quota.cents, row.potential.cents);
  if (share !== null) parts.push(`quota ${share} of potential`);

  if (totals.potential !== 0) {
    const proportional = new MoneyDecimal(row.potential.cents)
      .times(totals.quota)
      .dividedBy(totals.potential)
      .toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_EVEN)
      .toNumber();
    parts.push(
      `in proportion to potential ${exactMoney(proportional, currency)}`,
    );
  }
  return parts.join(", ");
}

/** Describes the data in one paragraph, for the chart's accessible name. */
export function quotaSummary(
  rows: readonly ParsedRow[],
  totals: { quota: number; potential: number },
  title: string,
  currency: string,
): string {
  if (rows.length === 0) return `${title}: no territories to show.`;

  const noun = rows.length === 1 ? "territory" : "territories";
  const sentences = [
    `${title}, ${rows.length} ${noun}: total quota ${compactMoney(totals.quota, currency)}, total potential ${compactMoney(totals.potential, currency)}.`,
  ];
  const overall = percentOf(totals.quota, totals.potential);
  if (overall !== null) sentences.push(`Quota is ${overall} of potential.`);

  const withPotential = rows.filter((r) => r.potential.cents !== 0);
  if (withPotential.length > 1) {
    const byShare = [...withPotential].sort((a, b) =>
      new MoneyDecimal(b.quota.cents)
        .times(a.potential.cents)
        .comparedTo(new MoneyDecimal(a.quota.cents).times(b.potential.cents)),
    );
    const highest = byShare[0];
    const lowest = byShare[byShare.length - 1];
    sentences.push(
      `Highest share: ${highest.name}, ${percentOf(highest.quota.cents, highest.potential.cents)}. Lowest: ${lowest.name}, ${percentOf(lowest.quota.cents, lowest.potential.cents)}.`,
    );
  }
  return sentences.join(" ");
}
