import { expect, test } from "vitest";
import type { StateRecord, UnitRecord } from "../../web/plan/reference-data.ts";
import { balanceStates } from "../../web/ui/balance-states.ts";

const state = (fips: string, name: string): StateRecord => ({
  fips,
  code: name.slice(0, 2).toUpperCase(),
  name,
  lon: 0,
  lat: 0,
});

const unit = (id: string): UnitRecord => ({
  id,
  name: `County ${id}`,
  stateFips: id.slice(0, 2),
  state: "",
  stateName: "",
  population: 0,
  lon: 0,
  lat: 0,
});

test("balanceStates drops states without counties", () => {
  const states = [
    state("48", "Texas"),
    state("66", "Guam"),
    state("33", "New Hampshire"),
  ];
  const units = [unit("48453"), unit("33015"), unit("33017")];

  expect(balanceStates(states, units).map((s) => s.fips)).toEqual(["33", "48"]);
});
