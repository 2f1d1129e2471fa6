import { expect, test } from "vitest";
import { formatInsightsCsv } from "../../../model/insights/csv.ts";
import type { Kpi } from "../../../model/insights/types.ts";
import type { Trace } from "../../../model/trace.ts";

function trace(figure: string, value: string): Trace {
  return { figure, value, formula: "a - b", inputs: [], parts: [] };
}

const kpi: Kpi = {
  id: "quota-gap",
  label: "Quota gap",
  value: "-12.50",
  unit: "currency",
  definition: "Quota minus target.",
  trace: trace("Quota gap", "-12.50"),
  breakdown: [
    {
      level: "territory",
      id: "t-1",
      parentId: null,
      name: '=HYPERLINK("http://x","y")',
      value: "-3",
      trace: trace("Gap of t-1", "-3"),
    },
  ],
};

test("insights CSV escapes formula names", () => {
  expect(formatInsightsCsv([kpi]).split("\n")).toEqual([
    "kpi,label,level,id,name,value,unit,trace",
    "quota-gap,Quota gap,plan,,,-12.50,currency,Quota gap = -12.50: a - b",
    `quota-gap,Quota gap,territory,t-1,"'=HYPERLINK(""http://x"",""y"")",-3,currency,Gap of t-1 = -3: a - b`,
    "",
  ]);
});
