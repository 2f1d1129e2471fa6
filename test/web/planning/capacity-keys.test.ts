import { describe, expect, test } from "vitest";
import {
  handlePlanUndoKey,
  planUndoKey,
  type KeyPress,
} from "../../../web/planning/capacity-keys.ts";

function press(key: string, modifiers: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...modifiers,
  };
}

describe("planUndoKey", () => {
  test.each([
    [press("z", { ctrlKey: true }), "undo"],
    [press("z", { metaKey: true }), "undo"],
    [press("Z", { ctrlKey: true, shiftKey: true }), "redo"],
    [press("z", { metaKey: true, shiftKey: true }), "redo"],
    [press("y", { ctrlKey: true }), "redo"],
  ])("%j is %s", (key, expected) => {
    expect(planUndoKey(key)).toBe(expected);
  });

  test.each([
    press("z"),
    press("z", { ctrlKey: true, altKey: true }),
    press("y", { metaKey: true }),
    press("a", { ctrlKey: true }),
    press("ArrowDown"),
  ])("%j is no undo key", (key) => {
    expect(planUndoKey(key)).toBeNull();
  });
});

describe("handlePlanUndoKey", () => {
  function editor() {
    const calls: string[] = [];
    return {
      calls,
      undo: () => calls.push("undo"),
      redo: () => calls.push("redo"),
    };
  }

  function event(key: KeyPress) {
    return {
      ...key,
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
  }

  test("Ctrl+Z undoes the last plan edit instead of the browser", () => {
    const plan = editor();
    const keydown = event(press("z", { ctrlKey: true }));
    expect(handlePlanUndoKey(keydown, plan, true)).toBe(true);
    expect(plan.calls).toEqual(["undo"]);
    expect(keydown.prevented).toBe(true);
  });

  test("Ctrl+Shift+Z redoes", () => {
    const plan = editor();
    handlePlanUndoKey(
      event(press("z", { ctrlKey: true, shiftKey: true })),
      plan,
      true,
    );
    expect(plan.calls).toEqual(["redo"]);
  });

  test("a reader's Ctrl+Z changes nothing", () => {
    const plan = editor();
    const keydown = event(press("z", { ctrlKey: true }));
    expect(handlePlanUndoKey(keydown, plan, false)).toBe(true);
    expect(plan.calls).toEqual([]);
    expect(keydown.prevented).toBe(true);
  });

  test("other keys are left to the field", () => {
    const plan = editor();
    const keydown = event(press("5"));
    expect(handlePlanUndoKey(keydown, plan, true)).toBe(false);
    expect(plan.calls).toEqual([]);
    expect(keydown.prevented).toBe(false);
  });
});
