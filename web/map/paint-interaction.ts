import type { Map as MapLibreMap } from "maplibre-gl";
import type { PlanEditor } from "../plan/plan-editor.svelte.ts";
import type { Tool } from "../plan/tools.svelte.ts";
import type { Brush } from "./brush.ts";
import type { CountyProperties } from "./geometry.ts";
import { samplesBetween, type ScreenPoint } from "./stroke-sampling.ts";
import { COUNTY_FILL_LAYER } from "./style.ts";

/** Callbacks a stroke reads at the moment it runs: tool, territory, editor and write permission. */
export interface PaintContext {
  tool(): Tool;
  territoryId(): string | null;
  editor(): PlanEditor | null;
  canEdit(): boolean;
  /** Creates the brush of a new stroke; without one, a stroke paints the county under the pointer. */
  brush?(): Brush | null;
}

interface Stroke {
  pointerId: number;
  territoryId: string | null;
  last: ScreenPoint;
  pending: Set<string>;
  brush: Brush | null;
}

/**
 * Turns a press and drag on the map into a stroke: counties under the
 * pointer collect between animation frames, each frame writes its batch in
 * one transaction, and the whole stroke is one undo step.
 */
export class PaintInteraction {
  readonly #map: MapLibreMap;
  readonly #context: PaintContext;
  readonly #element: HTMLElement;
  #stroke: Stroke | null = null;
  #frame: number | null = null;

  constructor(map: MapLibreMap, context: PaintContext) {
    this.#map = map;
    this.#context = context;
    this.#element = map.getCanvasContainer();
    this.#element.addEventListener("pointerdown", this.#onDown);
    this.#element.addEventListener("pointermove", this.#onMove);
    this.#element.addEventListener("pointerup", this.#onEnd);
    this.#element.addEventListener("pointercancel", this.#onEnd);
  }

  destroy(): void {
    this.#finish();
    this.#element.removeEventListener("pointerdown", this.#onDown);
    this.#element.removeEventListener("pointermove", this.#onMove);
    this.#element.removeEventListener("pointerup", this.#onEnd);
    this.#element.removeEventListener("pointercancel", this.#onEnd);
  }

  #onDown = (event: PointerEvent): void => {
    const tool = this.#context.tool();
    const editor = this.#context.editor();
    if (event.button !== 0 || tool === "pan" || !editor) return;
    if (!this.#context.canEdit()) return;
    const territoryId = tool === "paint" ? this.#context.territoryId() : null;
    if (tool === "paint" && territoryId === null) return;

    event.preventDefault();
    this.#element.setPointerCapture(event.pointerId);
    editor.beginStroke();
    const point = this.#pointOf(event);
    this.#stroke = {
      pointerId: event.pointerId,
      territoryId,
      last: point,
      pending: new Set(),
      brush: this.#context.brush?.() ?? null,
    };
    this.#collect([point]);
    this.#scheduleFlush();
  };

  #onMove = (event: PointerEvent): void => {
    const stroke = this.#stroke;
    if (!stroke || event.pointerId !== stroke.pointerId) return;
    const point = this.#pointOf(event);
    this.#collect(samplesBetween(stroke.last, point, stroke.brush?.spacing));
    stroke.last = point;
    this.#scheduleFlush();
  };

  #onEnd = (event: PointerEvent): void => {
    if (this.#stroke?.pointerId !== event.pointerId) return;
    this.#finish();
  };

  #finish(): void {
    if (!this.#stroke) return;
    this.#flush();
    this.#stroke = null;
    this.#context.editor()?.endStroke();
  }

  #collect(points: ScreenPoint[]): void {
    const pending = this.#stroke?.pending;
    if (!pending) return;
    const brush = this.#stroke?.brush;
    if (brush) {
      for (const point of points)
        for (const unitId of brush.unitsAt(point)) pending.add(unitId);
      return;
    }
    for (const point of points) {
      const features = this.#map.queryRenderedFeatures([point.x, point.y], {
        layers: [COUNTY_FILL_LAYER],
      });
      for (const feature of features) {
        pending.add((feature.properties as CountyProperties).fips);
      }
    }
  }

  #scheduleFlush(): void {
    if (this.#frame !== null) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = null;
      this.#flush();
    });
  }

  #flush(): void {
    const stroke = this.#stroke;
    const editor = this.#context.editor();
    if (!stroke || !editor || stroke.pending.size === 0) return;
    const batch = [...stroke.pending];
    stroke.pending.clear();
    try {
      editor.paintBatch(batch, stroke.territoryId);
    } catch (error) {
      // The plan turned read-only mid-stroke (role, schema or access changed).
      console.warn((error as Error).message);
      this.#stroke = null;
    }
  }

  #pointOf(event: PointerEvent): ScreenPoint {
    const rect = this.#element.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }
}
