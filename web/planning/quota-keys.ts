/** A cell of the grid by its index among the shown rows and the columns. */
export interface GridPosition {
  row: number;
  column: number;
}

/** Rows and columns of the grid as shown. */
export interface GridSize {
  rows: number;
  columns: number;
}

/** A key press on a grid cell that is not being edited, as the grid needs it. */
export interface GridKey {
  key: string;
  shift: boolean;
  /** Ctrl, or Cmd on macOS. */
  primary: boolean;
  alt: boolean;
}

/** Action of a key press on a cell that is not being edited. */
export type GridAction =
  | { kind: "move"; to: GridPosition }
  | { kind: "edit" }
  /** Starts editing with the typed character replacing the cell's text. */
  | { kind: "type"; text: string }
  | { kind: "clear" }
  | { kind: "history" }
  | { kind: "toggle" }
  | { kind: "none" };

/** Rows that PageUp and PageDown move by. */
export const PAGE_ROWS = 10;

/**
 * Maps a key press to a grid action, spreadsheet style. Arrows, Tab and
 * Shift+Tab (wrapping at the row ends), Home and End (Ctrl for the first
 * and last cell), PageUp and PageDown move. Enter or F2 edits, and a
 * digit, sign, point or "$" starts editing with that character. Delete
 * and Backspace clear, Alt+H opens the cell history and Space toggles a
 * region. Ctrl+C and Ctrl+V are left to the copy and paste events.
 */
export function gridAction(
  press: GridKey,
  at: GridPosition,
  size: GridSize,
  editable: boolean,
): GridAction {
  if (press.alt) {
    return press.key.toLowerCase() === "h" ? { kind: "history" } : none();
  }
  const to = moveTarget(press, at, size);
  if (to !== null) return { kind: "move", to };
  if (press.primary || press.key === "Tab") return none();

  switch (press.key) {
    case "Enter":
    case "F2":
      return editable ? { kind: "edit" } : none();
    case "Delete":
    case "Backspace":
      return editable ? { kind: "clear" } : none();
    case " ":
      return { kind: "toggle" };
  }
  if (editable && /^[0-9+\-.$]$/.test(press.key)) {
    return { kind: "type", text: press.key };
  }
  return none();
}

/** Returns the cell a navigation key moves to, or null for other keys. */
export function moveTarget(
  press: GridKey,
  at: GridPosition,
  size: GridSize,
): GridPosition | null {
  const lastRow = size.rows - 1;
  const lastColumn = size.columns - 1;
  const clamp = (row: number, column: number) => ({
    row: Math.min(Math.max(row, 0), lastRow),
    column: Math.min(Math.max(column, 0), lastColumn),
  });

  switch (press.key) {
    case "ArrowUp":
      return clamp(press.primary ? 0 : at.row - 1, at.column);
    case "ArrowDown":
      return clamp(press.primary ? lastRow : at.row + 1, at.column);
    case "ArrowLeft":
      return clamp(at.row, press.primary ? 0 : at.column - 1);
    case "ArrowRight":
      return clamp(at.row, press.primary ? lastColumn : at.column + 1);
    case "Home":
      return clamp(press.primary ? 0 : at.row, 0);
    case "End":
      return clamp(press.primary ? lastRow : at.row, lastColumn);
    case "PageUp":
      return clamp(at.row - PAGE_ROWS, at.column);
    case "PageDown":
      return clamp(at.row + PAGE_ROWS, at.column);
    case "Tab":
      return press.shift ? previousCell(at, size) : nextCell(at, size);
  }
  return null;
}

// Tab past the last cell and Shift+Tab before the first return null, so
// focus leaves the grid as it would leave any other control.
function nextCell(at: GridPosition, size: GridSize): GridPosition | null {
  if (at.column < size.columns - 1) return { ...at, column: at.column + 1 };
  if (at.row < size.rows - 1) return { row: at.row + 1, column: 0 };
  return null;
}

function previousCell(at: GridPosition, size: GridSize): GridPosition | null {
  if (at.column > 0) return { ...at, column: at.column - 1 };
  if (at.row > 0) return { row: at.row - 1, column: size.columns - 1 };
  return null;
}

function none(): GridAction {
  return { kind: "none" };
}
