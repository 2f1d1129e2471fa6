import { describe, expect, test } from "vitest";
import {
  approveState,
  canDispute,
  canSubmit,
  creditRows,
  differenceText,
  lineLabel,
  payableDifference,
  payRows,
  readAmount,
  sectionNote,
} from "../../../web/pay/statement-lines.ts";
import type { PayAccess } from "../../../web/pay/types.ts";
import { anaMarch, DEALS } from "./statement-fixture.ts";

const ADMIN: PayAccess = {
  admin: true,
  repId: null,
  repName: null,
  visibleRepIds: ["ana", "ben", "cat"],
};
const ANA: PayAccess = {
  admin: false,
  repId: "ana",
  repName: "Ana",
  visibleRepIds: ["ana"],
};
const CAT_MANAGES_ANA: PayAccess = {
  admin: false,
  repId: "cat",
  repName: "Cat",
  visibleRepIds: ["ana", "cat"],
};

describe("creditRows", () => {
  test("joins each credit to its deal", () => {
    const rows = creditRows(anaMarch(), DEALS);

    expect(rows.map((row) => [row.dealId, row.account, row.amount])).toEqual([
      ["d1", "acc-1", "600.00"],
      ["d2", "acc-2", "333.33"],
    ]);
    expect(rows[0].kind).toBe("split");
    expect(rows[0].ruleId).toBe("split");
  });

  test("marks a deal missing from the reply", () => {
    const rows = creditRows(anaMarch(), []);

    expect(rows[0].account).toBe("–");
    expect(rows[0].closeDate).toBe("–");
  });

  test("numbers repeated credits of one deal and kind", () => {
    const statement = anaMarch();
    const twice = {
      ...statement,
      credits: [statement.credits[0], statement.credits[0]],
    };

    const ids = creditRows(twice, DEALS).map((row) => row.lineId);

    expect(ids).toEqual(["credit:d1:split", "credit:d1:split:2"]);
  });
});

describe("payRows", () => {
  test("lists lines, draw and payable with exact amounts", () => {
    const rows = payRows(anaMarch());

    expect(rows.map((row) => [row.section, row.lineId, row.amount])).toEqual([
      ["payout", "comm", "93.33"],
      ["draw", "draw", "0.00"],
      ["payable", "payable", "93.33"],
    ]);
  });

  test("marks adjustment rows whose label does not say so", () => {
    const [commission, draw] = payRows(anaMarch());
    const adjustment = { ...commission, section: "adjustment" as const };

    expect(sectionNote(commission)).toBeNull();
    expect(sectionNote(draw)).toBeNull();
    expect(sectionNote({ ...adjustment, label: "Correction of 2027-02" })).toBe(
      "Adjustment",
    );
    expect(
      sectionNote({ ...adjustment, label: "Adjustment: bonus" }),
    ).toBeNull();
  });

  test("names lines for disputes by component id", () => {
    const rows = payRows(anaMarch());

    expect(lineLabel("comm", rows)).toBe("Commission");
    expect(lineLabel("gone", rows)).toBe("gone");
  });
});

describe("approveState", () => {
  test("admin approves a pending statement", () => {
    expect(approveState(ADMIN, "ana", "pending")).toEqual({
      shown: true,
      disabledReason: null,
    });
  });

  test("void statement disables approve with reason", () => {
    const state = approveState(ADMIN, "ana", "void");

    expect(state.shown).toBe(true);
    expect(state.disabledReason).toMatch(/void/);
    expect(state.disabledReason).toMatch(/Submit it again/);
  });

  test("draft statement asks for a submission first", () => {
    expect(approveState(ADMIN, "ana", "draft").disabledReason).toMatch(
      /Submit the statement first/,
    );
    expect(
      approveState(CAT_MANAGES_ANA, "ana", "draft").disabledReason,
    ).toMatch(/has not submitted/);
  });

  test("manager approves a team member", () => {
    expect(approveState(CAT_MANAGES_ANA, "ana", "pending").shown).toBe(true);
  });

  test("rep never approves their own statement", () => {
    expect(approveState(ANA, "ana", "pending").shown).toBe(false);
    expect(approveState(CAT_MANAGES_ANA, "cat", "pending").shown).toBe(false);
  });

  test("approved statement shows no button", () => {
    expect(approveState(ADMIN, "ana", "approved").shown).toBe(false);
  });
});

describe("canSubmit and canDispute", () => {
  test("only admins submit draft or void statements", () => {
    expect(canSubmit(ADMIN, "draft")).toBe(true);
    expect(canSubmit(ADMIN, "void")).toBe(true);
    expect(canSubmit(ADMIN, "pending")).toBe(false);
    expect(canSubmit(ADMIN, "approved")).toBe(false);
    expect(canSubmit(CAT_MANAGES_ANA, "draft")).toBe(false);
  });

  test("only the rep disputes their statement", () => {
    expect(canDispute(ANA, "ana")).toBe(true);
    expect(canDispute(CAT_MANAGES_ANA, "ana")).toBe(false);
    expect(canDispute(ADMIN, "ana")).toBe(false);
  });
});

describe("payableDifference", () => {
  test("subtracts in exact cents with a sign", () => {
    expect(payableDifference("93.33", "3593.34")).toBe("+3500.01");
    expect(payableDifference("0.10", "0.00")).toBe("-0.10");
    expect(payableDifference("0.30", "0.30")).toBe("0.00");
  });

  test("formats the difference as money", () => {
    expect(differenceText("+3500.01", "USD")).toBe("+$3,500.01");
    expect(differenceText("-0.10", "USD")).toBe("-$0.10");
    expect(differenceText("0.00", "EUR")).toBe("0.00 EUR");
  });
});

describe("readAmount", () => {
  test("accepts grouped, signed and dollar amounts", () => {
    expect(readAmount("1,250.5", "amount")).toBe("1250.50");
    expect(readAmount(" $75 ", "amount")).toBe("75.00");
    expect(readAmount("-$1,000.01", "amount")).toBe("-1000.01");
  });

  test("rejects misplaced commas", () => {
    expect(() => readAmount("1,00", "deal amount")).toThrow(
      /Commas may only separate thousands/,
    );
  });

  test("rejects fractions of a cent", () => {
    expect(() => readAmount("10.005", "deal amount")).toThrow(
      /more than two decimals/,
    );
  });

  test("rejects text with the field name", () => {
    expect(() => readAmount("ten", "deal amount")).toThrow(
      /Invalid deal amount: "ten"/,
    );
  });
});
