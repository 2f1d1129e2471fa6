import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import {
  ProposalError,
  ReviewProposals,
  type NewProposal,
  type ProposalDecision,
} from "../../../model/doc/review-proposals.ts";
import { REVIEW_PROPOSALS } from "../../../model/doc/schema.ts";

function proposal(overrides: Partial<NewProposal> = {}): NewProposal {
  return {
    regionId: "west",
    amounts: { seattle: "600000", portland: "400000.5" },
    note: "Seattle has the new logos.",
    personId: "person-ana",
    name: "Ana",
    at: "2026-03-04T10:00:00.000Z",
    ...overrides,
  };
}

function decision(overrides: Partial<ProposalDecision> = {}): ProposalDecision {
  return {
    status: "approved",
    personId: "person-eve",
    name: "Eve",
    at: "2026-03-05T09:00:00.000Z",
    comment: "",
    before: null,
    ...overrides,
  };
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe("ReviewProposals.submit", () => {
  test("stores a pending proposal", () => {
    const proposals = new ReviewProposals(new Y.Doc());

    const id = proposals.submit(proposal());

    expect(proposals.read()).toEqual([
      {
        id,
        regionId: "west",
        amounts: { seattle: "600000.00", portland: "400000.50" },
        note: "Seattle has the new logos.",
        personId: "person-ana",
        name: "Ana",
        at: "2026-03-04T10:00:00.000Z",
        status: "pending",
        decision: null,
      },
    ]);
  });

  test("gives each proposal a new id", () => {
    const proposals = new ReviewProposals(new Y.Doc());

    const first = proposals.submit(proposal());
    const second = proposals.submit(proposal());

    expect(first).not.toBe(second);
    expect(proposals.read()).toHaveLength(2);
  });

  test.each([
    ["a thousands separator", "1,000.00", /Invalid proposed quota/],
    ["a fraction of a cent", "10.005", /more than two decimal places/],
    ["a negative amount", "-5.00", /negative/],
    ["an exponent", "1e6", /Invalid proposed quota/],
  ])("rejects %s", (_case, amount, message) => {
    const doc = new Y.Doc();
    const proposals = new ReviewProposals(doc);

    const submit = () =>
      proposals.submit(proposal({ amounts: { seattle: amount } }));

    expect(submit).toThrow(ProposalError);
    expect(submit).toThrow(message);
    expect(proposals.proposals.size).toBe(0);
  });

  test("rejects a proposal without amounts", () => {
    const proposals = new ReviewProposals(new Y.Doc());

    expect(() => proposals.submit(proposal({ amounts: {} }))).toThrow(
      /has no amounts/,
    );
  });

  test("rejects a missing region or submitter", () => {
    const proposals = new ReviewProposals(new Y.Doc());

    expect(() => proposals.submit(proposal({ regionId: "" }))).toThrow(
      /names no region/,
    );
    expect(() => proposals.submit(proposal({ personId: "" }))).toThrow(
      /names no submitter/,
    );
    expect(() => proposals.submit(proposal({ at: "yesterday" }))).toThrow(
      /Invalid submission time/,
    );
  });
});

describe("ReviewProposals.read", () => {
  test("lists newest first", () => {
    const proposals = new ReviewProposals(new Y.Doc());
    const older = proposals.submit(proposal({ at: "2026-03-01T00:00:00Z" }));
    const newer = proposals.submit(proposal({ at: "2026-03-02T00:00:00Z" }));

    expect(proposals.read().map((p) => p.id)).toEqual([newer, older]);
  });

  test("skips entries of an unknown shape", () => {
    const doc = new Y.Doc();
    const proposals = new ReviewProposals(doc);
    const id = proposals.submit(proposal());
    doc.getMap(REVIEW_PROPOSALS).set("junk", "not a proposal");

    expect(proposals.read().map((p) => p.id)).toEqual([id]);
    expect(proposals.get("junk")).toBeNull();
  });

  test("drops amounts that are not strings", () => {
    const doc = new Y.Doc();
    const proposals = new ReviewProposals(doc);
    const id = proposals.submit(proposal());
    const entry = doc.getMap(REVIEW_PROPOSALS).get(id) as Y.Map<unknown>;
    entry.set("amounts", { seattle: "1.00", portland: 2 });

    expect(proposals.get(id)?.amounts).toEqual({ seattle: "1.00" });
  });
});

describe("ReviewProposals.decide", () => {
  test("approves with an optional comment", () => {
    const proposals = new ReviewProposals(new Y.Doc());
    const id = proposals.submit(proposal());

    proposals.decide(id, decision());

    const read = proposals.get(id);
    expect(read?.status).toBe("approved");
    expect(read?.decision).toEqual(decision());
  });

  test("records the quotas before an approval", () => {
    const proposals = new ReviewProposals(new Y.Doc());
    const id = proposals.submit(proposal());

    proposals.decide(
      id,
      decision({ before: { seattle: "550000", portland: "450000.5" } }),
    );

    expect(proposals.get(id)?.decision?.before).toEqual({
      seattle: "550000.00",
      portland: "450000.50",
    });
  });

  test("rejects an invalid quota before approval", () => {
    const proposals = new ReviewProposals(new Y.Doc());
    const id = proposals.submit(proposal());

    expect(() =>
      proposals.decide(id, decision({ before: { seattle: "1e3" } })),
    ).toThrow(ProposalError);
    expect(proposals.get(id)?.status).toBe("pending");
  });

  test("reads an old approval without quotas before", () => {
    const doc = new Y.Doc();
    const proposals = new ReviewProposals(doc);
    const id = proposals.submit(proposal());
    const entry = doc.getMap(REVIEW_PROPOSALS).get(id) as Y.Map<unknown>;

    entry.set("decision", {
      status: "approved",
      personId: "person-eve",
      name: "Eve",
      at: "2026-03-05T09:00:00.000Z",
      comment: "",
    });

    expect(proposals.get(id)?.decision?.before).toBeNull();
  });

  test("rejects with a trimmed comment", () => {
    const proposals = new ReviewProposals(new Y.Doc());
    const id = proposals.submit(proposal());

    proposals.decide(
      id,
      decision({ status: "rejected", comment: "  Too low for Seattle. " }),
    );

    expect(proposals.get(id)?.status).toBe("rejected");
    expect(proposals.get(id)?.decision?.comment).toBe("Too low for Seattle.");
  });

  test("requires a comment to reject", () => {
    const proposals = new ReviewProposals(new Y.Doc());
    const id = proposals.submit(proposal());

    expect(() =>
      proposals.decide(id, decision({ status: "rejected", comment: "  " })),
    ).toThrow(/needs a comment/);
    expect(proposals.get(id)?.status).toBe("pending");
  });

  test("throws on a decided proposal", () => {
    const proposals = new ReviewProposals(new Y.Doc());
    const id = proposals.submit(proposal());
    proposals.decide(id, decision());

    expect(() =>
      proposals.decide(id, decision({ status: "rejected", comment: "No." })),
    ).toThrow(/already approved/);
    expect(proposals.get(id)?.status).toBe("approved");
  });

  test("throws on an unknown id", () => {
    const proposals = new ReviewProposals(new Y.Doc());

    expect(() => proposals.decide("missing", decision())).toThrow(
      /Proposal missing is not in this plan's review document/,
    );
  });

  test("concurrent decisions merge into one", () => {
    const first = new Y.Doc();
    const second = new Y.Doc();
    const id = new ReviewProposals(first).submit(proposal());
    sync(first, second);

    new ReviewProposals(first).decide(id, decision({ comment: "Fine." }));
    new ReviewProposals(second).decide(
      id,
      decision({ status: "rejected", name: "Raj", comment: "Too low." }),
    );
    sync(first, second);
    sync(second, first);

    const left = new ReviewProposals(first).get(id);
    const right = new ReviewProposals(second).get(id);
    expect(left).toEqual(right);
    const candidates = [
      { status: "approved", name: "Eve", comment: "Fine." },
      { status: "rejected", name: "Raj", comment: "Too low." },
    ];
    expect(candidates).toContainEqual({
      status: left?.status,
      name: left?.decision?.name,
      comment: left?.decision?.comment,
    });
  });
});
