import type { Map as MapLibreMap } from "maplibre-gl";
import { rectangleCorners } from "../../model/selection.ts";
import type { ScreenPoint } from "./stroke-sampling.ts";

/** Callbacks a shape drag reads and reports to. */
export interface ShapeDragContext {
  /** The shape a drag draws now, or null when drags belong to the brush or to panning. */
  shape(): "rectangle" | "lasso" | null;
  /** The outline while it is drawn, in CSS pixels of the map; null when the drag ends. */
  onChange(outline: ScreenPoint[] | null): void;
  /** The finished outline; the first point is where the drag started. */
  onComplete(outline: ScreenPoint[]): void;
}

/** A lasso adds a vertex once the pointer has moved this far, in CSS pixels. */
const LASSO_STEP_PX = 3;
/** A drag shorter than this in both directions is a click and selects nothing. */
const MIN_DRAG_PX = 4;

/**
 * Turns a press and drag on the map into a rectangle (two opposite corners)
 * or a lasso (the pointer's path, closed back to its start).
 */
export class ShapeDrag {
  readonly #element: HTMLElement;
  readonly #context: ShapeDragContext;
  #drag: {
    pointerId: number;
    shape: "rectangle" | "lasso";
    start: ScreenPoint;
    path: ScreenPoint[];
  } | null = null;

  constructor(map: MapLibreMap, context: ShapeDragContext) {
    this.#element = map.getCanvasContainer();
    this.#context = context;
    this.#element.addEventListener("pointerdown", this.#onDown);
    this.#element.addEventListener("pointermove", this.#onMove);
    this.#element.addEventListener("pointerup", this.#onUp);
    this.#element.addEventListener("pointercancel", this.#onCancel);
  }

  get active(): boolean {
    return this.#drag !== null;
  }

  /** Drops the shape being drawn without selecting anything. */
  cancel(): void {
    if (!this.#drag) return;
    this.#drag = null;
    this.#context.onChange(null);
  }

  destroy(): void {
    this.cancel();
    this.#element.removeEventListener("pointerdown", this.#onDown);
    this.#element.removeEventListener("pointermove", this.#onMove);
    this.#element.removeEventListener("pointerup", this.#onUp);
    this.#element.removeEventListener("pointercancel", this.#onCancel);
  }

  #onDown = (event: PointerEvent): void => {
    const shape = this.#context.shape();
    if (event.button !== 0 || shape === null) return;
    event.preventDefault();
    this.#element.setPointerCapture(event.pointerId);
    const start = this.#pointOf(event);
    this.#drag = { pointerId: event.pointerId, shape, start, path: [start] };
    this.#context.onChange(this.#outline());
  };

  #onMove = (event: PointerEvent): void => {
    const drag = this.#drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    const point = this.#pointOf(event);
    if (drag.shape === "rectangle") {
      drag.path = [drag.start, point];
    } else {
      const last = drag.path[drag.path.length - 1];
      if (Math.hypot(point.x - last.x, point.y - last.y) < LASSO_STEP_PX)
        return;
      drag.path.push(point);
    }
    this.#context.onChange(this.#outline());
  };

  #onUp = (event: PointerEvent): void => {
    const drag = this.#drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    this.#onMove(event);
    const outline = this.#outline();
    this.cancel();
    if (isDrag(outline)) this.#context.onComplete(outline);
  };

  #onCancel = (event: PointerEvent): void => {
    if (this.#drag?.pointerId === event.pointerId) this.cancel();
  };

  #outline(): ScreenPoint[] {
    const drag = this.#drag;
    if (!drag) return [];
    if (drag.shape === "lasso") return [...drag.path];
    const end = drag.path[drag.path.length - 1];
    return rectangleCorners(drag.start, end);
  }

  #pointOf(event: PointerEvent): ScreenPoint {
    const rect = this.#element.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }
}

function isDrag(outline: readonly ScreenPoint[]): boolean {
  if (outline.length < 3) return false;
  const xs = outline.map((p) => p.x);
  const ys = outline.map((p) => p.y);
  return (
    Math.max(...xs) - Math.min(...xs) >= MIN_DRAG_PX &&
    Math.max(...ys) - Math.min(...ys) >= MIN_DRAG_PX
  );
}
