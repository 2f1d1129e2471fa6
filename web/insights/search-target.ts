/** Id of the map's search field, which "/" and Ctrl+K focus. */
export const SEARCH_INPUT_ID = "map-search";

/** Focuses the search field and selects its text; returns false when it is not on the page. */
export function focusSearch(): boolean {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (!(input instanceof HTMLInputElement)) return false;
  input.focus();
  input.select();
  return true;
}
