import { isTextField } from "../shortcuts.ts";
import { focusSearch } from "./search-target.ts";

/**
 * Binds the search keys to the window and returns a function that unbinds
 * them: "/" focuses the map's search field, and so does Ctrl+K (Cmd+K),
 * which also works from inside another text field.
 */
export function bindInsightShortcuts(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (document.querySelector("dialog[open]")) return;
    const commandK =
      (event.ctrlKey || event.metaKey) &&
      !event.altKey &&
      !event.shiftKey &&
      event.key.toLowerCase() === "k";
    const slash =
      event.key === "/" &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      !isTextField(event.target);
    if ((commandK || slash) && focusSearch()) event.preventDefault();
  };
  window.addEventListener("keydown", onKeyDown);
  return () => window.removeEventListener("keydown", onKeyDown);
}
