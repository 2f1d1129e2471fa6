/** The views of a plan: the map, and the planning, pay and insights views beside it. */
export type MainView =
  | "map"
  | "targets"
  | "capacity"
  | "quotas"
  | "scenarios"
  | "incentives"
  | "statements"
  | "insights"
  | "versions";

export const MAIN_VIEWS: { view: MainView; label: string }[] = [
  { view: "map", label: "Map" },
  { view: "targets", label: "Targets" },
  { view: "capacity", label: "Capacity" },
  { view: "quotas", label: "Quotas" },
  { view: "scenarios", label: "Scenarios" },
  { view: "incentives", label: "Incentives" },
  { view: "statements", label: "Statements" },
  { view: "insights", label: "Insights" },
  { view: "versions", label: "Versions" },
];

class MainViewState {
  current = $state<MainView>("map");
}

/** The view shown now; one per page, as the page shows one plan. */
export const mainView = new MainViewState();

/** True when the map is shown, so map and drawing shortcuts apply. */
export function mapIsShown(): boolean {
  return mainView.current === "map";
}
