/** Tool a press and drag on the map uses: assign counties, unassign them, or move the map. */
export type Tool = "paint" | "erase" | "pan";

/** The chosen tool and territory. Holding space pans for as long as it is held. */
export class ToolState {
  tool = $state<Tool>("pan");
  selectedTerritoryId = $state<string | null>(null);
  panHeld = $state(false);

  /** The tool a drag uses right now. */
  get active(): Tool {
    return this.panHeld ? "pan" : this.tool;
  }
}
