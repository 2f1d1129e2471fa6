import { describe, expect, test } from "vitest";
import {
  anchorName,
  anchorTitle,
  type AnchorNameSources,
} from "../../../model/review/anchor-names.ts";

const names = new Map([
  ["06037", "Los Angeles, CA"],
  ["west", "West"],
  ["acct-1", "City of Austin"],
  ["region-1", "Americas"],
  ["v1", "Board draft"],
]);
const lookup = (id: string) => names.get(id) ?? null;
const sources: AnchorNameSources = {
  county: lookup,
  territory: lookup,
  account: lookup,
  quota: lookup,
  version: lookup,
};

describe("anchorName", () => {
  test.each([
    ["county", "06037", "Los Angeles, CA"],
    ["territory", "west", "West"],
    ["account", "acct-1", "City of Austin"],
    ["quota", "region-1", "Americas"],
    ["version", "v1", "Board draft"],
  ] as const)("names a %s", (kind, id, name) => {
    expect(anchorName({ kind, id }, sources)).toBe(name);
  });

  test("falls back to kind and id", () => {
    expect(anchorName({ kind: "territory", id: "gone" }, sources)).toBe(
      "territory gone",
    );
  });

  test("treats a blank name as unknown", () => {
    const blank = { ...sources, territory: () => "  " };

    expect(anchorName({ kind: "territory", id: "west" }, blank)).toBe(
      "territory west",
    );
  });
});

describe("anchorTitle", () => {
  test("prefixes the kind", () => {
    expect(anchorTitle({ kind: "county", id: "06037" }, sources)).toBe(
      "County: Los Angeles, CA",
    );
  });
});
