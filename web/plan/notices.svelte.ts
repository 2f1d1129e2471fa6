import type { SkippedUnit } from "../../model/locks.ts";

/** Counties that locks kept out of the last stroke or bulk change. */
export interface SkipNotice {
  kind: "skipped";
  id: number;
  skipped: SkippedUnit[];
}

/** Counties this person painted that another write replaced at about the same time. */
export interface LostNotice {
  kind: "lost";
  id: number;
  unitIds: string[];
  /** Yjs client id of the replica whose write won, or null when it is not known. */
  writerClientId: number | null;
  /** The winner's name from presence when the notice was made, or null when they were not in it yet. */
  byName: string | null;
  /** True when the counties became unassigned rather than repainted. */
  erased: boolean;
  /** Time of the last counties added, in milliseconds since the epoch. */
  updatedAt: number;
}

/** One group of lost counties: the same writer, and repainted or erased alike. */
export interface LostGroup {
  unitIds: string[];
  writerClientId: number | null;
  byName: string | null;
  erased: boolean;
}

/**
 * Counties assigned to territories that no longer exist: paint made
 * offline into a territory that another replica deleted meanwhile. They
 * count as unassigned.
 */
export interface OrphanNotice {
  kind: "orphaned";
  id: number;
  unitIds: string[];
  /** Names of the deleted territories, as this page last saw them; null for one it never saw. */
  territoryNames: (string | null)[];
}

export type DrawingNotice = SkipNotice | LostNotice | OrphanNotice;

/** Lost-conflict notices kept at once; older ones drop off. */
const MAX_LOST_NOTICES = 4;
/** A loss this soon after the last one of a notice joins that notice, in milliseconds. */
const MERGE_WINDOW_MS = 5_000;

/**
 * Notices about the designer's own edits. A new skip notice replaces the
 * previous one. Losses to one writer within a few seconds of each other
 * merge into one notice, so a long stroke of another person yields one.
 */
export class DrawingNotices {
  list = $state.raw<DrawingNotice[]>([]);
  #nextId = 1;
  /** Sorted unit ids of the last orphan notice shown, so an unchanged set is not shown twice. */
  #orphanKey = "";
  #orphanDismissed = false;

  showSkipped(skipped: SkippedUnit[]): void {
    const rest = this.list.filter((n) => n.kind !== "skipped");
    this.list = [{ kind: "skipped", id: this.#nextId++, skipped }, ...rest];
  }

  showLost(group: LostGroup, now = Date.now()): void {
    const same = this.list.find(
      (n): n is LostNotice =>
        n.kind === "lost" &&
        n.writerClientId === group.writerClientId &&
        n.erased === group.erased &&
        now - n.updatedAt <= MERGE_WINDOW_MS,
    );
    if (same) {
      const merged = unique([...same.unitIds, ...group.unitIds]);
      const byName = same.byName ?? group.byName;
      this.list = this.list.map((n) =>
        n === same ? { ...same, unitIds: merged, byName, updatedAt: now } : n,
      );
      return;
    }
    const notice: LostNotice = {
      kind: "lost",
      id: this.#nextId++,
      ...group,
      unitIds: unique(group.unitIds),
      updatedAt: now,
    };
    const lost = [...this.list.filter((n) => n.kind === "lost"), notice];
    const others = this.list.filter((n) => n.kind !== "lost");
    this.list = [...others, ...lost.slice(-MAX_LOST_NOTICES)];
  }

  /**
   * Shows the counties assigned to deleted territories, replacing the
   * previous such notice. The same counties as a dismissed notice show
   * again only after they change.
   */
  showOrphaned(unitIds: string[], territoryNames: (string | null)[]): void {
    const key = [...unitIds].sort().join(",");
    const current = this.list.find((n) => n.kind === "orphaned");
    if (key === this.#orphanKey && (current || this.#orphanDismissed)) return;

    this.#orphanKey = key;
    this.#orphanDismissed = false;
    const notice: OrphanNotice = {
      kind: "orphaned",
      id: current?.id ?? this.#nextId++,
      unitIds,
      territoryNames,
    };
    const rest = this.list.filter((n) => n.kind !== "orphaned");
    this.list = [notice, ...rest];
  }

  /** Drops the notice of counties in deleted territories, once none are left. */
  clearOrphaned(): void {
    this.#orphanKey = "";
    this.#orphanDismissed = false;
    if (this.list.some((n) => n.kind === "orphaned"))
      this.list = this.list.filter((n) => n.kind !== "orphaned");
  }

  dismiss(id: number): void {
    if (this.list.some((n) => n.id === id && n.kind === "orphaned"))
      this.#orphanDismissed = true;
    this.list = this.list.filter((n) => n.id !== id);
  }

  dismissSkipped(): void {
    this.list = this.list.filter((n) => n.kind !== "skipped");
  }
}

/**
 * Describes the counties that point at deleted territories, such as "3 counties
 * were painted into East after another editor deleted it; they count as
 * unassigned".
 */
export function orphanedText(notice: OrphanNotice): string {
  const count = notice.unitIds.length;
  const counties = `${count} ${count === 1 ? "county was" : "counties were"}`;
  const names = notice.territoryNames.filter((name) => name !== null);
  const known = names.length === notice.territoryNames.length;
  const target =
    known && names.length === 1
      ? `${names[0]} after another editor deleted it`
      : "territories that another editor deleted";
  const pronoun = count === 1 ? "it counts" : "they count";
  return `${counties} painted into ${target}; ${pronoun} as unassigned`;
}

// Notices hold tens of counties, so a quadratic filter is cheap here.
function unique(ids: readonly string[]): string[] {
  return ids.filter((id, index) => ids.indexOf(id) === index);
}
