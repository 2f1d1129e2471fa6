import { formatDate } from "../format.ts";
import type { PlanPerson } from "../session/sharing-api.ts";

/** How many characters of a person id tell apart people who share a name and a join date. */
const SHORT_ID_LENGTH = 6;

/**
 * Labels people for the owner picker, such as "Ann (editor)". People who
 * share a display name also show their join date, and people who share
 * the name and the date also show the start of their id, so that every
 * label names one person. Returns person id -> label.
 */
export function ownerLabels(
  people: readonly PlanPerson[],
  dateText: (iso: string) => string = formatDate,
): Map<string, string> {
  const byName = countBy(people, (person) => person.name);
  const byNameAndDate = countBy(
    people,
    (person) => `${person.name}\n${dateText(person.joinedAt)}`,
  );

  const labels = new Map<string, string>();
  for (const person of people) {
    const details: string[] = [person.role];
    if ((byName.get(person.name) ?? 0) > 1) {
      const joined = dateText(person.joinedAt);
      details.push(`joined ${joined}`);
      if ((byNameAndDate.get(`${person.name}\n${joined}`) ?? 0) > 1)
        details.push(`id ${person.id.slice(0, SHORT_ID_LENGTH)}`);
    }
    labels.set(person.id, `${person.name} (${details.join(", ")})`);
  }
  return labels;
}

function countBy<T>(items: readonly T[], key: (item: T) => string) {
  const counts = new Map<string, number>();
  for (const item of items) {
    const value = key(item);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}
