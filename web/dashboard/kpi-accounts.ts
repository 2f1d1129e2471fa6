import type {
  AccountFigure,
  TerritoryAccounts,
} from "../../model/insights/territory-accounts.ts";

/** Accounts a list shows at most, so a large territory stays readable. */
export const ACCOUNT_LIST_LIMIT = 50;

/** The accounts a list shows and what it leaves out. */
export interface AccountListPage {
  shown: AccountFigure[];
  /** Accounts left out below the shown ones. */
  restCount: number;
  /** Potential of the accounts left out, in cents. */
  restPotentialCents: number;
}

/** Takes the first `limit` accounts (the largest potential first) and sums the rest. */
export function accountListPage(
  list: TerritoryAccounts,
  limit = ACCOUNT_LIST_LIMIT,
): AccountListPage {
  const shown = list.accounts.slice(0, limit);
  const rest = list.accounts.slice(limit);
  return {
    shown,
    restCount: rest.length,
    restPotentialCents: rest.reduce((sum, a) => sum + a.potentialCents, 0),
  };
}
