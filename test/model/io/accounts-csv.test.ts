import { describe, expect, test } from "vitest";
import { accountsCsv } from "../../../model/io/accounts-csv.ts";

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
        "account_id,name,unit_id,segment,potential,territory,owner,longitude,latitude",
        "county-01001,Autauga County,01001,county,29743.50,South,Ada Park,,",
        "city-4084796,Prattville,01001,city,28336.00,South,Ada Park,,",
        "county-01003,Baldwin County,01003,county,0.00,Gulf,,,",
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
      'city-1,"Town, ""Old""",02010,city,12.80,"North\nWest","Li, Wei",,\n',
    );
  });

  test("writes longitude and latitude when known", () => {
    const csv = accountsCsv(
      [
        {
          ...account("county-01001", "Autauga", "01001", "1.00"),
          lon: -86.6422,
          lat: 32.5359,
        },
        {
          ...account("county-01003", "Baldwin", "01003", "2.00"),
          lon: 0,
          lat: -0.5,
        },
        {
          ...account("county-01005", "Barbour", "01005", "3.00"),
          lon: Number.NaN,
        },
      ],
      new Map(),
    );

    expect(csv.split("\n").slice(1)).toEqual([
      "county-01001,Autauga,01001,county,1.00,,,-86.6422,32.5359",
      "county-01003,Baldwin,01003,county,2.00,,,0,-0.5",
      "county-01005,Barbour,01005,county,3.00,,,,",
      "",
    ]);
  });

  test("pinned account takes its override territory", () => {
    const csv = accountsCsv(
      [
        account("county-01001", "Autauga", "01001", "1.00"),
        account("city-4084796", "Prattville", "01001", "2.00"),
        account("city-9", "Unpainted", "01009", "3.00"),
      ],
      new Map([["01001", { territory: "South", owner: "Ada" }]]),
      new Map([
        ["city-4084796", { territory: "Gulf", owner: "" }],
        ["city-9", { territory: "North", owner: "Li" }],
      ]),
    );

    expect(csv.split("\n").slice(1)).toEqual([
      "county-01001,Autauga,01001,county,1.00,South,Ada,,",
      "city-4084796,Prattville,01001,city,2.00,Gulf,,,",
      "city-9,Unpainted,01009,city,3.00,North,Li,,",
      "",
    ]);
  });

  test("escapes formula names, keeps coordinates", () => {
    const csv = accountsCsv(
      [
        {
          ...account("city-1", '=HYPERLINK("http://x")', "02010", "-12.50"),
          lon: -86.6422,
          lat: 32.5,
        },
      ],
      new Map([["02010", { territory: "+West", owner: "@Li" }]]),
    );

    expect(csv.split("\n")[1]).toBe(
      `city-1,"'=HYPERLINK(""http://x"")",02010,city,-12.50,'+West,'@Li,-86.6422,32.5`,
    );
  });
});
