import type { Map as MapLibreMap } from "maplibre-gl";
import type { Presence } from "../plan/presence.svelte.ts";

/**
 * Sends this person's pointer position to presence while it is over the
 * map, and null when it leaves. Pointer events are used instead of the
 * map's mouse events because a paint stroke cancels the compatibility mouse
 * events, and others should see the pointer move while it paints.
 */
export function sharePointer(map: MapLibreMap, presence: Presence): () => void {
  const element = map.getCanvasContainer();
  const onMove = (event: PointerEvent) => {
    const rect = element.getBoundingClientRect();
    const lngLat = map.unproject([
      event.clientX - rect.left,
      event.clientY - rect.top,
    ]);
    presence.setPointer({ lng: lngLat.lng, lat: lngLat.lat });
  };
  const onLeave = () => presence.setPointer(null);

  element.addEventListener("pointermove", onMove);
  element.addEventListener("pointerleave", onLeave);
  return () => {
    element.removeEventListener("pointermove", onMove);
    element.removeEventListener("pointerleave", onLeave);
  };
}
