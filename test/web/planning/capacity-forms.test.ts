import { describe, expect, test } from "vitest";
import type {
  PlannedHire,
  PlannedRep,
  PlanningInputs,
} from "../../../model/planning/inputs.ts";
import { DEFAULT_LEVEL_RULES } from "../../../model/planning/inputs.ts";
import {
  formatRamp,
  parseDateField,
  parseMoneyField,
  parseNameField,
  parsePercentField,
  parseRampText,
  parseWholeField,
  roleRemovalProblem,
  sortHires,
  sortRepsByName,
  type FieldResult,
} from "../../../web/planning/capacity-forms.ts";

function messageOf<T>(result: FieldResult<T>): string {
  if (result.ok)
    throw new Error(`Expected a message, got ${String(result.value)}`);
  return result.message;
}

describe("parseRampText", () => {
  test.each([
    ["20, 40, 60, 80, 100", ["20", "40", "60", "80", "100"]],
    ["25,50,100", ["25", "50", "100"]],
    ["50%, 100%", ["50", "100"]],
    ["100", ["100"]],
    [" 12.5 , 100.0 ", ["12.5", "100.0"]],
  ])("accepts %j", (text, expected) => {
    expect(parseRampText(text)).toEqual({ ok: true, value: expected });
  });

  test("ramp ending at 90 is rejected", () => {
    const message = messageOf(parseRampText("20, 40, 60, 90"));
    expect(message).toContain("ends at 90%");
    expect(message).toContain("20, 40, 60, 90, 100");
  });

  test("empty ramp is rejected", () => {
    expect(messageOf(parseRampText("  "))).toContain("empty");
  });

  test("percent above 100 is rejected", () => {
    expect(messageOf(parseRampText("50, 120, 100"))).toContain(
      "Ramp month 2 is 120%",
    );
  });

  test("negative percent is rejected", () => {
    expect(messageOf(parseRampText("-10, 100"))).toContain("negative");
  });

  test("non-numeric month is rejected", () => {
    const message = messageOf(parseRampText("20, half, 100"));
    expect(message).toContain("Ramp month 2");
    expect(message).toContain('"half"');
  });

  test("missing month between commas is rejected", () => {
    expect(messageOf(parseRampText("20,,100"))).toContain("Ramp month 2");
  });

  test("formatRamp joins with commas", () => {
    expect(formatRamp(["20", "40", "100"])).toBe("20, 40, 100");
  });
});

describe("parseMoneyField", () => {
  test.each([
    ["390000.00", "390000.00"],
    ["$1,250,000", "1250000"],
    ["0", "0"],
    [" 12.5 ", "12.5"],
  ])("accepts %j", (text, expected) => {
    expect(parseMoneyField(text, "Loaded cost")).toEqual({
      ok: true,
      value: expected,
    });
  });

  test("negative cost is rejected", () => {
    const message = messageOf(parseMoneyField("-5000", "Loaded cost"));
    expect(message).toBe(
      "Loaded cost cannot be negative: -5000. Enter 0 or more.",
    );
  });

  test("negative with dollar sign is rejected as negative", () => {
    expect(messageOf(parseMoneyField("-$5,000", "OTE"))).toContain(
      "cannot be negative",
    );
  });

  test.each(["abc", "1.234", "", "1e5"])("rejects %j", (text) => {
    expect(messageOf(parseMoneyField(text, "OTE"))).toContain(
      "OTE is not an amount",
    );
  });

  test.each([
    ["1,000", "1000"],
    ["12,345.67", "12345.67"],
    ["$1,234,567", "1234567"],
  ])("accepts thousands groups in %j", (text, expected) => {
    expect(parseMoneyField(text, "OTE")).toEqual({ ok: true, value: expected });
  });

  test.each(["1,00", "1,5", "97,0000", ",100", "1,000,00", "12,34.5"])(
    "rejects misplaced comma in %j",
    (text) => {
      expect(messageOf(parseMoneyField(text, "OTE"))).toBe(
        `OTE has a comma out of place: "${text}". Use commas only between groups of three digits, such as 1,000 or 12,345.67, or leave them out.`,
      );
    },
  );
});

describe("parsePercentField", () => {
  test("accepts percent with sign", () => {
    expect(parsePercentField("12.5%", "Attrition")).toEqual({
      ok: true,
      value: "12.5",
    });
  });

  test("attrition over 100 is rejected", () => {
    expect(messageOf(parsePercentField("120", "Attrition"))).toBe(
      "Attrition is 120%, above 100. Enter 0 to 100.",
    );
  });

  test("negative attrition is rejected", () => {
    expect(messageOf(parsePercentField("-1", "Attrition"))).toContain(
      "cannot be negative",
    );
  });

  test("text is rejected", () => {
    expect(messageOf(parsePercentField("ten", "Attrition"))).toContain(
      "not a percent",
    );
  });
});

describe("parseWholeField", () => {
  test("accepts whole number at minimum", () => {
    expect(parseWholeField("1", "Count", 1)).toEqual({ ok: true, value: 1 });
  });

  test.each(["0", "1.5", "-2", "two", ""])("count rejects %j", (text) => {
    expect(messageOf(parseWholeField(text, "Count", 1))).toContain(
      "Count must be a whole number of 1 or more",
    );
  });
});

describe("parseNameField and parseDateField", () => {
  test("blank name is rejected", () => {
    expect(messageOf(parseNameField("  ", "Role name"))).toBe(
      "Role name is empty. Enter a name.",
    );
  });

  test("name is trimmed", () => {
    expect(parseNameField(" SDR ", "Role name")).toEqual({
      ok: true,
      value: "SDR",
    });
  });

  test.each(["2026-03-15", "2024-02-29"])("date %s is accepted", (text) => {
    expect(parseDateField(text)).toEqual({ ok: true, value: text });
  });

  test.each(["2026-02-30", "2025-02-29", "15/03/2026", "2026-13-01", ""])(
    "date %j is rejected",
    (text) => {
      expect(messageOf(parseDateField(text))).toContain("YYYY-MM-DD");
    },
  );
});

function rep(id: string, name: string, roleId = "ae"): PlannedRep {
  return { id, name, roleId, startDate: "2025-01-01", territoryId: null };
}

function hire(id: string, monthId: string, roleId = "ae"): PlannedHire {
  return { id, roleId, monthId, count: 1, territoryId: null };
}

describe("sorting", () => {
  const reps = [
    rep("r3", "carla"),
    rep("r1", "Ben"),
    rep("r2", "Ana"),
    rep("r0", "ben"),
  ];

  test("reps sort by name ignoring case", () => {
    expect(sortRepsByName(reps).map((r) => r.id)).toEqual([
      "r2",
      "r0",
      "r1",
      "r3",
    ]);
  });

  test("reps sort descending", () => {
    expect(sortRepsByName(reps, "descending").map((r) => r.id)).toEqual([
      "r3",
      "r1",
      "r0",
      "r2",
    ]);
  });

  test("sorting leaves the input unchanged", () => {
    sortRepsByName(reps);
    expect(reps.map((r) => r.id)).toEqual(["r3", "r1", "r2", "r0"]);
  });

  test("hires sort by month then role", () => {
    const hires = [
      hire("h1", "FY2027-M03"),
      hire("h2", "FY2027-M01", "se"),
      hire("h3", "FY2027-M01", "ae"),
    ];
    expect(sortHires(hires).map((h) => h.id)).toEqual(["h3", "h2", "h1"]);
  });
});

describe("roleRemovalProblem", () => {
  function inputs(reps: PlannedRep[], hires: PlannedHire[]): PlanningInputs {
    const role = (id: string, name: string) => ({
      id,
      name,
      kind: "account executive" as const,
      onTargetEarnings: "0",
      loadedCost: "0",
      annualProductivity: "0",
      rampPercents: ["100"],
      annualAttritionPercent: "0",
      backfillMonths: 0,
    });
    return {
      fiscalStartMonth: 1,
      fiscalYear: 2027,
      targets: [],
      roles: [role("ae", "Account executive"), role("se", "Sales engineer")],
      reps,
      hires,
      quota: {
        companyQuota: null,
        levels: DEFAULT_LEVEL_RULES,
        seasonality: null,
      },
      adjustments: {},
      priorBookings: {},
    };
  }

  test("unused role can be removed", () => {
    expect(roleRemovalProblem(inputs([rep("r1", "Ana")], []), "se")).toBeNull();
  });

  test("role of reps and hires names both", () => {
    const plan = inputs(
      [rep("r1", "Ana"), rep("r2", "Ben")],
      [hire("h1", "FY2027-M02")],
    );
    expect(roleRemovalProblem(plan, "ae")).toBe(
      'Role "Account executive" cannot be removed: 2 reps and 1 hire line use it. Give them another role or remove them first.',
    );
  });

  test("role of one hire line only", () => {
    const plan = inputs([], [hire("h1", "FY2027-M02", "se")]);
    expect(roleRemovalProblem(plan, "se")).toContain("1 hire line uses it");
  });
});
