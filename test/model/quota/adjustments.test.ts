import { describe, expect, test } from "vitest";
import { cascadeQuotas } from "../../../model/quota/cascade.ts";
import {
  QuotaAdjustmentError,
  QuotaInputError,
} from "../../../model/quota/errors.ts";
import type { QuotaCascadeResult } from "../../../model/quota/types.ts";
import { exampleInput } from "./example.ts";

function annualOf(result: QuotaCascadeResult): Record<string, string> {
  return Object.fromEntries(result.quotas.map((q) => [q.nodeId, q.annual]));
}

function caughtError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("quota adjustments", () => {
  test("adjusted amount is kept and siblings share the rest", () => {
    const input = exampleInput();
    input.adjustments = { ana: { amount: "150000.00" } };
    const result = cascadeQuotas(input);
    const annual = annualOf(result);

    expect(annual.ana).toBe("150000.00");
    expect(annual.ben).toBe("141562.50");
    expect(annual.cy).toBe("141562.50");
    expect(result.quotas.find((q) => q.nodeId === "ana")?.source).toBe(
      "adjusted amount",
    );
  });

  test("delta adds to the cascade share", () => {
    const input = exampleInput();
    input.adjustments = { ana: { delta: "-4375.00" } };
    const annual = annualOf(cascadeQuotas(input));

    expect(annual.ana).toBe("140000.00");
    expect(annual.ben).toBe("146562.50");
    expect(annual.cy).toBe("146562.50");
  });

  test("adjusted parent cascades its new quota", () => {
    const input = exampleInput();
    input.adjustments = { nyc: { amount: "300000.00" } };
    const annual = annualOf(cascadeQuotas(input));

    expect(annual.nyc).toBe("300000.00");
    expect(annual.dee).toBe("150000.00");
    expect(annual.eli).toBe("150000.00");
    expect(annual.bos).toBe("393000.00");
    expect(annual.ana).toBe("131000.00");
  });

  test("overwrite mode ignores and lists adjustments", () => {
    const input = exampleInput();
    input.adjustments = { ana: { amount: "150000.00" } };
    const result = cascadeQuotas(input, "overwrite");

    expect(annualOf(result).ana).toBe("144375.00");
    expect(result.skippedAdjustments).toEqual([
      { nodeId: "ana", reason: "overwritten" },
    ]);
  });

  test("adjustment of a deleted node is skipped", () => {
    const input = exampleInput();
    input.adjustments = { gone: { amount: "1.00" } };
    const result = cascadeQuotas(input);

    expect(result.skippedAdjustments).toEqual([
      { nodeId: "gone", reason: "node not found" },
    ]);
    expect(annualOf(result).ana).toBe("144375.00");
  });

  test("company adjustment is skipped", () => {
    const input = exampleInput();
    input.adjustments = { c: { amount: "1.00" } };
    const result = cascadeQuotas(input);

    expect(result.skippedAdjustments).toEqual([
      { nodeId: "c", reason: "company node" },
    ]);
    expect(annualOf(result).c).toBe("1000000.00");
  });

  test("adjustment trace shows the cascade share", () => {
    const input = exampleInput();
    input.adjustments = { ana: { delta: "625.00" } };
    const ana = cascadeQuotas(input).quotas.find((q) => q.nodeId === "ana");
    const ben = cascadeQuotas(input).quotas.find((q) => q.nodeId === "ben");

    expect(ana?.trace.text).toBe(
      'Quota of rep "Ana" = 144,375.00 + 625.00 (manual delta) = 145,000.00',
    );
    expect(ben?.trace.text).toBe(
      'Quota of rep "Ben" = 50% of the 288,125.00 left of the pool of territory "Boston" after adjustments, its weight by even 33.3333% rescaled over the siblings without adjustments = 144,062.50',
    );
  });

  test("sibling remainder below zero names the parent", () => {
    const input = exampleInput();
    input.adjustments = {
      ana: { amount: "300000.00" },
      ben: { amount: "200000.00" },
    };
    const error = caughtError(() => cascadeQuotas(input));

    expect(error).toBeInstanceOf(QuotaAdjustmentError);
    expect((error as QuotaAdjustmentError).nodeId).toBe("bos");
    expect((error as QuotaAdjustmentError).amount).toBe("-66875.00");
    expect((error as Error).message).toBe(
      'Adjusted quotas under territory "Boston" exceed its pool of 433125.00, leaving -66875.00 for the other children. ' +
        'Lower an adjustment or raise the quota of territory "Boston".',
    );
  });

  test("delta below zero names the node and amount", () => {
    const input = exampleInput();
    input.adjustments = { sea: { delta: "-500000.00" } };
    const error = caughtError(() => cascadeQuotas(input));

    expect(error).toBeInstanceOf(QuotaAdjustmentError);
    expect((error as QuotaAdjustmentError).nodeId).toBe("sea");
    expect((error as QuotaAdjustmentError).amount).toBe("-38000.00");
    expect((error as Error).message).toMatch(
      /^Quota of territory "Seattle" is negative: -38000.00/,
    );
  });

  test("negative amount is rejected", () => {
    const input = exampleInput();
    input.adjustments = { gus: { amount: "-1.00" } };

    expect(() => cascadeQuotas(input)).toThrow(
      'Adjusted quota of rep "Gus" is negative: -1.00. Set an amount of 0 or more.',
    );
  });

  test("every child adjusted must use the whole pool", () => {
    const input = exampleInput();
    input.adjustments = {
      gus: { amount: "200000.00" },
      hal: { amount: "200000.00" },
    };
    const error = caughtError(() => cascadeQuotas(input));

    expect(error).toBeInstanceOf(QuotaAdjustmentError);
    expect((error as QuotaAdjustmentError).nodeId).toBe("sea");
    expect((error as Error).message).toMatch(/leave 62000.00 of its pool/);
  });

  test("every child adjusted to the whole pool is valid", () => {
    const input = exampleInput();
    input.adjustments = {
      gus: { amount: "262000.00" },
      hal: { amount: "200000.00" },
    };
    const annual = annualOf(cascadeQuotas(input));

    expect(annual.gus).toBe("262000.00");
    expect(annual.hal).toBe("200000.00");
  });

  test("adjustment with amount and delta is rejected", () => {
    const input = exampleInput();
    input.adjustments = {
      gus: { amount: "1.00", delta: "2.00" } as unknown as { amount: string },
    };

    expect(() => cascadeQuotas(input)).toThrow(QuotaInputError);
  });

  test("adjustment finer than a cent is rejected", () => {
    const input = exampleInput();
    input.adjustments = { gus: { delta: "0.001" } };

    expect(() => cascadeQuotas(input)).toThrow(
      'Quota delta of rep "Gus" is 0.001, which has more than two decimal places; round it to the cent.',
    );
  });

  test("merged adjustments from two replicas still add up", () => {
    // Given two replicas that each adjusted a different rep offline
    const first = { ana: { amount: "150000.00" } };
    const second = { ben: { delta: "1000.00" } };

    // When their adjustment maps merge
    const input = exampleInput();
    input.adjustments = { ...first, ...second };
    const annual = annualOf(cascadeQuotas(input));

    // Then the unadjusted sibling takes what is left
    expect(annual.ana).toBe("150000.00");
    expect(annual.ben).toBe("145375.00");
    expect(annual.cy).toBe("137750.00");
  });
});

describe("worked example adjustments", () => {
  test("over-adjusted Boston names the remainder", () => {
    const input = exampleInput();
    input.adjustments = {
      ana: { amount: "150000.00" },
      ben: { amount: "300000.00" },
    };
    const error = caughtError(() => cascadeQuotas(input));

    expect((error as QuotaAdjustmentError).nodeId).toBe("bos");
    expect((error as QuotaAdjustmentError).amount).toBe("-16875.00");
  });
});
