/**
 * @mentions in comment bodies. A body shows a mention as "@" followed by the
 * person's display name, and the comment stores the mentioned person ids
 * beside the body, so a rename later does not lose the mention.
 */

/** A plan member who can be mentioned. */
export interface MentionPerson {
  id: string;
  name: string;
}

/** The "@..." text being typed at the caret: where it starts and the name typed so far. */
export interface MentionQuery {
  /** Index of the "@" in the text. */
  start: number;
  query: string;
}

/** A run of a body: plain text, or a mention of one person. */
export interface MentionSegment {
  text: string;
  /** Person id of the mention, or null for plain text. */
  personId: string | null;
}

/** Maximum length of the typed name that completion looks at. */
const MAX_QUERY_LENGTH = 40;

/**
 * Returns the mention being typed just before `caret`, or null when the
 * caret is not in one. The "@" must start the text or follow white space,
 * so an e-mail address is not taken for a mention. The query may contain
 * spaces ("@Ana Li") but no line break.
 */
export function mentionQueryAt(
  text: string,
  caret: number,
): MentionQuery | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf("@");
  if (start < 0) return null;
  if (start > 0 && !/\s/.test(before[start - 1])) return null;

  const query = before.slice(start + 1);
  if (query.length > MAX_QUERY_LENGTH || /[\n\r@]/.test(query)) return null;
  return { start, query };
}

/**
 * Returns the people whose name starts with the query, or has a word that
 * does, ignoring case; names starting with it first, then by name.
 */
export function mentionChoices(
  people: readonly MentionPerson[],
  query: string,
): MentionPerson[] {
  const typed = query.trim().toLowerCase();
  const matches = people.filter((person) => {
    const name = person.name.toLowerCase();
    return (
      name.startsWith(typed) ||
      name.split(/\s+/).some((word) => word.startsWith(typed))
    );
  });
  return matches.sort((a, b) => {
    const aFirst = a.name.toLowerCase().startsWith(typed) ? 0 : 1;
    const bFirst = b.name.toLowerCase().startsWith(typed) ? 0 : 1;
    return aFirst - bFirst || a.name.localeCompare(b.name);
  });
}

/**
 * Replaces the mention being typed with "@<name> " and returns the new text
 * and the caret after the inserted space.
 */
export function completeMention(
  text: string,
  query: MentionQuery,
  person: MentionPerson,
): { text: string; caret: number } {
  const end = query.start + 1 + query.query.length;
  const inserted = `@${person.name} `;
  return {
    text: text.slice(0, query.start) + inserted + text.slice(end),
    caret: query.start + inserted.length,
  };
}

/**
 * Returns the ids of the people mentioned in a body, in the order of their
 * first mention. A mention is "@" and the person's whole name, ignoring
 * case, not followed by a letter or digit.
 *
 * NOTE: Two members with the same display name are both mentioned by it.
 */
export function mentionedIds(
  body: string,
  people: readonly MentionPerson[],
): string[] {
  const found = splitMentions(body, people)
    .map((segment) => segment.personId)
    .filter((id): id is string => id !== null);
  return [...new Set(found)];
}

/**
 * Splits a body into plain text and mentions of the given people, for
 * display. Longer names win, so "@Ana Li" is one mention when both "Ana"
 * and "Ana Li" are members.
 */
export function splitMentions(
  body: string,
  people: readonly MentionPerson[],
): MentionSegment[] {
  const named = people
    .filter((person) => person.name.trim() !== "")
    .sort((a, b) => b.name.length - a.name.length);
  const segments: MentionSegment[] = [];
  let plain = "";
  let index = 0;

  while (index < body.length) {
    const person =
      body[index] === "@" && startsMention(body, index)
        ? named.find((candidate) => nameAt(body, index + 1, candidate.name))
        : undefined;
    if (!person) {
      plain += body[index];
      index += 1;
      continue;
    }
    if (plain !== "") segments.push({ text: plain, personId: null });
    plain = "";
    const length = 1 + person.name.length;
    segments.push({
      text: body.slice(index, index + length),
      personId: person.id,
    });
    index += length;
  }
  if (plain !== "") segments.push({ text: plain, personId: null });
  return segments;
}

function startsMention(body: string, index: number): boolean {
  return index === 0 || /\s|[([{"']/.test(body[index - 1]);
}

function nameAt(body: string, index: number, name: string): boolean {
  const candidate = body.slice(index, index + name.length);
  if (candidate.toLowerCase() !== name.toLowerCase()) return false;
  const next = body[index + name.length];
  return next === undefined || !/[\p{L}\p{N}]/u.test(next);
}
