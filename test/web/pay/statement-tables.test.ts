import { describe, expect, test } from "vitest";
import { writePlanningWorkbook } from "../../../web/export/planning-workbook.ts";
import {
  detailTables,
  summaryTable,
} from "../../../web/pay/statement-tables.ts";
import { anaMarch, DEALS } from "./statement-fixture.ts";

describe("statement tables", () => {
  test("summary table keeps exact figures", () => {
    const table = summaryTable([
      {
        repId: "ana",
        repName: "Ana",
        periodId: "2027-03",
        credited: "933.33",
        quota: "2000.00",
        attainment: "0.4667",
        payable: "93.33",
        status: "pending",
      },
    ]);

    expect(table.rows).toEqual([
      {
        period_id: "2027-03",
        rep_id: "ana",
        rep_name: "Ana",
        credited: "933.33",
        quota: "2000.00",
        attainment: "0.4667",
        payable: "93.33",
        status: "Pending approval",
      },
    ]);
  });

  test("detail tables list credits and payout lines", () => {
    const [credits, lines] = detailTables(anaMarch(), "approved", DEALS);

    expect(credits.rows.map((r) => [r.deal_id, r.amount, r.kind])).toEqual([
      ["d1", "600.00", "Split"],
      ["d2", "333.33", "Split"],
    ]);
    expect(lines.rows.map((r) => [r.line, r.amount])).toEqual([
      ["Commission", "93.33"],
      ["Draw", "0.00"],
      ["Payable", "93.33"],
      ["Status", null],
    ]);
    expect(lines.rows.at(-1)?.explanation).toBe("Approved");
  });

  test("workbook writer takes every statement table", async () => {
    const tables = [
      summaryTable([]),
      ...detailTables(anaMarch(), "draft", DEALS),
    ];

    const bytes = await writePlanningWorkbook(tables);

    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe("PK");
  });
});
