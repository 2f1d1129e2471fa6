/** Colours of people in presence and history, distinct on a light map. */
const PERSON_COLORS = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#9467bd",
  "#ff7f0e",
  "#17becf",
  "#8c564b",
  "#e377c2",
  "#bcbd22",
  "#7f7f7f",
  "#393b79",
  "#637939",
];

/** A person as the API returns it. */
export interface Person {
  id: string;
  name: string;
  color: string;
}

/**
 * Picks a colour from the person id, so the same person keeps one colour
 * everywhere.
 */
export function personColor(personId: string): string {
  // FNV-1a over the UTF-16 code units: stable and cheap, not cryptographic.
  let hash = 0x811c9dc5;
  for (let i = 0; i < personId.length; i++) {
    hash ^= personId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return PERSON_COLORS[(hash >>> 0) % PERSON_COLORS.length];
}

export const MAX_NAME_LENGTH = 60;

/**
 * Trims a display name and checks it has 1 to 60 characters and no control
 * characters; returns an error sentence instead when it does not.
 */
export function checkDisplayName(
  value: unknown,
): { ok: true; name: string } | { ok: false; message: string } {
  if (typeof value !== "string") {
    return {
      ok: false,
      message: 'The field "name" is missing; send a display name.',
    };
  }
  const name = value.trim();
  const length = [...name].length;
  if (length === 0 || length > MAX_NAME_LENGTH) {
    return {
      ok: false,
      message: `Display name "${name}" has ${length} characters; use 1 to ${MAX_NAME_LENGTH}.`,
    };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return {
      ok: false,
      message:
        "The display name contains control characters such as line breaks; use plain text.",
    };
  }
  return { ok: true, name };
}
