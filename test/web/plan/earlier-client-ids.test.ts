import { afterEach, beforeEach, expect, test } from "vitest";
import {
  MAX_REMEMBERED_CLIENT_IDS,
  rememberClientId,
} from "../../../web/plan/earlier-client-ids.ts";

/** A Map-backed localStorage, because Node 20 has none. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  (globalThis as { localStorage?: unknown }).localStorage = storage;
});

afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

test("rememberClientId returns earlier loads newest first", () => {
  expect(rememberClientId("plan-a", "ada", 1)).toEqual([]);
  expect(rememberClientId("plan-a", "ada", 2)).toEqual([1]);
  expect(rememberClientId("plan-a", "ada", 3)).toEqual([2, 1]);
  // The same id again moves to the front instead of repeating.
  expect(rememberClientId("plan-a", "ada", 2)).toEqual([3, 1]);
});

test("rememberClientId keeps plans and people apart", () => {
  rememberClientId("plan-a", "ada", 1);
  expect(rememberClientId("plan-b", "ada", 2)).toEqual([]);
  expect(rememberClientId("plan-a", "ben", 3)).toEqual([]);
  expect(rememberClientId("plan-a", "ada", 4)).toEqual([1]);
});

test("rememberClientId caps the list", () => {
  for (let id = 1; id <= MAX_REMEMBERED_CLIENT_IDS + 5; id++)
    rememberClientId("plan-a", "ada", id);
  const earlier = rememberClientId("plan-a", "ada", 1000);
  expect(earlier).toHaveLength(MAX_REMEMBERED_CLIENT_IDS - 1);
  expect(earlier[0]).toBe(MAX_REMEMBERED_CLIENT_IDS + 5);
});

test("rememberClientId ignores damaged entries", () => {
  storage.setItem("meridian.clientIds.plan-a.ada", '[7,"x",null,8.5]');
  expect(rememberClientId("plan-a", "ada", 9)).toEqual([7]);
  storage.setItem("meridian.clientIds.plan-a.ada", "{not json");
  expect(rememberClientId("plan-a", "ada", 9)).toEqual([]);
});

test("rememberClientId without localStorage returns none", () => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
  expect(rememberClientId("plan-a", "ada", 1)).toEqual([]);
});
