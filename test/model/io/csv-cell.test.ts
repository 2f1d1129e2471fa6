import { describe, expect, test } from "vitest";
import { csvCell, readCsvCell } from "../../../model/io/csv-cell.ts";
import { readCsvRecords } from "../../../model/io/csv-records.ts";

describe("csvCell", () => {
  test("plain text unchanged", () => {
    expect(csvCell("Autauga County")).toBe("Autauga County");
    expect(csvCell("")).toBe("");
    expect(csvCell("O'Brien")).toBe("O'Brien");
    expect(csvCell("a=b")).toBe("a=b");
  });

  test("quotes commas, quotes and line breaks", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  test.each([
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["=1+1", "'=1+1"],
    ["+1 555 0100", "'+1 555 0100"],
    ["+5", "'+5"],
    ["-West", "'-West"],
    ["-", "'-"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["-1-1", "'-1-1"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tWest", "'\tWest"],
    ["\rWest", '"\'\rWest"'],
    ["\0West", "'\0West"],
  ])("guards formula %j", (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  test.each([["-12.50"], ["-12"], ["-0.5"], ["-1e-7"], ["-87.6"], ["12.50"]])(
    "keeps number %j",
    (value) => {
      expect(csvCell(value)).toBe(value);
    },
  );

  test("guards apostrophe before formula", () => {
    expect(csvCell("'=x")).toBe("''=x");
    expect(csvCell("''-1")).toBe("'''-1");
    expect(csvCell("'-12.50")).toBe("''-12.50");
  });
});

describe("readCsvCell", () => {
  test("drops the added apostrophe", () => {
    expect(readCsvCell("'=1+1")).toBe("=1+1");
    expect(readCsvCell("'-West")).toBe("-West");
    expect(readCsvCell("''=x")).toBe("'=x");
  });

  test("other fields unchanged", () => {
    expect(readCsvCell("O'Brien")).toBe("O'Brien");
    expect(readCsvCell("'quoted'")).toBe("'quoted'");
    expect(readCsvCell("-12.50")).toBe("-12.50");
    expect(readCsvCell("=x")).toBe("=x");
    expect(readCsvCell("")).toBe("");
  });

  test.each([
    ['=HYPERLINK("http://x","y")'],
    ["+1 555 0100"],
    ["-West"],
    ["-12.50"],
    ["@SUM(A1)"],
    ["\tWest"],
    ["\rWest"],
    ["'=x"],
    ["''=x"],
    ["'-12.50"],
    ["O'Brien"],
    ['a,"b"\nc'],
  ])("round trip of %j", (value) => {
    const { records, problems } = readCsvRecords(`${csvCell(value)},end\n`);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(1);
    expect(readCsvCell(records[0].fields[0])).toBe(value);
  });
});
