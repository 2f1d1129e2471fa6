import { describe, expect, test } from "vitest";
import { checkAccountsDataset } from "../../../model/io/accounts-import-dataset.ts";

const units = new Set(["01001", "01003"]);
const account = {
  id: "ext-1",
  name: "Acme",
  unitId: "01001",
  segment: "city",
  potential: "10.50",
};

function problemsOf(json: unknown): string[] {
  const result = checkAccountsDataset(json, units);
  return result.ok ? [] : result.problems;
}

describe("checkAccountsDataset", () => {
  test("accepts the import's output shape", () => {
    const result = checkAccountsDataset(
      {
        generated: false,
        description: "d",
        accounts: [account, { ...account, id: "b", lon: -86.5, lat: 32.5 }],
      },
      units,
    );
    expect(result.ok).toBe(true);
  });

  test("rejects a body that is not an object", () => {
    expect(problemsOf([1, 2])[0]).toMatch(/must be a JSON object/);
  });

  test("names the fields that are wrong", () => {
    const problems = problemsOf({
      generated: "no",
      description: 1,
      accounts: [
        account,
        account,
        { ...account, id: "c", unitId: "99999" },
        { ...account, id: "d", potential: 12 },
        { ...account, id: "e", lat: 91 },
        { ...account, id: "f", name: " " },
      ],
    });
    expect(problems).toEqual([
      '"generated" must be true or false.',
      '"description" must be a string.',
      'accounts[1]: id "ext-1" is used twice.',
      'accounts[2]: account "c" has unitId "99999", which is not a known county.',
      'accounts[3]: account "d" has potential 12; expected a decimal string such as "1234.50".',
      'accounts[4]: account "e" has lat 91; expected a number from -90 to 90.',
      'accounts[5]: account "f" has no name.',
    ]);
  });

  test("rejects a missing or empty accounts array", () => {
    expect(problemsOf({ generated: false, description: "" })).toEqual([
      '"accounts" must be an array of accounts.',
    ]);
    expect(
      problemsOf({ generated: false, description: "", accounts: [] }),
    ).toEqual(['"accounts" is empty. A dataset needs at least one account.']);
  });

  test("stops listing after twenty problems", () => {
    const accounts = Array.from({ length: 50 }, (_, i) => ({
      ...account,
      id: `a${i}`,
      unitId: "x",
    }));
    expect(
      problemsOf({ generated: false, description: "", accounts }),
    ).toHaveLength(20);
  });
});
