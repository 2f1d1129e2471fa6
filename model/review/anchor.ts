/**
 * Kind of the plan object that a comment, a history query or a map marker
 * is attached to. An anchor names the object by its id only, so it outlives
 * edits of the object: a repainted county keeps its anchor.
 *
 * - territory: territory id
 * - county: 5-digit county FIPS code (the unit id)
 * - account: account id
 * - quota: quota node id (a key of the plan document's `quotas` map)
 * - version: version id from the versions API
 */
export type AnchorKind =
  "territory" | "county" | "account" | "quota" | "version";

export interface Anchor {
  kind: AnchorKind;
  id: string;
}

/** Every anchor kind, in the order lists and menus show them. */
export const ANCHOR_KINDS: readonly AnchorKind[] = [
  "territory",
  "county",
  "account",
  "quota",
  "version",
];

/** Maximum length of an anchor id; longer ids are rejected as invalid. */
export const MAX_ANCHOR_ID_LENGTH = 200;

const COUNTY_ID = /^\d{5}$/;

/** An anchor value or key that was rejected as invalid. */
export class AnchorError extends Error {
  override name = "AnchorError";
}

/**
 * Returns the key of an anchor, `<kind>:<id>`, for maps and sets of anchors.
 * The kind never contains a colon, so the first colon splits the key.
 */
export function anchorKey(anchor: Anchor): string {
  return `${anchor.kind}:${anchor.id}`;
}

/** Reports whether two anchors name the same object. */
export function sameAnchor(a: Anchor, b: Anchor): boolean {
  return a.kind === b.kind && a.id === b.id;
}

export function isAnchorKind(value: unknown): value is AnchorKind {
  return (
    typeof value === "string" &&
    (ANCHOR_KINDS as readonly string[]).includes(value)
  );
}

/**
 * Checks an untrusted value (JSON, a stored entry, a URL parameter) and
 * returns it as an Anchor with only `kind` and `id`. Raises an AnchorError
 * that names the invalid field and the accepted values.
 */
export function parseAnchor(value: unknown): Anchor {
  if (value === null || typeof value !== "object") {
    throw new AnchorError(
      `Invalid anchor: ${describe(value)}. Give an object such as {"kind": "county", "id": "06037"}.`,
    );
  }
  const fields = value as Record<string, unknown>;
  const kind = fields.kind;
  if (!isAnchorKind(kind)) {
    throw new AnchorError(
      `Invalid anchor kind: ${describe(kind)}. Use one of ${ANCHOR_KINDS.join(", ")}.`,
    );
  }
  return { kind, id: checkId(kind, fields.id) };
}

/**
 * Parses a key made by anchorKey back into an Anchor. Raises an AnchorError
 * when the key has no colon, an unknown kind or an invalid id.
 */
export function parseAnchorKey(key: string): Anchor {
  const colon = key.indexOf(":");
  if (colon < 0) {
    throw new AnchorError(
      `Invalid anchor key: ${JSON.stringify(key)}. Write it as <kind>:<id>, such as "county:06037".`,
    );
  }
  return parseAnchor({ kind: key.slice(0, colon), id: key.slice(colon + 1) });
}

function checkId(kind: AnchorKind, id: unknown): string {
  if (typeof id !== "string" || id === "") {
    throw new AnchorError(
      `Invalid ${kind} anchor: the id is ${describe(id)}. Give the ${kind}'s id as a non-empty string.`,
    );
  }
  if (id.length > MAX_ANCHOR_ID_LENGTH) {
    throw new AnchorError(
      `Invalid ${kind} anchor: the id has ${id.length} characters, more than the maximum of ${MAX_ANCHOR_ID_LENGTH}.`,
    );
  }
  if (kind === "county" && !COUNTY_ID.test(id)) {
    throw new AnchorError(
      `Invalid county anchor: ${JSON.stringify(id)} is not a 5-digit FIPS code. Give the county's unit id, such as "06037".`,
    );
  }
  return id;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  return JSON.stringify(value) ?? String(value);
}
