import { describe, expect, test } from "vitest";
import type { QuotaProposal } from "../../model/doc/review-proposals.ts";
import type { NodeQuota, QuotaCascadeResult } from "../../model/quota/types.ts";
import {
  approvalMatchesPlan,
  balanceProblem,
  compareProposal,
  formatDifference,
  parseEnteredCents,
  proposalBalance,
  regionOptions,
  staleReason,
} from "../../web/planning/proposal-figures.ts";

function node(
  nodeId: string,
  level: NodeQuota["level"],
  parentId: string | null,
  annual: string,
  childPool: string | null = null,
): NodeQuota {
  const trace = { label: nodeId, formula: "", inputs: {}, text: "" };
  return {
    nodeId,
    name: nodeId.toUpperCase(),
    level,
    parentId,
    annual,
    source: "cascade",
    trace: trace as unknown as NodeQuota["trace"],
    months: [],
    childPool,
    childPoolTrace: null,
  };
}

// East hands down 1,000,000.00 to Boston and New York; West has no territories.
const QUOTA: QuotaCascadeResult = {
  quotas: [
    node("company", "company", null, "1500000.00", "1500000.00"),
    node("east", "region", "company", "1000000.00", "1000000.00"),
    node("west", "region", "company", "500000.00", null),
    node("north", "region", "company", "0.00", "0.00"),
    node("boston", "territory", "east", "600000.00"),
    node("nyc", "territory", "east", "400000.00"),
    node("maine", "territory", "north", "0.00"),
  ],
  skippedAdjustments: [],
};

function proposal(amounts: Record<string, string>): QuotaProposal {
  return {
    id: "p1",
    regionId: "east",
    amounts,
    note: "",
    personId: "person-rita",
    name: "Rita",
    at: "2026-03-04T10:00:00.000Z",
    status: "pending",
    decision: null,
  };
}

function approved(
  amounts: Record<string, string>,
  before: Record<string, string> | null,
): QuotaProposal {
  return {
    ...proposal(amounts),
    status: "approved",
    decision: {
      status: "approved",
      personId: "person-ada",
      name: "Ada",
      at: "2026-03-05T09:00:00.000Z",
      comment: "",
      before,
    },
  };
}

describe("regionOptions", () => {
  test("lists owned regions first", () => {
    const owners: Record<string, string> = { north: "person-rita" };

    const options = regionOptions(
      QUOTA,
      (id) => owners[id] ?? null,
      "person-rita",
    );

    expect(options).toEqual([
      { id: "north", name: "NORTH", owned: true },
      { id: "east", name: "EAST", owned: false },
    ]);
  });
});

describe("parseEnteredCents", () => {
  test.each([
    ["1,200,000.50", 120000050],
    ["$1200", 120000],
    [" 0 ", 0],
    ["12.345", null],
    ["-1.00", null],
    ["twelve", null],
    ["", null],
    ["12345678901234567890", null],
  ])("%j is %j", (text, cents) => {
    expect(parseEnteredCents(text)).toBe(cents);
  });
});

describe("proposalBalance", () => {
  test("sums against the pool", () => {
    const balance = proposalBalance("1000000.00", {
      boston: "650,000",
      nyc: "351000.00",
    });

    expect(balance).toEqual({
      poolCents: 100000000,
      totalCents: 100100000,
      differenceCents: 100000,
      invalid: [],
      tooLarge: [],
    });
  });

  test("keeps amounts above the pool out of the total", () => {
    const balance = proposalBalance("1000000.00", {
      boston: "12345678901234567890",
      nyc: "400000",
    });

    expect(balance.tooLarge).toEqual(["boston"]);
    expect(balance.invalid).toEqual([]);
    expect(balance.totalCents).toBe(40000000);
  });

  test("lists invalid entries", () => {
    const balance = proposalBalance("1000000.00", {
      boston: "abc",
      nyc: "400000",
    });

    expect(balance.invalid).toEqual(["boston"]);
    expect(balance.totalCents).toBe(40000000);
  });
});

describe("balanceProblem", () => {
  const names = new Map([
    ["boston", "Boston"],
    ["nyc", "New York"],
  ]);

  test("names the excess", () => {
    const balance = proposalBalance("1000000.00", {
      boston: "650000",
      nyc: "351000",
    });

    expect(balanceProblem(balance, names, "USD")).toBe(
      "The amounts are $1,000.00 above the region's pool of $1,000,000.00; lower some territories.",
    );
  });

  test("names the shortfall", () => {
    const balance = proposalBalance("1000000.00", {
      boston: "600000",
      nyc: "399999.99",
    });

    expect(balanceProblem(balance, names, "USD")).toMatch(
      /\$0\.01 below the region's pool/,
    );
  });

  test("names invalid territories", () => {
    const balance = proposalBalance("1000000.00", { boston: "x", nyc: "1" });

    expect(balanceProblem(balance, names, "USD")).toMatch(/for Boston\.$/);
  });

  test("names a 20-digit amount as too large", () => {
    const balance = proposalBalance("1000000.00", {
      boston: "12345678901234567890",
      nyc: "0",
    });

    expect(balanceProblem(balance, names, "USD")).toBe(
      "The amount for Boston is too large. A territory can get at most the region's pool of $1,000,000.00.",
    );
  });

  test("names invalid and too large entries", () => {
    const balance = proposalBalance("1000000.00", {
      boston: "1000000.01",
      nyc: "1.001",
    });

    const problem = balanceProblem(balance, names, "USD");

    expect(problem).toMatch(/^Enter an amount .* for New York\. /);
    expect(problem).toMatch(/The amount for Boston is too large\./);
  });

  test("accepts the whole pool for one territory", () => {
    const balance = proposalBalance("1000000.00", {
      boston: "1000000",
      nyc: "0",
    });

    expect(balanceProblem(balance, names, "USD")).toBeNull();
  });

  test("accepts an exact sum", () => {
    const balance = proposalBalance("1000000.00", {
      boston: "700000",
      nyc: "300000",
    });

    expect(balanceProblem(balance, names, "USD")).toBeNull();
  });
});

describe("compareProposal", () => {
  test("shows current, proposed and change", () => {
    const rows = compareProposal(
      QUOTA,
      proposal({ boston: "650000.00", nyc: "350000.00" }),
      (id) => id,
    );

    expect(rows).toEqual([
      {
        id: "boston",
        name: "BOSTON",
        current: "600000.00",
        before: null,
        proposed: "650000.00",
        difference: "50000.00",
      },
      {
        id: "nyc",
        name: "NYC",
        current: "400000.00",
        before: null,
        proposed: "350000.00",
        difference: "-50000.00",
      },
    ]);
  });

  test("compares an approval with the quotas before it", () => {
    // The plan already has the approved amounts, so against the quotas now
    // every change would read $0.00.
    const rows = compareProposal(
      QUOTA,
      approved(
        { boston: "600000.00", nyc: "400000.00" },
        { boston: "550000.00", nyc: "450000.00" },
      ),
      (id) => id,
    );

    expect(rows.map((r) => [r.id, r.before, r.proposed, r.difference])).toEqual(
      [
        ["boston", "550000.00", "600000.00", "50000.00"],
        ["nyc", "450000.00", "400000.00", "-50000.00"],
      ],
    );
    expect(rows.map((r) => r.current)).toEqual(["600000.00", "400000.00"]);
  });

  test("compares an old approval with the quotas now", () => {
    const rows = compareProposal(
      QUOTA,
      approved({ boston: "600000.00", nyc: "400000.00" }, null),
      (id) => id,
    );

    expect(rows.map((r) => [r.id, r.before, r.difference])).toEqual([
      ["boston", null, "0.00"],
      ["nyc", null, "0.00"],
    ]);
  });

  test("keeps territories that left the region", () => {
    const rows = compareProposal(
      QUOTA,
      proposal({ boston: "1000000.00", gone: "0.00" }),
      () => "Gone",
    );

    expect(rows.map((r) => [r.id, r.current, r.proposed])).toEqual([
      ["boston", "600000.00", "1000000.00"],
      ["nyc", "400000.00", null],
      ["gone", null, "0.00"],
    ]);
  });
});

describe("approvalMatchesPlan", () => {
  test("matches while the plan has them", () => {
    const current = approved(
      { boston: "600000", nyc: "400000.00" },
      { boston: "550000.00", nyc: "450000.00" },
    );

    expect(approvalMatchesPlan(QUOTA, current)).toBe(true);
  });

  test("fails once the plan changed", () => {
    // As after an undo: the plan is back at the quotas before the approval.
    const undone = approved(
      { boston: "550000.00", nyc: "450000.00" },
      { boston: "600000.00", nyc: "400000.00" },
    );

    expect(approvalMatchesPlan(QUOTA, undone)).toBe(false);
  });

  test("fails when a territory left the plan", () => {
    const gone = approved({ boston: "600000.00", gone: "0.00" }, null);

    expect(approvalMatchesPlan(QUOTA, gone)).toBe(false);
  });

  test("is unknown for pending proposals and missing quotas", () => {
    const pending = proposal({ boston: "1.00", nyc: "2.00" });
    const current = approved({ boston: "600000.00", nyc: "400000.00" }, null);

    expect(approvalMatchesPlan(QUOTA, pending)).toBeNull();
    expect(approvalMatchesPlan(null, current)).toBeNull();
  });
});

describe("staleReason", () => {
  test("accepts a proposal that adds up", () => {
    const current = proposal({ boston: "700000.00", nyc: "300000.00" });

    expect(staleReason(QUOTA, current, "USD")).toBeNull();
  });

  test("names a moved pool", () => {
    const moved = proposal({ boston: "700000.00", nyc: "299000.00" });

    expect(staleReason(QUOTA, moved, "USD")).toBe(
      "The proposal sums to $999,000.00, but EAST now hands down $1,000,000.00, because the plan changed since it was made; reject it and ask for a new one.",
    );
  });

  test("names changed territories", () => {
    const changed = proposal({ boston: "1000000.00" });

    expect(staleReason(QUOTA, changed, "USD")).toMatch(
      /territories of EAST changed/,
    );
  });

  test("names a missing region", () => {
    const missing = { ...proposal({}), regionId: "south" };

    expect(staleReason(QUOTA, missing, "USD")).toMatch(/no longer in the plan/);
  });

  test("names quotas that cannot be computed", () => {
    expect(staleReason(null, proposal({}), "USD")).toMatch(
      /cannot be computed/,
    );
  });
});

describe("formatDifference", () => {
  test.each([
    ["1000.00", "+$1,000.00"],
    ["-50.00", "−$50.00"],
    ["0.00", "$0.00"],
  ])("%s is %s", (difference, text) => {
    expect(formatDifference(difference, "USD")).toBe(text);
  });
});
