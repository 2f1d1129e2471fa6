import { describe, expect, test } from "vitest";
import { findOrphanedUnits } from "../../model/orphans.ts";

describe("findOrphanedUnits", () => {
  test("groups units of missing territories", () => {
    const assignments = new Map([
      ["01001", "east"],
      ["01003", "gone"],
      ["01005", "west"],
      ["01007", "gone"],
      ["01009", "lost"],
    ]);
    const orphans = findOrphanedUnits(assignments, new Set(["east", "west"]));
    expect([...orphans]).toEqual([
      ["gone", ["01003", "01007"]],
      ["lost", ["01009"]],
    ]);
  });

  test("no missing territory, no orphans", () => {
    const assignments = new Map([["01001", "east"]]);
    expect(findOrphanedUnits(assignments, new Set(["east"])).size).toBe(0);
  });
});
