import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import {
  clearSegmentation,
  observeSegmentation,
  readSegmentation,
  segmentationMap,
  segmentationUndoScope,
  writeSegmentation,
  type SegmentationDecision,
} from "../../../model/doc/segmentation-doc.ts";

function decision(
  overrides: Partial<SegmentationDecision> = {},
): SegmentationDecision {
  return {
    k: 2,
    seed: 1,
    features: ["potential", "latitude"],
    scaling: [
      { feature: "potential", logScaled: true, mean: 12.5, deviation: 1.25 },
      { feature: "latitude", logScaled: false, mean: 38, deviation: 5 },
    ],
    centroids: [
      [-0.5, 1],
      [0.5, -1],
    ],
    names: ["Low potential, North", "High potential, South"],
    silhouette: 0.41,
    accountsDataset: "abc123",
    appliedBy: "Ada",
    appliedAt: "2026-12-05T07:00:00.000Z",
    ...overrides,
  };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("segmentation doc", () => {
  test("reads null before an apply", () => {
    expect(readSegmentation(new Y.Doc())).toBeNull();
  });

  test("reads back what was written", () => {
    const doc = new Y.Doc();
    writeSegmentation(doc, decision());
    expect(readSegmentation(doc)).toEqual(decision());
  });

  test("stores one entry whatever the accounts", () => {
    const doc = new Y.Doc();
    writeSegmentation(doc, decision());
    expect(segmentationMap(doc).size).toBe(1);
  });

  test("writes in one transaction", () => {
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    writeSegmentation(doc, decision(), "origin");
    expect(transactions).toBe(1);
  });

  test("clear removes the decision", () => {
    const doc = new Y.Doc();
    writeSegmentation(doc, decision());
    clearSegmentation(doc);
    expect(readSegmentation(doc)).toBeNull();
  });

  test("rejects a decision with too few names", () => {
    const doc = new Y.Doc();
    expect(() =>
      writeSegmentation(doc, decision({ names: ["Only one"] })),
    ).toThrow(/k = 2 is malformed/);
    expect(readSegmentation(doc)).toBeNull();
  });

  test("rejects a centroid of the wrong width", () => {
    const doc = new Y.Doc();
    expect(() =>
      writeSegmentation(doc, decision({ centroids: [[0], [1, 2]] })),
    ).toThrow(/malformed/);
  });

  test("reads a malformed stored value as none", () => {
    const doc = new Y.Doc();
    segmentationMap(doc).set("decision", { k: "two" });
    expect(readSegmentation(doc)).toBeNull();
  });

  test("two replicas applying at once converge", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeSegmentation(a, decision({ seed: 1, appliedBy: "Ada" }));
    const three = decision({
      k: 3,
      seed: 2,
      names: ["One", "Two", "Three"],
      centroids: [
        [0, 0],
        [1, 1],
        [-1, -1],
      ],
      appliedBy: "Grace",
    });
    writeSegmentation(b, three);
    sync(a, b);

    const fromA = readSegmentation(a);
    const fromB = readSegmentation(b);
    expect(fromA).toEqual(fromB);
    // One whole decision wins: never Ada's seed with Grace's centroids.
    const winner = fromA?.appliedBy === "Ada" ? decision() : three;
    expect(fromA).toEqual(winner);
  });

  test("undo takes an apply back", () => {
    const doc = new Y.Doc();
    const origin = { editor: "test" };
    const undo = new Y.UndoManager(segmentationUndoScope(doc), {
      trackedOrigins: new Set([origin]),
    });
    writeSegmentation(doc, decision({ seed: 1 }), origin);
    undo.stopCapturing();
    writeSegmentation(doc, decision({ seed: 5 }), origin);
    undo.undo();
    expect(readSegmentation(doc)?.seed).toBe(1);
    undo.undo();
    expect(readSegmentation(doc)).toBeNull();
  });

  test("observe calls back on remote changes", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    let calls = 0;
    const stop = observeSegmentation(b, () => calls++);
    writeSegmentation(a, decision());
    sync(a, b);
    expect(calls).toBe(1);
    stop();
    clearSegmentation(a);
    sync(a, b);
    expect(calls).toBe(1);
  });

  test("observe tells local from remote", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const seen: boolean[] = [];
    const stop = observeSegmentation(b, ({ local }) => seen.push(local));
    writeSegmentation(b, decision({ appliedBy: "Ada" }));
    writeSegmentation(a, decision({ appliedBy: "Grace" }));
    sync(a, b);
    stop();
    expect(seen[0]).toBe(true);
    expect(seen.slice(1)).toEqual([false]);
  });

  test("undo after a remote replace keeps it", () => {
    // Two people apply at the same moment: one decision wins whole, and
    // the other person's undo cannot bring theirs back.
    const ada = new Y.Doc();
    const grace = new Y.Doc();
    // Of two concurrent values for one key, Yjs keeps the higher client id's.
    ada.clientID = 1;
    grace.clientID = 2;
    const origin = { editor: "ada" };
    const undo = new Y.UndoManager(segmentationUndoScope(ada), {
      trackedOrigins: new Set([origin]),
    });
    writeSegmentation(ada, decision({ appliedBy: "Ada", seed: 1 }), origin);
    writeSegmentation(grace, decision({ appliedBy: "Grace", seed: 2 }));
    sync(ada, grace);
    expect(readSegmentation(ada)?.appliedBy).toBe("Grace");
    expect(readSegmentation(grace)?.appliedBy).toBe("Grace");
    undo.undo();
    expect(readSegmentation(ada)?.appliedBy).toBe("Grace");
  });
});
