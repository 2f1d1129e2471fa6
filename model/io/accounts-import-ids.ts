/**
 * Account ids of an imported list. They are stable across imports, so that
 * anything the plan stores by account id (such as a named-account override)
 * still finds the account after a new export from the CRM is imported:
 * - a row with an `external_id` gets `ext-<external_id>`;
 * - any other row gets `acct-<hash>`, where the hash is a 53-bit hash of
 *   the name (trimmed, lowercased, runs of spaces made one) and the county
 *   id, written as 14 hex digits. Several rows with the same name in the
 *   same county get `-2`, `-3` and so on after the hash, in file order.
 * The two prefixes keep the kinds apart, so a content id never equals an
 * external one. A file with an `account_id` column (Meridian's own accounts
 * export) takes its ids from that column instead, and never calls this rule.
 */
export class AccountIdRule {
  readonly #used = new Map<string, number>();

  /** Returns the id of the next account, given its external id (or "") and content. */
  idFor(externalId: string, name: string, unitId: string): string {
    if (externalId !== "") return `ext-${externalId}`;

    const key = `${normalizeName(name)}\u0000${unitId}`;
    const base = `acct-${hash53(key).toString(16).padStart(14, "0")}`;
    const seen = (this.#used.get(base) ?? 0) + 1;
    this.#used.set(base, seen);
    return seen === 1 ? base : `${base}-${seen}`;
  }
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, " ");
}

// cyrb53 (public domain, by bryc): two 32-bit multiply-xor lanes mixed into
// a 53-bit integer, so it stays exact in a double.
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
