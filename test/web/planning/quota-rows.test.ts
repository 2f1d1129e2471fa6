import { expect, test } from "vitest";
import { derivePlanning } from "../../../model/planning/derive.ts";
import type { PlanningInputs } from "../../../model/planning/inputs.ts";
import { quotaRows, visibleRows } from "../../../web/planning/quota-rows.ts";
import {
  FIXTURE_CONTEXT,
  FIXTURE_POTENTIAL,
  planningFixture,
} from "../../model/planning/fixture.ts";

function rowsOf(inputs: PlanningInputs) {
  const model = derivePlanning(inputs, FIXTURE_CONTEXT);
  return quotaRows(model.quota!, {
    inputs,
    potentialCents: FIXTURE_POTENTIAL,
    ownerIds: new Map([["bos", "p1"]]),
    names: new Map([["p1", "Ann"]]),
  });
}

test("quotaRows lists nodes in tree order", () => {
  const rows = rowsOf(planningFixture());

  expect(rows.map((r) => `${"  ".repeat(r.depth)}${r.name}`)).toEqual([
    "Acme",
    "  East",
    "    Boston",
    "      Ana",
    "      Ben",
    "    New York",
    "      Open seat 1: AE, Apr 2027",
    "  West",
    "    Seattle",
    "      Gus",
  ]);
});

test("quotaRows names territory owners", () => {
  const rows = rowsOf(planningFixture());
  const owners = Object.fromEntries(rows.map((r) => [r.id, r.owner]));

  expect(owners.bos).toBe("Ann");
  expect(owners.nyc).toBeNull();
  expect(owners.east).toBeNull();
});

test("quotaRows sums potential up the tree", () => {
  const rows = rowsOf(planningFixture());
  const potential = Object.fromEntries(
    rows.map((r) => [r.id, r.potentialCents]),
  );

  expect(potential.bos).toBe(40_000_000);
  expect(potential.east).toBe(60_000_000);
  expect(potential.company).toBe(100_000_000);
  expect(potential.ana).toBeNull();
});

test("quotaRows rolls up prior bookings not entered", () => {
  const inputs = planningFixture();
  inputs.priorBookings = { ana: "1000.50", ben: "2000", sea: "500" };
  const rows = rowsOf(inputs);
  const byId = new Map(rows.map((r) => [r.id, r]));

  expect(byId.get("ana")!.priorBookings).toBe("1000.50");
  expect(byId.get("bos")!.priorBookings).toBeNull();
  expect(byId.get("bos")!.priorBookingsRollup).toBe("3000.50");
  expect(byId.get("east")!.priorBookingsRollup).toBe("3000.50");
  expect(byId.get("sea")!.priorBookings).toBe("500");
  expect(byId.get("sea")!.priorBookingsRollup).toBeNull();
  expect(byId.get("company")!.priorBookingsRollup).toBe("3500.50");
  expect(byId.get("nyc")!.priorBookingsRollup).toBeNull();
});

test("quotaRows shows adjustments as typed", () => {
  const inputs = planningFixture();
  inputs.adjustments = { ana: { delta: "-2000" }, nyc: { amount: "150000" } };
  const rows = rowsOf(inputs);
  const byId = new Map(rows.map((r) => [r.id, r]));

  expect(byId.get("ana")!.adjustment).toBe("-2000");
  expect(byId.get("nyc")!.adjustment).toBe("150000");
  expect(byId.get("ben")!.adjustment).toBe("");
});

test("visibleRows hides rows below a collapsed region", () => {
  const rows = rowsOf(planningFixture());

  const visible = visibleRows(rows, new Set(["east"]));

  expect(visible.map((r) => r.id)).toEqual([
    "company",
    "east",
    "west",
    "sea",
    "gus",
  ]);
});
