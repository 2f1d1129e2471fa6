/** Maximum client ids remembered per plan and person. The oldest drop out first. */
export const MAX_REMEMBERED_CLIENT_IDS = 20;

const KEY_PREFIX = "meridian.clientIds.";

/**
 * Remembers `clientId` as this browser's Yjs client id for a plan and
 * person, and returns the ones it used in earlier page loads, newest
 * first. The page announces them in its awareness state, so the server
 * credits edits made offline in an earlier page load to this person.
 * Returns an empty list when localStorage is unavailable.
 */
export function rememberClientId(
  planId: string,
  personId: string,
  clientId: number,
): number[] {
  const key = `${KEY_PREFIX}${planId}.${personId}`;
  try {
    const earlier = readIds(localStorage.getItem(key)).filter(
      (id) => id !== clientId,
    );
    const remembered = [clientId, ...earlier].slice(
      0,
      MAX_REMEMBERED_CLIENT_IDS,
    );
    localStorage.setItem(key, JSON.stringify(remembered));
    return remembered.slice(1);
  } catch {
    // Private windows and full storage reject the write. The current client
    // id still registers through the live connection.
    return [];
  }
}

function readIds(text: string | null): number[] {
  if (text === null) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.filter((id): id is number => Number.isInteger(id));
  } catch {
    return [];
  }
}
