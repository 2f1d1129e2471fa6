import { convertAll } from "../../../model/incentives/deals/rates.ts";
import type { Deal } from "../../../model/incentives/deals/types.ts";
import { buildStatements } from "../../../model/incentives/statements/statements.ts";
import type { Statement } from "../../../model/incentives/statements/types.ts";

/** Two USD deals of March 2027, each split between Ana and Ben. */
export const DEALS: Deal[] = [
  {
    id: "d1",
    account: "acc-1",
    amount: "1000.00",
    currency: "USD",
    closeDate: "2027-03-05",
    product: "Core",
    owner: "ana",
    splits: [
      { rep: "ana", percent: "60" },
      { rep: "ben", percent: "40" },
    ],
    generated: false,
  },
  {
    id: "d2",
    account: "acc-2",
    amount: "333.33",
    currency: "USD",
    closeDate: "2027-03-20",
    product: "Analytics",
    owner: "ana",
    splits: [{ rep: "ana", percent: "100" }],
    generated: false,
  },
];

/**
 * Ana's March statement from the real statement builder: a 10% commission
 * on 600.00 + 333.33 = 933.33 of credit, so 93.33 payable, against a
 * 2,000.00 quota.
 */
export function anaMarch(): Statement {
  const statements = buildStatements({
    deals: DEALS,
    converted: convertAll(DEALS, [], "USD"),
    tables: {
      territoryHistory: [],
      territoryReps: [],
      rules: [
        { id: "split", kind: "split", effectiveFrom: null, effectiveTo: null },
      ],
    },
    plans: {
      all: {
        components: [
          {
            id: "comm",
            label: "Commission",
            type: "commission",
            rate: "0.10",
          },
        ],
      },
    },
    quotas: { ana: { "2027-03": "2000.00" }, ben: { "2027-03": "2000.00" } },
    periods: [{ id: "2027-03", start: "2027-03-01", end: "2027-03-31" }],
  });
  const found = statements.find((s) => s.repId === "ana");
  if (!found) throw new Error("The builder made no statement for ana.");
  return found;
}
