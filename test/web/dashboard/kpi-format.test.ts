import { describe, expect, test } from "vitest";
import { NOT_AVAILABLE } from "../../../model/insights/types.ts";
import {
  formatKpiValue,
  payScopeText,
  payUnavailableReason,
} from "../../../web/dashboard/kpi-format.ts";

describe("formatKpiValue", () => {
  test.each([
    ["12.5", "percent", "12.5%"],
    ["-1250.0", "percent", "-1,250.0%"],
    ["1.25", "ratio", "1.25"],
    ["1234567.80", "currency", "$1,234,567.80"],
    ["-5.00", "currency", "-$5.00"],
    ["1204", "count", "1,204"],
    ["3.5", "days", "3.5 days"],
    ["1.0", "days", "1.0 day"],
  ] as const)("%s as %s", (value, unit, expected) => {
    expect(formatKpiValue(value, unit, "USD")).toBe(expected);
  });

  test("other currency follows amount", () => {
    expect(formatKpiValue("10.00", "currency", "EUR")).toBe("10.00 EUR");
  });

  test("not available passes through", () => {
    expect(formatKpiValue(NOT_AVAILABLE, "currency", "USD")).toBe(
      NOT_AVAILABLE,
    );
  });
});

describe("payUnavailableReason", () => {
  test("loading, withheld and loaded", () => {
    expect(payUnavailableReason(null)).toBe("Pay figures are loading.");
    expect(
      payUnavailableReason({
        kind: "forbidden",
        message: "Only people who may see statements see pay figures.",
      }),
    ).toBe("Only people who may see statements see pay figures.");
    expect(
      payUnavailableReason({ kind: "failed", message: "Server unreachable." }),
    ).toBe("Server unreachable.");
    expect(
      payUnavailableReason({
        kind: "loaded",
        scope: "all",
        input: {
          statements: [],
          reps: [],
          bookedCents: 0,
          revenueCents: 0,
          disputes: [],
        },
      }),
    ).toBeNull();
  });

  test("scope text", () => {
    expect(payScopeText("team")).toBe(
      "Pay figures cover the statements of your team.",
    );
    expect(payScopeText(undefined)).toBeNull();
  });
});
