import { describe, expect, test } from "vitest";
import { canonicalJson } from "../../../model/versions/canonical.ts";

describe("canonicalJson", () => {
  test("sorts object keys at every depth", () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: "x" } };
    const b = { a: { c: "x", d: [1, { y: 2, z: 1 }] }, b: 1 };

    expect(canonicalJson(a)).toBe(
      '{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  test("keeps array order", () => {
    expect(canonicalJson([3, 1, 2])).toBe("[3,1,2]");
  });

  test("orders keys by UTF-16 code units", () => {
    expect(canonicalJson({ b: 1, B: 2, é: 3, a: 4 })).toBe(
      '{"B":2,"a":4,"b":1,"é":3}',
    );
  });

  test("escapes strings as JSON does", () => {
    expect(canonicalJson({ "a\nb": 'say "hi"' })).toBe(
      '{"a\\nb":"say \\"hi\\""}',
    );
  });

  test("writes scalars as JSON.stringify does", () => {
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson(true)).toBe("true");
    expect(canonicalJson(-0)).toBe("0");
    expect(canonicalJson(1.5)).toBe("1.5");
    expect(canonicalJson(1e21)).toBe("1e+21");
    expect(canonicalJson("12.30")).toBe('"12.30"');
  });

  test("drops undefined properties and nulls undefined items", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 1])).toBe("[null,1]");
    expect(canonicalJson(undefined)).toBe("null");
  });

  test("writes non-finite numbers as null", () => {
    expect(canonicalJson([NaN, Infinity])).toBe("[null,null]");
  });

  test("keeps a __proto__ key as data", () => {
    const value = Object.fromEntries([["__proto__", 1]]);
    expect(canonicalJson(value)).toBe('{"__proto__":1}');
  });

  test("rejects bigint with its path", () => {
    expect(() => canonicalJson({ a: [1n] })).toThrow(
      "Cannot write bigint at $.a[0] as JSON",
    );
  });
});
