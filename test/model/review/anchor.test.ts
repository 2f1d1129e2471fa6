import { describe, expect, test } from "vitest";
import {
  AnchorError,
  anchorKey,
  parseAnchor,
  parseAnchorKey,
  sameAnchor,
} from "../../../model/review/anchor.ts";

describe("anchorKey", () => {
  test("joins kind and id", () => {
    expect(anchorKey({ kind: "county", id: "06037" })).toBe("county:06037");
  });

  test("round-trips an id with a colon", () => {
    const anchor = { kind: "quota", id: "territory:west" } as const;

    expect(parseAnchorKey(anchorKey(anchor))).toEqual(anchor);
  });
});

describe("parseAnchor", () => {
  test("keeps only kind and id", () => {
    expect(parseAnchor({ kind: "territory", id: "t1", extra: 1 })).toEqual({
      kind: "territory",
      id: "t1",
    });
  });

  test.each([
    [null, "Invalid anchor: null"],
    ["county:06037", 'Invalid anchor: "county:06037"'],
    [{ kind: "state", id: "06" }, 'Invalid anchor kind: "state"'],
    [{ id: "06" }, "Invalid anchor kind: missing"],
    [{ kind: "account", id: "" }, 'Invalid account anchor: the id is ""'],
    [{ kind: "account", id: 7 }, "Invalid account anchor: the id is 7"],
    [{ kind: "county", id: "6037" }, '"6037" is not a 5-digit FIPS code'],
    [{ kind: "version", id: "v".repeat(201) }, "201 characters"],
  ])("rejects %j", (value, message) => {
    expect(() => parseAnchor(value)).toThrow(AnchorError);
    expect(() => parseAnchor(value)).toThrow(message);
  });
});

describe("parseAnchorKey", () => {
  test("rejects a key without a colon", () => {
    expect(() => parseAnchorKey("county06037")).toThrow(
      'Invalid anchor key: "county06037"',
    );
  });
});

describe("sameAnchor", () => {
  test("compares kind and id", () => {
    expect(
      sameAnchor(
        { kind: "county", id: "06037" },
        { kind: "county", id: "06037" },
      ),
    ).toBe(true);
    expect(
      sameAnchor(
        { kind: "county", id: "06037" },
        { kind: "account", id: "06037" },
      ),
    ).toBe(false);
  });
});
