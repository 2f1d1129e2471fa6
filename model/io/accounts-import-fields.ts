/**
 * Checks of single values in an accounts CSV row. Each returns the parsed
 * value, or a reason that names the value and what to write instead.
 */

export type FieldCheck<T> =
  { ok: true; value: T } | { ok: false; reason: string };

const POTENTIAL_PATTERN = /^(\d+)(?:\.(\d{1,2}))?$/;

/** Maximum length of an account_id, in characters. */
export const MAX_ACCOUNT_ID_LENGTH = 128;

// Letters, digits and combining marks of any script, spaces and ASCII
// punctuation: what CRM ids and Meridian's own ids use. Control and
// invisible characters are left out, because they hide in a cell.
const ACCOUNT_ID_PATTERN =
  /^[\p{L}\p{N}\p{M}\x20-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]+$/u;

const DEGREES_PATTERN = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads a potential: a non-negative decimal with at most two digits after
 * the point. Returns it as an exact string with two digits, such as
 * "1234.50", never through a float.
 */
export function checkPotential(text: string): FieldCheck<string> {
  const match = POTENTIAL_PATTERN.exec(text);
  if (!match) {
    const problem =
      text === ""
        ? "potential is empty"
        : `potential ${JSON.stringify(text)} is not a non-negative decimal with at most 2 digits after the point`;
    return {
      ok: false,
      reason: `${problem}. Write 1234.50, without thousands separators or currency signs`,
    };
  }
  const whole = match[1].replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").padEnd(2, "0");
  return { ok: true, value: `${whole}.${fraction}` };
}

/**
 * Reads an account_id, which becomes the account's id as written: not
 * empty, at most MAX_ACCOUNT_ID_LENGTH characters, and only letters,
 * digits, spaces and ASCII punctuation.
 */
export function checkAccountId(text: string): FieldCheck<string> {
  if (text === "") {
    return {
      ok: false,
      reason:
        "account_id is empty. Give every row its id, or remove the account_id column so that ids come from external_id or the name and county",
    };
  }
  const length = [...text].length;
  if (length > MAX_ACCOUNT_ID_LENGTH) {
    return {
      ok: false,
      reason: `account_id ${JSON.stringify(text.slice(0, 20))}… has ${length} characters, more than the ${MAX_ACCOUNT_ID_LENGTH} allowed. Use a shorter id`,
    };
  }
  if (!ACCOUNT_ID_PATTERN.test(text)) {
    return {
      ok: false,
      reason: `account_id ${JSON.stringify(text)} contains a character other than letters, digits, spaces and ASCII punctuation. Remove control or invisible characters`,
    };
  }
  return { ok: true, value: text };
}

/** Reads a latitude or longitude in decimal degrees within ±`limit`. */
export function checkDegrees(
  column: "latitude" | "longitude",
  text: string,
  limit: number,
): FieldCheck<number> {
  if (!DEGREES_PATTERN.test(text)) {
    return {
      ok: false,
      reason: `${column} ${JSON.stringify(text)} is not a number. Write decimal degrees such as ${column === "latitude" ? "32.5359" : "-86.6422"}`,
    };
  }
  const value = Number(text);
  if (value < -limit || value > limit) {
    return {
      ok: false,
      reason: `${column} ${text} is out of range. It must be between -${limit} and ${limit} degrees`,
    };
  }
  return { ok: true, value };
}

/**
 * Reads a county FIPS code that must be one of `unitIds`. A code whose
 * leading zeros a spreadsheet dropped, such as "1001" for "01001", is
 * reported as such and never matched to the padded code.
 */
export function checkCountyFips(
  text: string,
  unitIds: ReadonlySet<string>,
): FieldCheck<string> {
  if (unitIds.has(text)) return { ok: true, value: text };

  const padded = text.padStart(5, "0");
  if (/^\d{1,4}$/.test(text) && unitIds.has(padded)) {
    return {
      ok: false,
      reason: `county_fips "${text}" lost its leading zero; the county is "${padded}". Store the column as text (a spreadsheet drops the zeros of numbers) and export the file again`,
    };
  }
  return {
    ok: false,
    reason: `county_fips "${text}" is not a known county. Write the 5-digit county FIPS code, such as 01001 for Autauga County, AL`,
  };
}
