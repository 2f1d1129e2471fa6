import type * as Y from "yjs";
import type { Territory } from "./schema.ts";

/** Fields of a territory entry that edits may change; the id is its key. */
export const TERRITORY_FIELDS = [
  "name",
  "color",
  "parentId",
  "ownerId",
  "locked",
  "kind",
] as const;

/** Reads a territory entry into plain data, with defaults for missing fields. */
export function readTerritory(id: string, entry: Y.Map<unknown>): Territory {
  return {
    id,
    name: String(entry.get("name") ?? ""),
    color: String(entry.get("color") ?? "#888888"),
    parentId: (entry.get("parentId") as string | null) ?? null,
    ownerId: (entry.get("ownerId") as string | null) ?? null,
    locked: entry.get("locked") === true,
    kind: entry.get("kind") === "region" ? "region" : "territory",
  };
}
