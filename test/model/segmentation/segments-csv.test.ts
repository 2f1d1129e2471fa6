import { expect, test } from "vitest";
import { segmentsCsv } from "../../../model/segmentation/segments-csv.ts";

test("segments CSV quotes names", () => {
  const csv = segmentsCsv(
    [
      { id: "a1", name: "Adams County" },
      { id: "a2", name: 'City of "Quincy", IL' },
    ],
    Int32Array.from([1, 0]),
    ["High potential, West", "Average accounts"],
  );
  expect(csv).toBe(
    [
      "account_id,account_name,segment,segment_name",
      "a1,Adams County,1,Average accounts",
      'a2,"City of ""Quincy"", IL",0,"High potential, West"',
      "",
    ].join("\n"),
  );
});

test("segments CSV escapes formula names", () => {
  const csv = segmentsCsv(
    [{ id: "a1", name: '=HYPERLINK("http://x")' }],
    Int32Array.from([0]),
    ["@Top"],
  );
  expect(csv.split("\n")[1]).toBe(`a1,"'=HYPERLINK(""http://x"")",0,'@Top`);
});
