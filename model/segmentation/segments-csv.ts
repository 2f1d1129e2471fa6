import { csvCell } from "../io/csv-cell.ts";

/**
 * Writes one CSV row per account with its segment, in the columns of
 * `meridian segment --format csv`: account_id, account_name, segment (the
 * 0-based segment index) and segment_name.
 */
export function segmentsCsv(
  accounts: readonly { id: string; name: string }[],
  segmentOf: Int32Array,
  names: readonly string[],
): string {
  const lines = ["account_id,account_name,segment,segment_name"];
  accounts.forEach((account, i) => {
    const segment = segmentOf[i];
    lines.push(
      [account.id, account.name, String(segment), names[segment]]
        .map(csvCell)
        .join(","),
    );
  });
  return `${lines.join("\n")}\n`;
}
