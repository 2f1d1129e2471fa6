import { flushSync } from "svelte";

/** The panels of the sidebar. */
export type SidebarTab =
  | "territories"
  | "regions"
  | "find"
  | "accounts"
  | "balance"
  | "data"
  | "comments";

class SidebarTabState {
  current = $state<SidebarTab>("territories");

  /**
   * Shows a panel and updates the page at once, so that a shortcut can
   * focus a field of the panel right after.
   */
  show(tab: SidebarTab): void {
    if (this.current === tab) return;
    this.current = tab;
    flushSync();
  }
}

/** The sidebar panel shown now; one per page, as the page shows one plan. */
export const sidebarTab = new SidebarTabState();
