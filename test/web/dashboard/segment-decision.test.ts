import { describe, expect, it } from "vitest";
import type { SegmentationDecision } from "../../../model/doc/segmentation-doc.ts";
import {
  isSameApply,
  replacedNotice,
} from "../../../web/dashboard/segment-decision.ts";

function decision(
  appliedBy: string,
  appliedAt: string,
  seed = 1,
): SegmentationDecision {
  return {
    k: 2,
    seed,
    features: ["potential"],
    scaling: [
      { feature: "potential", logScaled: true, mean: 12, deviation: 1 },
    ],
    centroids: [[-1], [1]],
    names: ["Low potential", "High potential"],
    silhouette: 0.5,
    accountsDataset: null,
    appliedBy,
    appliedAt,
  };
}

const ADA = decision("Ada", "2026-12-05T08:30:00.000Z");
const GRACE = decision("Grace", "2026-12-05T08:30:01.000Z", 7);
const time = (iso: string) => iso.slice(11, 19);

describe("replacedNotice", () => {
  it("names who applied the one in effect", () => {
    const notice = replacedNotice(
      { mine: ADA, before: ADA, after: GRACE, local: false },
      time,
    );
    expect(notice).toBe(
      "The segmentation you applied at 08:30:00 was replaced by the one Grace applied at 08:30:01, which is now in effect. Undo cannot bring yours back. To use it, run k = 2 with seed 1 and the same features, then apply it again.",
    );
  });

  it("reports a remote removal", () => {
    const notice = replacedNotice(
      { mine: ADA, before: ADA, after: null, local: false },
      time,
    );
    expect(notice).toContain("was removed by another editor");
  });

  it("stays quiet for local changes", () => {
    const change = { mine: ADA, before: ADA, after: null, local: true };
    expect(replacedNotice(change, time)).toBeNull();
  });

  it("stays quiet when mine is not in effect", () => {
    const change = { mine: ADA, before: GRACE, after: null, local: false };
    expect(replacedNotice(change, time)).toBeNull();
  });

  it("stays quiet when mine stays", () => {
    const copy = JSON.parse(JSON.stringify(ADA)) as SegmentationDecision;
    const change = { mine: ADA, before: ADA, after: copy, local: false };
    expect(replacedNotice(change, time)).toBeNull();
  });

  it("stays quiet without an apply", () => {
    const change = { mine: null, before: ADA, after: GRACE, local: false };
    expect(replacedNotice(change, time)).toBeNull();
  });
});

describe("isSameApply", () => {
  it("compares person, time and settings", () => {
    expect(isSameApply(ADA, { ...ADA })).toBe(true);
    expect(isSameApply(ADA, GRACE)).toBe(false);
    expect(isSameApply(ADA, { ...ADA, seed: 2 })).toBe(false);
    expect(isSameApply(null, null)).toBe(true);
    expect(isSameApply(ADA, null)).toBe(false);
  });
});
