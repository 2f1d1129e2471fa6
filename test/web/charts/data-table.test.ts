import { describe, expect, test } from "vitest";
import {
  capacityTable,
  overAssignmentTable,
  quotaPotentialTable,
} from "../../../web/charts/data-table.ts";

describe("capacityTable", () => {
  test("exact amounts per month", () => {
    const table = capacityTable(
      [
        {
          label: "Feb 2026",
          capacity: "982500.12",
          target: "1100000.00",
          gap: "117499.88",
        },
        { label: "Mar 2026", capacity: "1047333.50", target: null, gap: null },
      ],
      "Capacity against target",
    );
    expect(table.caption).toBe("Capacity against target");
    expect(table.columns).toEqual([
      "Month",
      "Capacity",
      "Target",
      "Gap (target minus capacity)",
    ]);
    expect(table.rows).toEqual([
      ["Feb 2026", "$982,500.12", "$1,100,000.00", "$117,499.88"],
      ["Mar 2026", "$1,047,333.50", "No target", "–"],
    ]);
  });

  test("invalid amount raises", () => {
    expect(() =>
      capacityTable(
        [{ label: "Feb 2026", capacity: "n/a", target: null, gap: null }],
        "Capacity",
      ),
    ).toThrow(/capacity of Feb 2026/);
  });
});

describe("quotaPotentialTable", () => {
  test("every territory with owner", () => {
    const rows = Array.from({ length: 30 }, (_, index) => ({
      id: `t-${index}`,
      name: `Territory ${index}`,
      quota: "1000.50",
      potential: "5000.00",
      ownerName: index === 0 ? "Ana Ruiz" : undefined,
    }));
    const table = quotaPotentialTable(rows, "Quota against potential", "EUR");
    expect(table.rows).toHaveLength(30);
    expect(table.rows[0]).toEqual([
      "Territory 0",
      "Ana Ruiz",
      "1,000.50 EUR",
      "5,000.00 EUR",
    ]);
    expect(table.rows[1][1]).toBe("–");
  });
});

describe("overAssignmentTable", () => {
  test("levels with signed percent", () => {
    const table = overAssignmentTable(
      [
        {
          level: "region",
          parentTotal: "120000000.00",
          childrenTotal: "132000000.00",
          percent: "10.0",
        },
        {
          level: "rep",
          parentTotal: "100.00",
          childrenTotal: "98.00",
          percent: "-2.0",
        },
      ],
      "Over-assignment by level",
    );
    expect(table.rows).toEqual([
      ["Region", "$120,000,000.00", "$132,000,000.00", "+10.0%"],
      ["Rep", "$100.00", "$98.00", "−2.0%"],
    ]);
  });

  test("invalid percent raises", () => {
    expect(() =>
      overAssignmentTable(
        [
          {
            level: "rep",
            parentTotal: "1.00",
            childrenTotal: "1.00",
            percent: "ten",
          },
        ],
        "Over-assignment",
      ),
    ).toThrow(/percent of level "rep"/);
  });
});
