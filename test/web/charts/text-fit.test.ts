import { describe, expect, test } from "vitest";
import { estimateTextWidth, fitText } from "../../../web/charts/text-fit.ts";

// One pixel per character at any size, so expectations are easy to count.
const perCharacter = (text: string) => [...text].length;

describe("fitText", () => {
  test("keeps text that fits", () => {
    expect(fitText("West", 4, 12, perCharacter)).toEqual({
      text: "West",
      fullText: "West",
      truncated: false,
    });
  });

  test("cuts to the longest prefix with an ellipsis", () => {
    const fitted = fitText("Northern California", 9, 12, perCharacter);
    expect(fitted.text).toBe("Northern…");
    expect(fitted.fullText).toBe("Northern California");
    expect(fitted.truncated).toBe(true);
  });

  test("drops trailing spaces before the ellipsis", () => {
    expect(fitText("Great Lakes", 7, 12, perCharacter).text).toBe("Great…");
  });

  test("empty when not even the ellipsis fits", () => {
    expect(fitText("Texas", 0, 12, perCharacter).text).toBe("");
  });

  test("fits the estimate at real font sizes", () => {
    const name = "Southern California & Nevada Enterprise Accounts";
    for (const width of [40, 80, 120, 200]) {
      const fitted = fitText(name, width, 12);
      expect(estimateTextWidth(fitted.text, 12)).toBeLessThanOrEqual(width);
      expect(fitted.truncated).toBe(true);
    }
  });
});

describe("estimateTextWidth", () => {
  test("grows with size, length and weight", () => {
    expect(estimateTextWidth("Mar 2027", 22)).toBeCloseTo(
      2 * estimateTextWidth("Mar 2027", 11),
    );
    expect(estimateTextWidth("Mar 2027", 11)).toBeGreaterThan(
      estimateTextWidth("Mar", 11),
    );
    expect(estimateTextWidth("Mar", 11, true)).toBeGreaterThan(
      estimateTextWidth("Mar", 11),
    );
  });

  test("wide letters count wider than narrow ones", () => {
    expect(estimateTextWidth("WWW", 12)).toBeGreaterThan(
      estimateTextWidth("iii", 12),
    );
  });
});
