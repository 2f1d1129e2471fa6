/**
 * Cells of the CSV files Meridian writes, safe to open in a spreadsheet.
 *
 * Excel, LibreOffice Calc and Google Sheets run a cell that starts with
 * "=", "+", "-" or "@" as a formula, so a territory or person named
 * `=HYPERLINK(...)` would run in the reader's spreadsheet. A cell that
 * starts with one of these, a tab, CR or NUL is written with an apostrophe
 * in front, which makes the spreadsheet read it as text.
 *
 * A minus followed by a plain number, such as "-12.50" or "-1e-7", is data,
 * not a formula, so negative amounts and longitudes stay numbers. Text that
 * starts with apostrophes before a formula character gets one more
 * apostrophe, so that {@link readCsvCell} gives back the exact value.
 */

const FORMULA_START = /^'*[=+\-@\t\r\0]/;
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * Formats one CSV field: an apostrophe before text that a spreadsheet would
 * run as a formula, then quotes as RFC 4180 says when the field contains a
 * comma, a double quote or a line break, with inner quotes doubled.
 */
export function csvCell(value: string): string {
  const text = isFormulaLike(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Returns the value that {@link csvCell} wrote, from a field already
 * unquoted by a CSV reader: drops the apostrophe added before a formula
 * character. Any other field is returned unchanged.
 */
export function readCsvCell(field: string): string {
  return field.startsWith("'") && FORMULA_START.test(field)
    ? field.slice(1)
    : field;
}

function isFormulaLike(value: string): boolean {
  return FORMULA_START.test(value) && !NEGATIVE_NUMBER.test(value);
}
