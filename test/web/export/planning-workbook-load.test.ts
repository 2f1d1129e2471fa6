import { expect, test, vi } from "vitest";
import {
  PlanningWorkbookError,
  writePlanningWorkbook,
} from "../../../web/export/planning-workbook.ts";

// Stands in for a browser whose request for the exceljs chunk failed.
vi.mock("exceljs", () => {
  throw new Error("Failed to fetch dynamically imported module");
});

test("failed exceljs load names the fix", async () => {
  const table = {
    name: "Notes",
    columns: [{ key: "note", header: "Note", kind: "text" as const }],
    rows: [],
  };

  const written = writePlanningWorkbook([table]);

  await expect(written).rejects.toBeInstanceOf(PlanningWorkbookError);
  await expect(written).rejects.toThrow(
    /^Loading the XLSX writer \(exceljs\) failed: .+\. Check the connection to the server and export again\.$/s,
  );
});
