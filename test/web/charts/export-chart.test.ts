import { describe, expect, test } from "vitest";
import {
  EXPORTED_PROPERTIES,
  inlineStyleText,
} from "../../../web/charts/export-chart.ts";

describe("inlineStyleText", () => {
  test("writes each computed property", () => {
    const computed: Record<string, string> = {
      fill: "rgb(0, 114, 178)",
      "font-size": "11px",
      "text-anchor": "end",
    };
    const text = inlineStyleText((property) => computed[property] ?? "");
    expect(text).toBe(
      "fill: rgb(0, 114, 178); font-size: 11px; text-anchor: end",
    );
  });

  test("covers colour, stroke and text", () => {
    for (const property of [
      "fill",
      "stroke",
      "stroke-width",
      "font-family",
      "font-weight",
      "opacity",
    ]) {
      expect(EXPORTED_PROPERTIES).toContain(property);
    }
  });
});
