import type { Anchor, AnchorKind } from "./anchor.ts";

/**
 * Id -> readable name of the objects an anchor can name, one lookup per
 * kind. A lookup may be empty, such as before the plan's data has loaded.
 */
export type AnchorNameSources = Readonly<
  Record<AnchorKind, (id: string) => string | null>
>;

const KIND_LABELS: Readonly<Record<AnchorKind, string>> = {
  territory: "Territory",
  county: "County",
  account: "Account",
  quota: "Quota",
  version: "Version",
};

/** Returns the capitalized noun for a kind, such as "County". */
export function anchorKindLabel(kind: AnchorKind): string {
  return KIND_LABELS[kind];
}

/**
 * Returns an anchor's object as people read it, such as
 * "Los Angeles, CA". An object whose name is unknown, such as a deleted
 * territory, shows its kind and id, such as "territory 7f3a…", so a thread
 * of a deleted object still reads as what it was about.
 */
export function anchorName(anchor: Anchor, sources: AnchorNameSources): string {
  const name = sources[anchor.kind](anchor.id);
  if (name !== null && name.trim() !== "") return name;
  return `${anchor.kind} ${anchor.id}`;
}

/** Returns the anchor's kind and name, such as "County: Los Angeles, CA". */
export function anchorTitle(
  anchor: Anchor,
  sources: AnchorNameSources,
): string {
  return `${anchorKindLabel(anchor.kind)}: ${anchorName(anchor, sources)}`;
}
