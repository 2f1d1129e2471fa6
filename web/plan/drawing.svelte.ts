import type { Tool } from "./tools.svelte.ts";

/** Shape with which a drag of the paint or eraser tool picks counties. */
export type Shape = "brush" | "rectangle" | "lasso";

/**
 * Brush radii in CSS pixels that `[` and `]` step through. Radius 0 paints
 * the county under the pointer only.
 */
export const BRUSH_RADII = [0, 8, 16, 32, 64] as const;

/** The drawing options of the map: shape, brush size and the one-state limit. */
export class DrawingState {
  shape = $state<Shape>("brush");
  #radiusIndex = $state(0);
  /** When on, a stroke or shape changes only counties of the state of its first county. */
  limitToState = $state(false);

  get brushRadius(): number {
    return BRUSH_RADII[this.#radiusIndex];
  }

  /** Steps the brush radius up (+1) or down (-1) within `BRUSH_RADII`. */
  stepBrush(direction: 1 | -1): void {
    const last = BRUSH_RADII.length - 1;
    this.#radiusIndex = Math.max(
      0,
      Math.min(last, this.#radiusIndex + direction),
    );
  }

  get canGrow(): boolean {
    return this.#radiusIndex < BRUSH_RADII.length - 1;
  }

  get canShrink(): boolean {
    return this.#radiusIndex > 0;
  }

  /**
   * Returns the tool a brush stroke uses: the active tool with the brush
   * shape, and "pan" while a rectangle or lasso owns the drag, so that no
   * stroke starts.
   */
  strokeTool(active: Tool): Tool {
    return this.shape === "brush" ? active : "pan";
  }
}
