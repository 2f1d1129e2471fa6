import type { DataTable } from "./data-table.ts";

/**
 * Builds a chart's data table, turning an invalid amount into the error
 * message the chart shows in its place.
 */
export function readData(
  build: () => DataTable,
): { table: DataTable } | { error: string } {
  try {
    return { table: build() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
