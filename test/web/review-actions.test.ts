import { describe, expect, test } from "vitest";
import {
  availableActions,
  reviewLabel,
} from "../../web/plan/review-actions.ts";

describe("reviewLabel", () => {
  test.each([
    ["draft", false, "Draft"],
    ["in-review", false, "In review"],
    ["approved", false, "Approved"],
    ["approved", true, "Approved: void"],
    ["published", false, "Published"],
    ["published", true, "Published: void"],
  ] as const)("%s with void %s reads %s", (status, isVoid, label) => {
    expect(reviewLabel(status, isVoid)).toBe(label);
  });
});

describe("availableActions", () => {
  test.each([
    ["editor", "draft", false, ["request-review"]],
    ["editor", "in-review", false, ["withdraw"]],
    ["editor", "approved", false, ["publish"]],
    ["editor", "approved", true, ["request-review"]],
    ["editor", "published", false, []],
    ["editor", "published", true, ["request-review"]],
    ["reviewer", "draft", false, []],
    ["reviewer", "in-review", false, ["approve", "send-back"]],
    ["reviewer", "approved", false, []],
    ["reviewer", "published", true, []],
    ["viewer", "draft", false, []],
    ["viewer", "in-review", false, []],
    ["viewer", "approved", true, []],
  ] as const)("%s in %s with void %s", (role, status, isVoid, actions) => {
    expect(availableActions(role, status, isVoid)).toEqual(actions);
  });
});
