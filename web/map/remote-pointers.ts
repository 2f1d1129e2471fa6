import { Marker, type Map as MapLibreMap } from "maplibre-gl";
import { readableTextColor } from "../palette.ts";
import type { Peer } from "../plan/presence.svelte.ts";

/** Draws each other person's pointer on the map as a coloured arrow with their name. */
export class RemotePointers {
  readonly #map: MapLibreMap;
  readonly #markers = new Map<number, { marker: Marker; label: HTMLElement }>();

  constructor(map: MapLibreMap) {
    this.#map = map;
  }

  update(peers: readonly Peer[]): void {
    const seen = new Set<number>();
    for (const peer of peers) {
      if (!peer.pointer) continue;
      seen.add(peer.clientId);
      const entry = this.#markers.get(peer.clientId) ?? this.#add(peer);
      entry.marker.setLngLat([peer.pointer.lng, peer.pointer.lat]);
      entry.label.textContent = peer.user.name;
      const style = entry.marker.getElement().style;
      style.setProperty("--peer-color", peer.user.color);
      style.setProperty("--peer-text", readableTextColor(peer.user.color));
    }
    for (const [clientId, entry] of this.#markers) {
      if (seen.has(clientId)) continue;
      entry.marker.remove();
      this.#markers.delete(clientId);
    }
  }

  destroy(): void {
    for (const entry of this.#markers.values()) entry.marker.remove();
    this.#markers.clear();
  }

  #add(peer: Peer): { marker: Marker; label: HTMLElement } {
    const element = document.createElement("div");
    element.className = "remote-pointer";
    element.dataset.testid = "remote-pointer";
    element.dataset.personId = peer.user.id;
    element.innerHTML =
      '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><path d="M1 1 L15 7 L8 9 L6 15 Z" /></svg><span></span>';
    const label = element.querySelector("span") as HTMLElement;
    const marker = new Marker({ element, anchor: "top-left" })
      .setLngLat([0, 0])
      .addTo(this.#map);
    const entry = { marker, label };
    this.#markers.set(peer.clientId, entry);
    return entry;
  }
}
