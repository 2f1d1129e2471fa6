import { describe, expect, test } from "vitest";
import { changeText } from "../../web/ui/history/history-labels.ts";

describe("changeText", () => {
  test("separates field name and change", () => {
    expect(changeText("locked", "none", "unlocked")).toBe(
      "Lock: none → unlocked",
    );
    expect(changeText("parentId", "none", "Northeast")).toBe(
      "Region: none → Northeast",
    );
    expect(changeText("color", "none", "#332288")).toBe(
      "Colour: none → #332288",
    );
  });

  test("keeps an unknown field's key", () => {
    expect(changeText("quota", "10", "12")).toBe("quota: 10 → 12");
  });

  test("omits the field when null", () => {
    expect(changeText(null, "Pacific", "Midwest")).toBe("Pacific → Midwest");
  });
});
