/**
 * Display formatting for figures in the territory list and tooltips. Money
 * arrives as an exact decimal string and is only regrouped as text, so no
 * amount ever passes through a floating-point number here.
 */

const DECIMAL_PATTERN = /^(-?)(\d+)(\.\d+)?$/;

/** Inserts thousands separators into a decimal string: "1234567.80" becomes "1,234,567.80". */
export function groupDecimal(value: string): string {
  const match = DECIMAL_PATTERN.exec(value);
  if (!match) {
    throw new Error(
      `Cannot format ${JSON.stringify(value)}: expected a decimal string such as "1250.50".`,
    );
  }
  const [, sign, whole, fraction = ""] = match;
  return `${sign}${groupDigits(whole)}${fraction}`;
}

function groupDigits(digits: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) {
    groups.unshift(digits.slice(Math.max(0, end - 3), end));
  }
  return groups.join(",");
}

/** Formats an exact decimal amount with its currency: "$1,234.50" for USD, "1,234.50 EUR" otherwise. */
export function formatMoney(amount: string, currency: string): string {
  const grouped = groupDecimal(amount);
  if (currency !== "USD") return `${grouped} ${currency}`;
  return grouped.startsWith("-") ? `-$${grouped.slice(1)}` : `$${grouped}`;
}

/** Formats a whole count such as a population with thousands separators. */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(count)) {
    throw new RangeError(
      `Cannot format ${count} as a count: not a safe integer.`,
    );
  }
  return groupDecimal(String(count));
}

/**
 * Formats a count with its noun in the singular or plural, such as "1 row"
 * or "1,204 rows". The plural defaults to the singular with an "s".
 */
export function countText(
  count: number,
  singular: string,
  plural = `${singular}s`,
): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** Formats a deviation percentage ("12.5") with a sign: "+12.5%", "−3.0%", or "–" when there is none. */
export function formatDeviation(percent: string | null): string {
  if (percent === null) return "–";
  if (percent.startsWith("-")) return `−${percent.slice(1)}%`;
  return percent === "0.0" ? "0.0%" : `+${percent}%`;
}

/** Formats an ISO 8601 time as a short local date, such as "Mar 4, 2026". */
export function formatDate(iso: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return iso;
  return new Date(time).toLocaleDateString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
  });
}
