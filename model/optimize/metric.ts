import { parseMoney, toCents } from "../money.ts";

/** Metric that the optimizer balances: people, account potential in cents, or account count. */
export type BalanceMetric = "population" | "potential" | "accounts";

export const BALANCE_METRICS: readonly BalanceMetric[] = [
  "population",
  "potential",
  "accounts",
];

export function isBalanceMetric(value: unknown): value is BalanceMetric {
  return BALANCE_METRICS.includes(value as BalanceMetric);
}

/** A unit as the metrics need it. */
export interface MetricUnit {
  id: string;
  population: number;
}

/** An account as the metrics need it; potential is a decimal string such as "29743.50". */
export interface MetricAccount {
  id: string;
  unitId: string;
  potential: string;
}

/**
 * Returns each unit's weight for a metric, as a safe integer: population,
 * potential summed in integer cents (each account rounded half-even to the
 * cent once), or the number of accounts. Accounts in units outside `units`
 * are skipped, so a caller can pass all accounts with one state's units.
 */
export function metricWeights(
  metric: BalanceMetric,
  units: readonly MetricUnit[],
  accounts: readonly MetricAccount[],
): Map<string, number> {
  if (metric === "population") {
    return new Map(units.map((u) => [u.id, u.population]));
  }
  const weights = new Map(units.map((u) => [u.id, 0]));
  for (const account of accounts) {
    const weight = weights.get(account.unitId);
    if (weight === undefined) continue;
    const add =
      metric === "accounts"
        ? 1
        : toCents(
            parseMoney(
              account.potential,
              `potential of account "${account.id}"`,
            ),
          );
    weights.set(account.unitId, weight + add);
  }
  return weights;
}
