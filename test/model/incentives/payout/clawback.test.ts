import { describe, expect, test } from "vitest";
import {
  computePayout,
  type CompPlan,
} from "../../../../model/incentives/payout/index.ts";

const plan: CompPlan = {
  components: [
    { id: "c", label: "Commission", type: "commission", rate: "0.05" },
  ],
  clawback: { windowDays: 90 },
};

const second = {
  repId: "r1",
  periodId: "2027-Q2",
  start: "2027-04-01",
  end: "2027-06-30",
  credited: "10000.00",
  quota: "100000.00",
};

describe("clawback", () => {
  test("claws back inside the window", () => {
    // closed 2027-03-15, cancelled 2027-04-20: 36 days <= 90 -> -1234.56
    const payout = computePayout(plan, {
      ...second,
      cancellations: [
        {
          dealId: "a",
          closeDate: "2027-03-15",
          cancelDate: "2027-04-20",
          paidAmount: "1234.56",
        },
      ],
    });
    expect(payout.adjustments.map((a) => a.amount)).toEqual(["-1234.56"]);
    expect(payout.adjustments[0].label).toBe("Clawback a");
    // 10000 x 0.05 = 500.00; 500.00 - 1234.56 = -734.56
    expect(payout.payable).toBe("-734.56");
  });

  test("includes the last window day", () => {
    // 2027-03-01 to 2027-05-30: 31 + 30 + 29 = 90 days <= 90 -> -100.00
    const payout = computePayout(plan, {
      ...second,
      cancellations: [
        {
          dealId: "b",
          closeDate: "2027-03-01",
          cancelDate: "2027-05-30",
          paidAmount: "100.00",
        },
      ],
    });
    expect(payout.adjustments.map((a) => a.amount)).toEqual(["-100.00"]);
  });

  test("ignores cancellations after the window", () => {
    // 2027-03-01 to 2027-05-31 is 91 days > 90
    const payout = computePayout(plan, {
      ...second,
      cancellations: [
        {
          dealId: "c",
          closeDate: "2027-03-01",
          cancelDate: "2027-05-31",
          paidAmount: "100.00",
        },
      ],
    });
    expect(payout.adjustments).toEqual([]);
  });

  test("waits for the period of cancellation", () => {
    // cancelled 2027-07-02, after this period ends on 2027-06-30
    const payout = computePayout(plan, {
      ...second,
      cancellations: [
        {
          dealId: "d",
          closeDate: "2027-06-01",
          cancelDate: "2027-07-02",
          paidAmount: "100.00",
        },
      ],
    });
    expect(payout.adjustments).toEqual([]);
  });
});
