/** A territory's fields that the import and export files use, as the plan stores them. */
export interface FileTerritory {
  id: string;
  name: string;
  color: string;
  /** Person id of the owner, or null. */
  ownerId: string | null;
  kind: "territory" | "region";
}

/**
 * Maps territory ids to the names that files write for them. A name that
 * several territories share gets the first 8 characters of each id in
 * brackets, such as "Gulf (aaaaaaaa)", so every row maps back to one
 * territory.
 */
export function uniqueTerritoryNames(
  territories: readonly Pick<FileTerritory, "id" | "name">[],
): Map<string, string> {
  const nameCount = new Map<string, number>();
  for (const territory of territories) {
    nameCount.set(territory.name, (nameCount.get(territory.name) ?? 0) + 1);
  }
  return new Map(
    territories.map((territory) => [
      territory.id,
      (nameCount.get(territory.name) ?? 0) > 1
        ? `${territory.name} (${territory.id.slice(0, 8)})`
        : territory.name,
    ]),
  );
}
