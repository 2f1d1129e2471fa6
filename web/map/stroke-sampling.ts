/** A point in CSS pixels relative to the map canvas. */
export interface ScreenPoint {
  x: number;
  y: number;
}

/** Distance between samples along a drag, in CSS pixels: narrower than the smallest county drawn at usual zooms. */
const SAMPLE_SPACING_PX = 4;
/** Upper bound of samples per pointer event, so one very long jump cannot stall the page. */
const MAX_SAMPLES = 200;

/**
 * Returns points along the segment from `from` to `to`, excluding `from` and
 * including `to`, so that a fast drag paints every county it crosses instead
 * of only those under the pointer events. A wide brush passes a larger
 * `spacing` in CSS pixels.
 */
export function samplesBetween(
  from: ScreenPoint,
  to: ScreenPoint,
  spacing: number = SAMPLE_SPACING_PX,
): ScreenPoint[] {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const steps = Math.min(
    MAX_SAMPLES,
    Math.max(1, Math.ceil(Math.hypot(dx, dy) / spacing)),
  );
  const points: ScreenPoint[] = [];
  for (let i = 1; i <= steps; i++) {
    points.push({ x: from.x + (dx * i) / steps, y: from.y + (dy * i) / steps });
  }
  return points;
}
