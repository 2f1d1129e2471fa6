import { describe, expect, test } from "vitest";
import { AppliedSeqs } from "../../sync-server/room-seqs.ts";

// A cluster room receives its own seqs and other nodes' seqs out of order.
// A gap counts only while a seq below the highest one is not in the
// document.

describe("applied seqs", () => {
  test("own seq fills another node's gap", () => {
    const seqs = new AppliedSeqs();
    seqs.reset(3);

    seqs.add(5);
    expect(seqs.hasGap).toBe(true);
    expect(seqs.last).toBe(3);

    seqs.add(4);
    expect(seqs.hasGap).toBe(false);
    expect(seqs.last).toBe(5);
  });

  test("catch-up closes the gap", () => {
    const seqs = new AppliedSeqs();
    seqs.reset(1);
    seqs.add(4);
    seqs.add(7);

    seqs.addUpTo(5);

    expect(seqs.last).toBe(5);
    expect(seqs.hasGap).toBe(true);
    seqs.add(6);
    expect(seqs.last).toBe(7);
    expect(seqs.highest).toBe(7);
    expect(seqs.hasGap).toBe(false);
  });

  test("old seq changes nothing", () => {
    const seqs = new AppliedSeqs();
    seqs.reset(10);

    seqs.add(8);

    expect(seqs.last).toBe(10);
    expect(seqs.hasGap).toBe(false);
  });
});
