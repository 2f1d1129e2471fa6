/**
 * Territory locks as plain data. A locked territory's units never change:
 * a write skips units owned by a locked territory and never assigns a unit
 * into one. Locking records the territory's units as its lock snapshot, so
 * an edit that was made before the lock and merged after it shows as a
 * violation instead of being lost or silently reverted.
 */

/** A unit a write left alone, and the locked territory that kept it. */
export interface SkippedUnit {
  unitId: string;
  lockedTerritoryId: string;
}

/** A locked territory and the units it held when it was locked. */
export interface TerritoryLock {
  territoryId: string;
  /** Units at the moment of locking, sorted; null for a lock recorded without a snapshot. */
  unitIds: readonly string[] | null;
}

/**
 * A difference between a lock snapshot and the merged assignment:
 * - `moved-out`: a unit of the snapshot now sits elsewhere (or unassigned);
 * - `added`: a unit sits in the locked territory but is not in its snapshot.
 */
export interface LockViolation {
  territoryId: string;
  unitId: string;
  kind: "moved-out" | "added";
  /** The unit's territory now, or null when it is unassigned. */
  currentTerritoryId: string | null;
}

/**
 * Splits the units of a write into those it may change and those a lock
 * keeps. A unit that already belongs to `targetId` is in neither list,
 * because the write would not change it. A unit owned by a locked
 * territory is skipped with that territory as the reason. Otherwise a unit
 * is skipped when the target itself is locked.
 */
export function splitByLocks(
  unitIds: Iterable<string>,
  targetId: string | null,
  assignments: ReadonlyMap<string, string>,
  lockedIds: ReadonlySet<string>,
): { allowed: string[]; skipped: SkippedUnit[] } {
  const allowed: string[] = [];
  const skipped: SkippedUnit[] = [];
  const seen = new Set<string>();
  const targetLocked = targetId !== null && lockedIds.has(targetId);

  for (const unitId of unitIds) {
    if (seen.has(unitId)) continue;
    seen.add(unitId);

    const current = assignments.get(unitId) ?? null;
    if (current === targetId) continue;
    if (current !== null && lockedIds.has(current)) {
      skipped.push({ unitId, lockedTerritoryId: current });
    } else if (targetLocked) {
      skipped.push({ unitId, lockedTerritoryId: targetId });
    } else {
      allowed.push(unitId);
    }
  }
  return { allowed, skipped };
}

/**
 * Splits the moves of a write (unit id -> target territory, null to
 * unassign) as `splitByLocks` does for one target: a move that changes
 * nothing is in neither list, and a move out of or into a locked territory
 * is skipped with that territory as the reason.
 */
export function splitMovesByLocks(
  moves: ReadonlyMap<string, string | null>,
  assignments: ReadonlyMap<string, string>,
  lockedIds: ReadonlySet<string>,
): { allowed: string[]; skipped: SkippedUnit[] } {
  const allowed: string[] = [];
  const skipped: SkippedUnit[] = [];

  for (const [unitId, targetId] of moves) {
    const current = assignments.get(unitId) ?? null;
    if (current === targetId) continue;
    if (current !== null && lockedIds.has(current)) {
      skipped.push({ unitId, lockedTerritoryId: current });
    } else if (targetId !== null && lockedIds.has(targetId)) {
      skipped.push({ unitId, lockedTerritoryId: targetId });
    } else {
      allowed.push(unitId);
    }
  }
  return { allowed, skipped };
}

/**
 * Compares every lock snapshot with the assignment as it is now and returns
 * the differences, ordered by territory id, then unit id. A lock without a
 * snapshot yields none.
 */
export function findLockViolations(
  locks: readonly TerritoryLock[],
  assignments: ReadonlyMap<string, string>,
): LockViolation[] {
  const violations: LockViolation[] = [];
  const snapshots = locks.filter(
    (lock): lock is TerritoryLock & { unitIds: readonly string[] } =>
      lock.unitIds !== null,
  );
  if (snapshots.length === 0) return violations;

  const unitsByTerritory = new Map<string, string[]>();
  for (const [unitId, territoryId] of assignments) {
    const list = unitsByTerritory.get(territoryId);
    if (list) list.push(unitId);
    else unitsByTerritory.set(territoryId, [unitId]);
  }

  for (const lock of snapshots) {
    const snapshot = new Set(lock.unitIds);
    for (const unitId of snapshot) {
      const current = assignments.get(unitId) ?? null;
      if (current === lock.territoryId) continue;
      violations.push({
        territoryId: lock.territoryId,
        unitId,
        kind: "moved-out",
        currentTerritoryId: current,
      });
    }
    for (const unitId of unitsByTerritory.get(lock.territoryId) ?? []) {
      if (snapshot.has(unitId)) continue;
      violations.push({
        territoryId: lock.territoryId,
        unitId,
        kind: "added",
        currentTerritoryId: lock.territoryId,
      });
    }
  }
  return violations.sort(
    (a, b) =>
      compare(a.territoryId, b.territoryId) || compare(a.unitId, b.unitId),
  );
}

/** Keeps the first skip of each unit, as a stroke can pass a unit twice. */
export function uniqueSkipped(skipped: readonly SkippedUnit[]): SkippedUnit[] {
  const seen = new Set<string>();
  return skipped.filter((s) => !seen.has(s.unitId) && seen.add(s.unitId));
}

/** The violations of one locked territory, split by kind. */
export interface TerritoryViolations {
  territoryId: string;
  movedOut: LockViolation[];
  added: LockViolation[];
}

/** Groups violations by locked territory, in the order of their first violation. */
export function groupViolations(
  violations: readonly LockViolation[],
): TerritoryViolations[] {
  const groups = new Map<string, TerritoryViolations>();
  for (const violation of violations) {
    let group = groups.get(violation.territoryId);
    if (!group) {
      group = { territoryId: violation.territoryId, movedOut: [], added: [] };
      groups.set(violation.territoryId, group);
    }
    if (violation.kind === "moved-out") group.movedOut.push(violation);
    else group.added.push(violation);
  }
  return [...groups.values()];
}

/** One unit's move when a locked territory is put back to its snapshot. */
export interface RestoreMove {
  unitId: string;
  /** The unit's territory now, or null when it is unassigned. */
  fromTerritoryId: string | null;
  /** The unit's territory after the restore, or null to unassign it. */
  toTerritoryId: string | null;
}

/**
 * Lists the moves that put a locked territory back to its snapshot
 * exactly: each unit of the snapshot that sits elsewhere returns, and each
 * unit added since the lock goes to `addedTo` (null unassigns it). The
 * document does not record where an added unit was before, so the caller
 * chooses. `addedTo` must differ from the locked territory.
 */
export function planLockRestore(
  violations: TerritoryViolations,
  addedTo: string | null,
): RestoreMove[] {
  const territoryId = violations.territoryId;
  if (addedTo === territoryId) {
    throw new Error(
      `Counties added to locked territory "${territoryId}" cannot stay in it when it is restored. Choose another territory or unassigned.`,
    );
  }

  const returning = violations.movedOut.map((violation) => ({
    unitId: violation.unitId,
    fromTerritoryId: violation.currentTerritoryId,
    toTerritoryId: territoryId,
  }));
  const leaving = violations.added.map((violation) => ({
    unitId: violation.unitId,
    fromTerritoryId: territoryId,
    toTerritoryId: addedTo,
  }));
  return [...returning, ...leaving];
}

/** The change a restore makes outside the locked territory, to one other territory or to the unassigned counties. */
export interface RestoreEffect {
  /** The other territory, or null for unassigned counties. */
  territoryId: string | null;
  /** Units that leave it for the locked territory. */
  loses: string[];
  /** Units added since the lock that it receives. */
  gains: string[];
}

/**
 * Groups the moves of a restore by the other territory they take units
 * from or give units to, in order of first appearance.
 */
export function restoreEffects(
  lockedTerritoryId: string,
  moves: readonly RestoreMove[],
): RestoreEffect[] {
  const effects = new Map<string | null, RestoreEffect>();
  const effectOf = (territoryId: string | null) => {
    let effect = effects.get(territoryId);
    if (!effect) {
      effect = { territoryId, loses: [], gains: [] };
      effects.set(territoryId, effect);
    }
    return effect;
  };

  for (const move of moves) {
    if (move.toTerritoryId === lockedTerritoryId) {
      effectOf(move.fromTerritoryId).loses.push(move.unitId);
    } else {
      effectOf(move.toTerritoryId).gains.push(move.unitId);
    }
  }
  return [...effects.values()];
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
