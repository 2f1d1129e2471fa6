import { expect, test } from "vitest";
import {
  gridAction,
  moveTarget,
  PAGE_ROWS,
  type GridKey,
} from "../../../web/planning/quota-keys.ts";

const size = { rows: 30, columns: 19 };
const press = (key: string, extra: Partial<GridKey> = {}): GridKey => ({
  key,
  shift: false,
  primary: false,
  alt: false,
  ...extra,
});

test("moveTarget moves by arrows and stops at the edges", () => {
  const at = { row: 5, column: 3 };
  expect(moveTarget(press("ArrowUp"), at, size)).toEqual({ row: 4, column: 3 });
  expect(moveTarget(press("ArrowDown"), at, size)).toEqual({
    row: 6,
    column: 3,
  });
  expect(moveTarget(press("ArrowLeft"), at, size)).toEqual({
    row: 5,
    column: 2,
  });
  expect(moveTarget(press("ArrowRight"), at, size)).toEqual({
    row: 5,
    column: 4,
  });

  const corner = { row: 0, column: 0 };
  expect(moveTarget(press("ArrowUp"), corner, size)).toEqual(corner);
  expect(moveTarget(press("ArrowLeft"), corner, size)).toEqual(corner);
  const last = { row: 29, column: 18 };
  expect(moveTarget(press("ArrowDown"), last, size)).toEqual(last);
  expect(moveTarget(press("ArrowRight"), last, size)).toEqual(last);
});

test("moveTarget goes to row ends with Home and End", () => {
  const at = { row: 5, column: 3 };
  expect(moveTarget(press("Home"), at, size)).toEqual({ row: 5, column: 0 });
  expect(moveTarget(press("End"), at, size)).toEqual({ row: 5, column: 18 });
  expect(moveTarget(press("Home", { primary: true }), at, size)).toEqual({
    row: 0,
    column: 0,
  });
  expect(moveTarget(press("End", { primary: true }), at, size)).toEqual({
    row: 29,
    column: 18,
  });
});

test("moveTarget wraps Tab at row ends", () => {
  expect(moveTarget(press("Tab"), { row: 2, column: 18 }, size)).toEqual({
    row: 3,
    column: 0,
  });
  expect(
    moveTarget(press("Tab", { shift: true }), { row: 3, column: 0 }, size),
  ).toEqual({ row: 2, column: 18 });
  expect(moveTarget(press("Tab"), { row: 29, column: 18 }, size)).toBeNull();
  expect(
    moveTarget(press("Tab", { shift: true }), { row: 0, column: 0 }, size),
  ).toBeNull();
});

test("moveTarget pages by PAGE_ROWS", () => {
  expect(moveTarget(press("PageDown"), { row: 5, column: 1 }, size)).toEqual({
    row: 5 + PAGE_ROWS,
    column: 1,
  });
  expect(moveTarget(press("PageUp"), { row: 5, column: 1 }, size)).toEqual({
    row: 0,
    column: 1,
  });
});

test("gridAction edits only editable cells", () => {
  const at = { row: 1, column: 4 };
  expect(gridAction(press("Enter"), at, size, true)).toEqual({ kind: "edit" });
  expect(gridAction(press("F2"), at, size, true)).toEqual({ kind: "edit" });
  expect(gridAction(press("7"), at, size, true)).toEqual({
    kind: "type",
    text: "7",
  });
  expect(gridAction(press("+"), at, size, true)).toEqual({
    kind: "type",
    text: "+",
  });
  expect(gridAction(press("Delete"), at, size, true)).toEqual({
    kind: "clear",
  });
  expect(gridAction(press("Backspace"), at, size, true)).toEqual({
    kind: "clear",
  });

  expect(gridAction(press("Enter"), at, size, false)).toEqual({ kind: "none" });
  expect(gridAction(press("7"), at, size, false)).toEqual({ kind: "none" });
  expect(gridAction(press("Delete"), at, size, false)).toEqual({
    kind: "none",
  });
});

test("gridAction leaves copy and paste keys to the browser", () => {
  const at = { row: 1, column: 4 };
  expect(gridAction(press("c", { primary: true }), at, size, true)).toEqual({
    kind: "none",
  });
  expect(gridAction(press("v", { primary: true }), at, size, true)).toEqual({
    kind: "none",
  });
  expect(gridAction(press("a"), at, size, true)).toEqual({ kind: "none" });
});

test("gridAction opens history on Alt+H", () => {
  const at = { row: 1, column: 4 };
  expect(gridAction(press("h", { alt: true }), at, size, false)).toEqual({
    kind: "history",
  });
  expect(
    gridAction(press("ArrowDown", { alt: true }), at, size, false),
  ).toEqual({ kind: "none" });
});
