import { describe, expect, test } from "vitest";
import { creditDeals } from "../../../../model/incentives/crediting/credit-deals.ts";
import { CreditingInputError } from "../../../../model/incentives/crediting/errors.ts";
import type {
  CreditingInput,
  CreditingProblem,
} from "../../../../model/incentives/crediting/types.ts";
import { exampleInput, period } from "./example.ts";

function problemsOf(input: CreditingInput): CreditingProblem[] {
  try {
    creditDeals(input);
  } catch (error) {
    if (error instanceof CreditingInputError) return [...error.problems];
    throw error;
  }
  throw new Error("creditDeals accepted the input");
}

describe("creditDeals input checks", () => {
  test("missing tables are listed, not thrown", () => {
    const input = exampleInput() as unknown as Record<string, unknown>;
    delete input.territoryReps;
    delete input.rules;

    expect(problemsOf(input as unknown as CreditingInput)).toEqual([
      {
        list: "territoryReps",
        line: 0,
        field: "territoryReps",
        value: "undefined",
        reason:
          "the input has no territoryReps list; give one, empty if it has no rows.",
      },
      {
        list: "rules",
        line: 0,
        field: "rules",
        value: "undefined",
        reason:
          "the input has no rules list; give one, empty if it has no rows.",
      },
    ]);
  });

  test("splits totalling 99.99 are rejected", () => {
    const input = exampleInput();
    input.deals[2].splits![2].percent = "33.33";

    expect(problemsOf(input)).toEqual([
      {
        list: "deals",
        line: 3,
        field: "splits",
        value: "99.99",
        reason:
          "the split percents total this instead of exactly 100; change them so they add up to 100.",
      },
    ]);
  });

  test("splits totalling 100.01 are rejected", () => {
    const input = exampleInput();
    input.deals[2].splits![2].percent = "33.35";

    const problems = problemsOf(input);

    expect(problems).toHaveLength(1);
    expect(problems[0].value).toBe("100.01");
  });

  test("every bad deal row is listed", () => {
    const input = exampleInput();
    input.deals[0].amount = "12.345";
    input.deals[1].closeDate = "2027-02-30";
    input.deals[2].splits![0].repId = "ben";
    input.deals[3].id = "d1";

    const listed = problemsOf(input).map(
      (p) => `${p.list} ${p.line} ${p.field} ${p.value}`,
    );

    expect(listed).toEqual([
      "deals 1 amount 12.345",
      "deals 2 closeDate 2027-02-30",
      "deals 3 splits[1].repId ben",
      "deals 4 id d1",
    ]);
  });

  test("bad split percents are listed", () => {
    const input = exampleInput();
    input.deals[2].splits = [
      { repId: "ana", percent: "0" },
      { repId: "ben", percent: "abc" },
      { repId: "cy", percent: "100" },
    ];

    const fields = problemsOf(input).map((p) => `${p.field} ${p.value}`);

    expect(fields).toEqual(["splits[0].percent 0", "splits[1].percent abc"]);
  });

  test("bad table rows are listed with the deals", () => {
    const input = exampleInput();
    input.deals[0].amount = "ten";
    input.territoryReps[0].effectiveFrom = "2027-13-01";
    input.managers[0].effectiveFrom = "2027-05-01";
    input.managers[0].effectiveTo = "2027-04-30";
    input.rules.push(period({ id: "r-split", kind: "split" as const }));
    input.rules.push(
      period({ id: "r-bad", kind: "overlay" as const, repId: "sol" }),
    );

    const listed = problemsOf(input).map(
      (p) => `${p.list} ${p.line} ${p.field} ${p.value}`,
    );

    expect(listed).toEqual([
      "deals 1 amount ten",
      "territoryReps 1 effectiveFrom 2027-13-01",
      "managers 1 effectiveTo 2027-04-30",
      "rules 6 id r-split",
      "rules 7 product undefined",
    ]);
  });

  test("error message names each row", () => {
    const input = exampleInput();
    input.deals[0].amount = "ten";

    expect(() => creditDeals(input)).toThrow(
      'Crediting input has 1 invalid row(s); nothing was credited.\ndeals line 1: amount is "ten": write a decimal number such as "1250.50".',
    );
  });

  test("deal with no rule in effect is rejected", () => {
    const input = exampleInput();
    input.rules = input.rules.map((r) => ({
      ...r,
      effectiveFrom: "2028-01-01",
    }));

    const reasons = problemsOf(input).map((p) => `${p.value}: ${p.reason}`);

    expect(reasons[0]).toBe(
      "d1: no split, named-account or territory rule credits the deal on 2027-03-10; add a rule in effect on that date.",
    );
    expect(reasons).toHaveLength(4);
  });

  test("account without territory is rejected", () => {
    const input = exampleInput();
    input.territoryHistory = [];

    const values = problemsOf(input).map((p) => p.value);

    expect(values).toEqual(["d1"]);
  });

  test("territory without rep is rejected", () => {
    const input = exampleInput();
    input.territoryReps = input.territoryReps.filter(
      (r) => r.territoryId !== "east",
    );

    const problems = problemsOf(input);

    expect(problems.map((p) => p.value)).toEqual(["d4"]);
    expect(problems[0].reason).toBe(
      'territory "east" has no rep on 2027-03-10; assign a rep for that date.',
    );
  });

  test("overlapping history rows are rejected", () => {
    const input = exampleInput();
    input.territoryHistory = [
      period({ accountId: "acct-1", territoryId: "west" }),
      {
        accountId: "acct-1",
        territoryId: "east",
        effectiveFrom: "2027-03-01",
        effectiveTo: null,
      },
    ];
    input.deals = [input.deals[0]];

    expect(problemsOf(input)[0].reason).toBe(
      'the territory history of account "acct-1" has 2 rows in effect on 2027-03-10 (west, east); end one period before the next starts.',
    );
  });

  test("two managers on one date are rejected", () => {
    const input = exampleInput();
    input.managers.push(period({ repId: "cy", managerId: "mia" }));
    input.deals = [input.deals[3]];

    expect(problemsOf(input)[0].reason).toBe(
      'rep "cy" has 2 managers on 2027-03-10 (max, mia); end one manager link before the next starts.',
    );
  });

  test("manager loop is rejected", () => {
    const input = exampleInput();
    input.managers.push(period({ repId: "max", managerId: "cy" }));
    input.deals = [input.deals[3]];

    expect(problemsOf(input)[0].reason).toBe(
      'the manager hierarchy above rep "cy" loops back to "cy" on 2027-03-10; correct the manager links.',
    );
  });
});
