import { describe, expect, test } from "vitest";
import { accountsCsv } from "../../../model/io/accounts-csv.ts";
import { csvField } from "../../../model/io/csv.ts";

const account = (
  id: string,
  name: string,
  unitId: string,
  potential: string,
) => ({
  id,
  name,
  unitId,
  segment: id.startsWith("city-") ? "city" : "county",
  potential,
});

describe("accountsCsv", () => {
  test("writes territory, owner and empty fields", () => {
    const csv = accountsCsv(
      [
        account("county-01001", "Autauga County", "01001", "29743.50"),
        account("city-4084796", "Prattville", "01001", "28336.00"),
        account("county-01003", "Baldwin County", "01003", "0.00"),
      ],
      new Map([
        ["01001", { territory: "South", owner: "Ada Park" }],
        ["01003", { territory: "Gulf", owner: "" }],
      ]),
    );

    expect(csv).toBe(
      [
        "account_id,name,unit_id,segment,potential,territory,owner",
        "county-01001,Autauga County,01001,county,29743.50,South,Ada Park",
        "city-4084796,Prattville,01001,city,28336.00,South,Ada Park",
        "county-01003,Baldwin County,01003,county,0.00,Gulf,",
        "",
      ].join("\n"),
    );
  });

  test("quotes fields as RFC 4180 says", () => {
    const csv = accountsCsv(
      [account("city-1", 'Town, "Old"', "02010", "12.80")],
      new Map([["02010", { territory: "North\nWest", owner: "Li, Wei" }]]),
    );

    expect(csv.split("\n").slice(1).join("\n")).toBe(
      'city-1,"Town, ""Old""",02010,city,12.80,"North\nWest","Li, Wei"\n',
    );
  });

  test("csvField quotes only when needed", () => {
    expect(csvField("Autauga County")).toBe("Autauga County");
    expect(csvField("a\rb")).toBe('"a\rb"');
  });
});
