/**
 * Keeps keyboard focus on the same control when the rows of a capacity
 * table re-sort. A browser drops focus to the page when it moves the
 * element that has it, so a table notes which row and control had focus
 * before an update and focuses that control again after it. Rows carry
 * their id in `data-row-id`.
 */

/** The focused control of a table: its row's id and its place in the row. */
export interface FocusSpot {
  rowId: string;
  /** Index of the control among the row's form controls and buttons. */
  index: number;
}

const CONTROLS = "input, select, textarea, button";

function rowElement(container: HTMLElement, rowId: string): HTMLElement | null {
  return container.querySelector<HTMLElement>(
    `[data-row-id="${CSS.escape(rowId)}"]`,
  );
}

/** Returns where focus is inside `container`, or null when it is elsewhere. */
export function focusSpotOf(container: HTMLElement): FocusSpot | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !container.contains(active)) {
    return null;
  }
  const row = active.closest<HTMLElement>("[data-row-id]");
  const rowId = row?.dataset.rowId;
  if (row === null || rowId === undefined) return null;
  const index = [...row.querySelectorAll(CONTROLS)].indexOf(active);
  return index < 0 ? null : { rowId, index };
}

/**
 * Focuses the control noted in `spot` again when focus was lost to the
 * page, as after its row moved. Leaves focus alone when it is on another
 * element, and does nothing when the row is gone.
 */
export function restoreFocus(
  container: HTMLElement,
  spot: FocusSpot | null,
): void {
  if (spot === null) return;
  const active = document.activeElement;
  if (active !== null && active !== document.body) return;
  const control = rowElement(
    container,
    spot.rowId,
  )?.querySelectorAll<HTMLElement>(CONTROLS)[spot.index];
  control?.focus();
}

/** Focuses the first control of a row, such as a row just added. */
export function focusFirstControl(container: HTMLElement, rowId: string): void {
  rowElement(container, rowId)?.querySelector<HTMLElement>(CONTROLS)?.focus();
}
