import { describe, expect, test } from "vitest";
import { UnitLocator } from "../../../model/geo/point-in-polygon.ts";
import {
  importAccountsCsv,
  type AccountsImportOptions,
  type AccountsImportResult,
} from "../../../model/io/accounts-import.ts";

const square = (x: number, y: number): [number, number][] => [
  [x, y],
  [x + 1, y],
  [x + 1, y + 1],
  [x, y + 1],
  [x, y],
];

// Two counties: 01001 covers lon -87..-86, lat 32..33; 01003 covers -88..-87.
const options: AccountsImportOptions = {
  unitIds: new Set(["01001", "01003", "48453"]),
  locator: new UnitLocator([
    { id: "01001", type: "Polygon", coordinates: [square(-87, 32)] },
    { id: "01003", type: "Polygon", coordinates: [square(-88, 32)] },
  ]),
  description: "Imported from test.csv",
};

const HEADER = "name,county_fips,latitude,longitude,segment,potential";

function run(text: string, extra: Partial<AccountsImportOptions> = {}) {
  return importAccountsCsv(text, { ...options, ...extra });
}

function badRows(result: AccountsImportResult) {
  if (result.ok) throw new Error("expected the import to fail");
  return result.badRows;
}

function fileProblemOf(result: AccountsImportResult) {
  if (result.ok) throw new Error("expected the import to fail");
  return result.fileProblem;
}

function datasetOf(result: AccountsImportResult) {
  if (!result.ok) throw new Error("expected the import to pass");
  return result.dataset;
}

function accounts(result: AccountsImportResult) {
  if (!result.ok) {
    throw new Error(
      `expected the import to pass: ${result.fileProblem ?? JSON.stringify(result.badRows)}`,
    );
  }
  return result.dataset.accounts;
}

describe("importAccountsCsv", () => {
  test("reads a county row and a point row", () => {
    const result = run(
      [
        HEADER,
        "Autauga County,01001,,,county,29743.50",
        "Prattville,,32.464,-86.4597,city,28336",
      ].join("\n"),
    );
    const list = accounts(result);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({
      name: "Autauga County",
      unitId: "01001",
      segment: "county",
      potential: "29743.50",
    });
    expect(list[0].lon).toBeUndefined();
    expect(list[1]).toMatchObject({
      unitId: "01001",
      lat: 32.464,
      lon: -86.4597,
      potential: "28336.00",
    });
  });

  test("returns the accounts.json shape", () => {
    const result = run(`${HEADER}\nA,01001,,,city,1`);
    expect(datasetOf(result).generated).toBe(false);
    expect(datasetOf(result).description).toBe("Imported from test.csv");
  });

  test("keeps potential as an exact string", () => {
    const list = accounts(
      run(
        `${HEADER}\nA,01001,,,city,0.1\nB,01001,,,city,9007199254740.99\nC,01001,,,city,007.5`,
      ),
    );
    expect(list.map((account) => account.potential)).toEqual([
      "0.10",
      "9007199254740.99",
      "7.50",
    ]);
  });

  test("reads headers in any case and order, and unit_id", () => {
    const list = accounts(
      run("POTENTIAL,Segment, Name ,Unit_ID,notes\n10,city,A,01003,x"),
    );
    expect(list[0]).toMatchObject({ name: "A", unitId: "01003" });
  });

  test("reads BOM, CRLF and quoted fields", () => {
    const text =
      "\uFEFFname,county_fips,segment,potential\r\n" +
      '"Smith, Jones ""and"" Co",01001,city,5\r\n' +
      '"Two\r\nlines",01003,county,6\r\n' +
      "Last,01001,city,7\r\n";
    const list = accounts(run(text));
    expect(list.map((account) => account.name)).toEqual([
      'Smith, Jones "and" Co',
      "Two\r\nlines",
      "Last",
    ]);
  });

  test("counts physical lines after a multi-line field", () => {
    const text = [
      "name,county_fips,segment,potential",
      '"Two',
      'lines",01001,city,1',
      "Bad,01001,city,1.234",
    ].join("\n");
    expect(badRows(run(text)).map((row) => row.line)).toEqual([4]);
  });

  test("imports nothing when one row is bad", () => {
    const text = [
      HEADER,
      "A,01001,,,city,1",
      "B,01001,,,city,-5",
      "C,01003,,,city,2",
    ].join("\n");
    const result = run(text);
    expect(result.ok).toBe(false);
    expect("dataset" in result).toBe(false);
    expect(badRows(result)).toHaveLength(1);
  });

  test("reports every bad row with its line", () => {
    const text = [
      HEADER,
      ",01001,,,city,1",
      "B,99999,,,city,1",
      "C,1001,,,city,1",
      "D,,abc,-86.5,city,1",
      "E,,95,-86.5,city,1",
      "F,,32.5,-200,city,1",
      "G,,40.5,-86.5,city,1",
      'H,01001,,,city,"1,234.50"',
      "I,01001,,,city,$12",
      "J,01001,,,city,1.234",
      "K,01001,,,,1",
      "L,01001,city,1",
      "M,,,,city,1",
      "N,,32.5,,city,1",
    ].join("\n");
    const rows = badRows(run(text));
    const reasonOn = (line: number) =>
      rows
        .filter((row) => row.line === line)
        .map((row) => row.reason)
        .join(" | ");

    expect(rows.map((row) => row.line)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
    expect(reasonOn(2)).toMatch(/name is empty/);
    expect(reasonOn(3)).toMatch(/county_fips "99999" is not a known county/);
    expect(reasonOn(4)).toMatch(
      /county_fips "1001" lost its leading zero; the county is "01001"/,
    );
    expect(reasonOn(5)).toMatch(/latitude "abc" is not a number/);
    expect(reasonOn(6)).toMatch(/latitude 95 is out of range/);
    expect(reasonOn(7)).toMatch(/longitude -200 is out of range/);
    expect(reasonOn(8)).toMatch(
      /point at latitude 40.5, longitude -86.5 is in no county/,
    );
    expect(reasonOn(9)).toMatch(
      /potential "1,234.50" is not a non-negative decimal with at most 2 digits after the point\. Write 1234\.50, without thousands separators or currency signs/,
    );
    expect(reasonOn(10)).toMatch(/potential "\$12"/);
    expect(reasonOn(11)).toMatch(/potential "1.234"/);
    expect(reasonOn(12)).toMatch(/segment is empty/);
    expect(reasonOn(13)).toMatch(/The row has 4 fields, but the header has 6/);
    expect(reasonOn(14)).toMatch(
      /county_fips, latitude and longitude are all empty/,
    );
    expect(reasonOn(15)).toMatch(/latitude is given but longitude is empty/);
  });

  test("places a point just off a county in the nearest one", () => {
    const list = accounts(run(`${HEADER}\nShore,,33.03,-86.5,city,1`));
    expect(list[0]).toMatchObject({ unitId: "01001", lat: 33.03, lon: -86.5 });
  });

  test("rejects a point farther than the tolerance", () => {
    const rows = badRows(run(`${HEADER}\nSea,,33.06,-86.5,city,1`));
    expect(rows).toHaveLength(1);
    expect(rows[0].reason).toMatch(
      /latitude 33.06, longitude -86.5 is in no county and more than 0.05 degrees from one/,
    );
  });

  test("hints at swapped latitude and longitude", () => {
    const rows = badRows(run(`${HEADER}\nA,,-86.5,32.5,city,1`));
    expect(rows[0].reason).toMatch(/swapped/);
  });

  test("reports a duplicate external_id on its second line", () => {
    const text = [
      "name,county_fips,segment,potential,external_id",
      "A,01001,city,1,CRM-1",
      "B,01001,city,1,CRM-2",
      "C,01003,city,1,CRM-1",
    ].join("\n");
    const rows = badRows(run(text));
    expect(rows).toEqual([
      {
        line: 4,
        reason:
          'external_id "CRM-1" is also on line 2. Give each account its own external_id, or leave it empty.',
      },
    ]);
  });

  test("reports a missing column for the whole file", () => {
    const result = run("name,county_fips,potential\nA,01001,1");
    expect(result.ok).toBe(false);
    expect(fileProblemOf(result)).toMatch(/The header has no segment column/);
  });

  test("needs county_fips or both point columns", () => {
    const noPlace = run("name,segment,potential\nA,city,1");
    expect(fileProblemOf(noPlace)).toMatch(
      /no county_fips column and no latitude and longitude columns/,
    );
    const half = run("name,latitude,segment,potential\nA,32,city,1");
    expect(fileProblemOf(half)).toMatch(
      /has a latitude column but no longitude column/,
    );
  });

  test("rejects a column named twice", () => {
    const result = run(
      "name,county_fips,unit_id,segment,potential\nA,01001,01001,city,1",
    );
    expect(fileProblemOf(result)).toMatch(/column twice/);
  });

  test("rejects an empty file and a header without rows", () => {
    const empty = run("");
    expect(fileProblemOf(empty)).toMatch(/The file is empty/);
    const headerOnly = run(`${HEADER}\n`);
    expect(fileProblemOf(headerOnly)).toMatch(/no accounts/);
  });

  test("reports an unclosed quote on the line it starts", () => {
    const rows = badRows(run(`${HEADER}\nA,01001,,,city,1\n"B,01001,,,city,1`));
    expect(rows).toHaveLength(1);
    expect(rows[0].line).toBe(3);
    expect(rows[0].reason).toMatch(/never closed/);
  });

  test("rejects potentials that overflow exact cents", () => {
    const text = `${HEADER}\nA,01001,,,city,90071992547409.91\nB,01001,,,city,90071992547409.91`;
    const result = run(text);
    expect(fileProblemOf(result)).toMatch(/add up to more than/);
  });
});

describe("importAccountsCsv ids", () => {
  test("derive from external_id when present", () => {
    const list = accounts(
      run(
        "name,county_fips,segment,potential,external_id\nA,01001,city,1,CRM-7",
      ),
    );
    expect(list[0].id).toBe("ext-CRM-7");
    expect(list[0].externalId).toBe("CRM-7");
  });

  test("derive from name and county otherwise", () => {
    const first = accounts(run(`${HEADER}\nAcme  Corp,01001,,,city,1`));
    const again = accounts(run(`${HEADER}\nacme corp,01001,,,county,99`));
    const other = accounts(run(`${HEADER}\nAcme Corp,01003,,,city,1`));
    expect(first[0].id).toMatch(/^acct-[0-9a-f]{14}$/);
    expect(again[0].id).toBe(first[0].id);
    expect(other[0].id).not.toBe(first[0].id);
  });

  test("number repeated names in one county", () => {
    const list = accounts(
      run(`${HEADER}\nBranch,01001,,,city,1\nBranch,01001,,,city,2`),
    );
    expect(list[1].id).toBe(`${list[0].id}-2`);
  });
});

describe("importAccountsCsv account_id", () => {
  const ID_HEADER = "account_id,name,unit_id,segment,potential";

  test("takes ids verbatim from the column", () => {
    const list = accounts(
      run(
        [
          `${ID_HEADER},external_id`,
          "county-01001,Autauga County,01001,county,29743.50,CRM-1",
          "ext-CRM 7,Acme,01003,city,1,",
          "Zürich:1/a,Branch,01003,city,2,",
        ].join("\n"),
      ),
    );
    expect(list.map((account) => account.id)).toEqual([
      "county-01001",
      "ext-CRM 7",
      "Zürich:1/a",
    ]);
    expect(list[0].externalId).toBe("CRM-1");
  });

  test("wins over external_id and content", () => {
    const list = accounts(
      run(
        "account_id,name,county_fips,segment,potential,external_id\nmy-1,A,01001,city,1,CRM-1",
      ),
    );
    expect(list[0].id).toBe("my-1");
  });

  test("reads the export's other columns without error", () => {
    const text = [
      "account_id,name,unit_id,segment,potential,territory,owner,longitude,latitude",
      'city-1,Prattville,01001,city,28336.00,South,"Li, Wei",-86.4597,32.464',
      "county-01003,Baldwin County,01003,county,5,,,,",
    ].join("\n");
    const list = accounts(run(text));
    expect(list[0]).toEqual({
      id: "city-1",
      name: "Prattville",
      unitId: "01001",
      segment: "city",
      potential: "28336.00",
      lon: -86.4597,
      lat: 32.464,
    });
    expect(list[1]).toEqual({
      id: "county-01003",
      name: "Baldwin County",
      unitId: "01003",
      segment: "county",
      potential: "5.00",
    });
  });

  test("reports empty, long and invalid ids with their lines", () => {
    const text = [
      ID_HEADER,
      ",A,01001,city,1",
      `${"x".repeat(129)},B,01001,city,1`,
      `${"y".repeat(128)},C,01001,city,1`,
      '"tab\tid",D,01001,city,1',
      "ok\u200bid,E,01001,city,1",
    ].join("\n");
    const rows = badRows(run(text));
    expect(rows.map((row) => row.line)).toEqual([2, 3, 5, 6]);
    expect(rows[0].reason).toMatch(/^account_id is empty\./);
    expect(rows[1].reason).toMatch(
      /has 129 characters, more than the 128 allowed/,
    );
    expect(rows[2].reason).toMatch(
      /account_id "tab\\tid" contains a character other than letters/,
    );
    expect(rows[3].reason).toMatch(/contains a character other than letters/);
  });

  test("reports a repeated id on its later line", () => {
    const text = [
      ID_HEADER,
      "a-1,A,01001,city,1",
      "a-2,B,01001,city,1",
      "a-1,C,01003,city,1",
    ].join("\n");
    expect(badRows(run(text))).toEqual([
      {
        line: 4,
        reason:
          'account_id "a-1" is also on line 2. Give each account its own account_id.',
      },
    ]);
  });
});

describe("importAccountsCsv progress", () => {
  test("reports every few rows and at the end", () => {
    const rows = Array.from({ length: 25 }, (_, i) => `A${i},01001,,,city,1`);
    const calls: [number, number][] = [];
    run([HEADER, ...rows].join("\n"), {
      progressEvery: 10,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toEqual([
      [10, 25],
      [20, 25],
      [25, 25],
    ]);
  });
});
