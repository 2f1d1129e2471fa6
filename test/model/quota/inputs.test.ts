import { describe, expect, test } from "vitest";
import { cascadeQuotas } from "../../../model/quota/cascade.ts";
import { QuotaInputError } from "../../../model/quota/errors.ts";
import type { QuotaNode } from "../../../model/quota/types.ts";
import {
  buildQuotaTree,
  quotaNodesFromHierarchy,
} from "../../../model/quota/tree.ts";
import { exampleInput } from "./example.ts";

describe("quota tree", () => {
  test("rejects a duplicate id", () => {
    const nodes = [...exampleInput().nodes];
    nodes.push({ id: "ana", name: "Ana 2", level: "rep", parentId: "bos" });

    expect(() => buildQuotaTree(nodes)).toThrow(
      'Quota node id "ana" appears twice; give every node a unique id.',
    );
  });

  test("rejects a node that is not an object", () => {
    const nodes = [...exampleInput().nodes, 1 as unknown as QuotaNode];

    expect(() => buildQuotaTree(nodes)).toThrow(
      'Quota node 1 is not an object; write each node as { "id", "name", "level", "parentId" }.',
    );
  });

  test("rejects two companies", () => {
    const nodes = [...exampleInput().nodes];
    nodes.push({ id: "c2", name: "Other", level: "company", parentId: null });

    expect(() => buildQuotaTree(nodes)).toThrow(
      "The quota tree has 2 company nodes; give exactly one.",
    );
  });

  test("rejects a missing parent", () => {
    const nodes = [...exampleInput().nodes];
    nodes.push({ id: "zed", name: "Zed", level: "rep", parentId: "nowhere" });

    expect(() => buildQuotaTree(nodes)).toThrow(
      'Parent "nowhere" of rep "Zed" was not found; point it at an existing territory.',
    );
  });

  test("rejects a level out of place", () => {
    const nodes = [...exampleInput().nodes];
    nodes.push({ id: "zed", name: "Zed", level: "rep", parentId: "east" });

    expect(() => buildQuotaTree(nodes)).toThrow(
      'Rep "Zed" sits under region "East"; a rep must sit under a territory.',
    );
  });

  test("rejects a region without parent", () => {
    const nodes = [...exampleInput().nodes];
    nodes.push({ id: "north", name: "North", level: "region", parentId: null });

    expect(() => buildQuotaTree(nodes)).toThrow(
      'Parent null of region "North" was not found; point it at an existing company.',
    );
  });

  test("builds nodes from the region hierarchy", () => {
    const nodes = quotaNodesFromHierarchy(
      { id: "c", name: "Acme" },
      [
        { id: "r1", name: "East", kind: "region", parentId: null },
        { id: "t1", name: "Boston", kind: "territory", parentId: "r1" },
      ],
      [{ id: "p1", name: "Ana", territoryId: "t1" }],
    );

    expect(nodes).toEqual([
      { id: "c", name: "Acme", level: "company", parentId: null },
      { id: "r1", name: "East", level: "region", parentId: "c" },
      { id: "t1", name: "Boston", level: "territory", parentId: "r1" },
      { id: "p1", name: "Ana", level: "rep", parentId: "t1" },
    ]);
  });

  test("hierarchy territory without region is rejected", () => {
    const build = () =>
      quotaNodesFromHierarchy(
        { id: "c", name: "Acme" },
        [{ id: "t1", name: "Boston", kind: "territory", parentId: null }],
        [],
      );

    expect(build).toThrow(
      'Territory "Boston" (t1) has no region; assign it to a region before cascading quotas.',
    );
  });
});

describe("cascade input checks", () => {
  test("blend weights must sum to exactly 1", () => {
    const input = exampleInput();
    input.levels.territory.blendWeights = {
      even: "0.5",
      priorBookings: "0.49",
    };

    expect(() => cascadeQuotas(input)).toThrow(
      "Blend weights of the territory level sum to 0.99; they must sum to exactly 1.",
    );
  });

  test("blend needs weights", () => {
    const input = exampleInput();
    input.levels.rep = { method: "blend", overAssignmentPercent: "0" };

    expect(() => cascadeQuotas(input)).toThrow(QuotaInputError);
  });

  test("blend weight names must be known", () => {
    const input = exampleInput();
    input.levels.rep = {
      method: "blend",
      blendWeights: { tenure: "1" } as never,
      overAssignmentPercent: "0",
    };

    expect(() => cascadeQuotas(input)).toThrow(
      'Blend weight "tenure" of the rep level is unknown; use even, potential or priorBookings.',
    );
  });

  test("unknown method is rejected", () => {
    const input = exampleInput();
    input.levels.rep = {
      method: "random" as never,
      overAssignmentPercent: "0",
    };

    expect(() => cascadeQuotas(input)).toThrow(
      'Method of the rep level is "random"; use even, potential, priorBookings or blend.',
    );
  });

  test("negative over-assignment is rejected", () => {
    const input = exampleInput();
    input.levels.region.overAssignmentPercent = "-5";

    expect(() => cascadeQuotas(input)).toThrow(
      "overAssignmentPercent of the region level is -5; use 0 or more.",
    );
  });

  test("missing potential names the node", () => {
    const input = exampleInput();
    input.potentialCents = { bos: 1, nyc: 1 };

    expect(() => cascadeQuotas(input)).toThrow(
      'Rep "Gus" (gus) has no potential; give it one in cents, or give it children that have one.',
    );
  });

  test("potential must be whole cents", () => {
    const input = exampleInput();
    input.potentialCents = { bos: 1.5, nyc: 1, sea: 1 };

    expect(() => cascadeQuotas(input)).toThrow(
      'Potential of territory "Boston" is 1.5; give whole cents of zero or more.',
    );
  });

  test("company quota must be a decimal string", () => {
    const input = exampleInput();
    input.companyQuota = "$1,000";

    expect(() => cascadeQuotas(input)).toThrow(
      'Invalid companyQuota: "$1,000". Write a decimal number such as "1250.50", without currency signs or thousands separators.',
    );
  });

  test("negative company quota is rejected", () => {
    const input = exampleInput();
    input.companyQuota = "-1.00";

    expect(() => cascadeQuotas(input)).toThrow(
      "companyQuota is -1.00; give an amount of 0 or more.",
    );
  });

  test("huge company quota is rejected", () => {
    const input = exampleInput();
    input.companyQuota = "99999999999999999999";

    expect(() => cascadeQuotas(input)).toThrow(
      "companyQuota is 99999999999999999999, which is too large; enter an amount below 90,000,000,000,000.00.",
    );
  });

  test("seasonality needs twelve months", () => {
    const input = exampleInput();
    input.seasonality = ["50", "50"];

    expect(() => cascadeQuotas(input)).toThrow(
      "The seasonality profile has 2 months; give exactly 12 monthly percents.",
    );
  });

  test("seasonality must sum to exactly 100", () => {
    const input = exampleInput();
    input.seasonality = [...Array<string>(11).fill("8.33"), "8.37"];
    expect(() => cascadeQuotas(input)).not.toThrow();

    input.seasonality = Array<string>(12).fill("8.33");
    expect(() => cascadeQuotas(input)).toThrow(
      "Seasonality percents sum to 99.96; they must sum to exactly 100.",
    );
  });

  test("negative month percent is rejected", () => {
    const input = exampleInput();
    input.seasonality = ["-10", "20", ...Array<string>(10).fill("9")];

    expect(() => cascadeQuotas(input)).toThrow(
      "Seasonality percent of month 1 is -10; use 0 or more.",
    );
  });
});

describe("cascade figure range", () => {
  test("potential sum past safe cents is rejected", () => {
    const input = exampleInput();
    input.potentialCents = {
      bos: Number.MAX_SAFE_INTEGER,
      nyc: Number.MAX_SAFE_INTEGER,
      sea: 1,
    };

    expect(() => cascadeQuotas(input)).toThrow(QuotaInputError);
  });
});
