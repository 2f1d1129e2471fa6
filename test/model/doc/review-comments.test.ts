import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import {
  CommentError,
  MAX_COMMENT_LENGTH,
  ReviewComments,
  type NewComment,
} from "../../../model/doc/review-comments.ts";
import { REVIEW_COMMENTS } from "../../../model/doc/schema.ts";
import type { Anchor } from "../../../model/review/anchor.ts";

const county: Anchor = { kind: "county", id: "06037" };
const territory: Anchor = { kind: "territory", id: "west" };

function comment(overrides: Partial<NewComment> = {}): NewComment {
  return {
    personId: "person-ana",
    name: "Ana",
    body: "Why does Los Angeles move?",
    mentions: [],
    at: "2026-03-04T10:00:00.000Z",
    ...overrides,
  };
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe("ReviewComments.add", () => {
  test("stores an open thread", () => {
    const comments = new ReviewComments(new Y.Doc());

    const id = comments.add(county, comment({ mentions: ["person-bo"] }));

    expect(comments.read()).toEqual([
      {
        id,
        anchor: county,
        author: { personId: "person-ana", name: "Ana" },
        body: "Why does Los Angeles move?",
        mentions: ["person-bo"],
        at: "2026-03-04T10:00:00.000Z",
        resolved: null,
        replies: [],
        lastActivity: "2026-03-04T10:00:00.000Z",
      },
    ]);
  });

  test("trims the body and drops repeated mentions", () => {
    const comments = new ReviewComments(new Y.Doc());

    const id = comments.add(
      county,
      comment({ body: "  Check this.\n", mentions: ["p1", "p2", "p1"] }),
    );

    expect(comments.get(id)?.body).toBe("Check this.");
    expect(comments.get(id)?.mentions).toEqual(["p1", "p2"]);
  });

  test("accepts a body of the maximum length", () => {
    const comments = new ReviewComments(new Y.Doc());
    const body = "x".repeat(MAX_COMMENT_LENGTH);

    const id = comments.add(county, comment({ body }));

    expect(comments.get(id)?.body).toBe(body);
  });

  test.each([
    [{ body: "   " }, "The comment is empty"],
    [{ body: "x".repeat(MAX_COMMENT_LENGTH + 1) }, "4001 characters"],
    [{ personId: "" }, "names no person"],
    [{ at: "yesterday" }, 'Invalid comment time: "yesterday"'],
    [{ mentions: [""] }, 'invalid person id: ""'],
  ])("rejects %j and writes nothing", (overrides, message) => {
    const doc = new Y.Doc();
    const comments = new ReviewComments(doc);

    expect(() => comments.add(county, comment(overrides))).toThrow(
      CommentError,
    );
    expect(() => comments.add(county, comment(overrides))).toThrow(message);
    expect(doc.getMap(REVIEW_COMMENTS).size).toBe(0);
  });

  test("rejects an invalid anchor", () => {
    const comments = new ReviewComments(new Y.Doc());
    const anchor = { kind: "county", id: "LA" } as const;

    expect(() => comments.add(anchor, comment())).toThrow(CommentError);
    expect(() => comments.add(anchor, comment())).toThrow(
      "not a 5-digit FIPS code",
    );
  });

  test("writes with the given origin", () => {
    const doc = new Y.Doc();
    const origin = { page: 1 };
    const origins: unknown[] = [];
    doc.on("afterTransaction", (transaction) =>
      origins.push(transaction.origin),
    );

    new ReviewComments(doc, origin).add(county, comment());

    expect(origins).toEqual([origin]);
  });
});

describe("ReviewComments.read", () => {
  test("orders threads by newest activity", () => {
    const comments = new ReviewComments(new Y.Doc());
    const old = comments.add(county, comment({ at: "2026-03-01T00:00:00Z" }));
    const recent = comments.add(
      territory,
      comment({ at: "2026-03-02T00:00:00Z" }),
    );

    expect(comments.read().map((thread) => thread.id)).toEqual(
      [old, recent].reverse(),
    );

    comments.reply(old, comment({ at: "2026-03-03T00:00:00Z" }));

    expect(comments.read().map((thread) => thread.id)).toEqual([old, recent]);
    expect(comments.get(old)?.lastActivity).toBe("2026-03-03T00:00:00Z");
  });

  test("skips entries of unknown shape", () => {
    const doc = new Y.Doc();
    const comments = new ReviewComments(doc);
    const id = comments.add(county, comment());
    doc.getMap(REVIEW_COMMENTS).set("text", "not a thread");
    const badAnchor = new Y.Map<unknown>();
    badAnchor.set("anchor", { kind: "planet", id: "mars" });
    doc.getMap(REVIEW_COMMENTS).set("bad", badAnchor);

    expect(comments.read().map((thread) => thread.id)).toEqual([id]);
  });
});

describe("ReviewComments.threadsOf", () => {
  test("returns only that object's threads", () => {
    const comments = new ReviewComments(new Y.Doc());
    const onCounty = comments.add(county, comment());
    comments.add(territory, comment());
    comments.add({ kind: "account", id: "06037" }, comment());

    expect(comments.threadsOf(county).map((thread) => thread.id)).toEqual([
      onCounty,
    ]);
  });
});

describe("ReviewComments.reply", () => {
  test("appends replies in order", () => {
    const comments = new ReviewComments(new Y.Doc());
    const id = comments.add(county, comment());

    const first = comments.reply(
      id,
      comment({ personId: "person-bo", name: "Bo", body: " Coverage. " }),
    );
    const second = comments.reply(id, comment({ body: "Thanks" }));

    const replies = comments.get(id)?.replies ?? [];
    expect(replies.map((reply) => reply.id)).toEqual([first, second]);
    expect(replies[0]).toEqual({
      id: first,
      personId: "person-bo",
      name: "Bo",
      body: "Coverage.",
      mentions: [],
      at: "2026-03-04T10:00:00.000Z",
    });
  });

  test("rejects a missing thread", () => {
    const comments = new ReviewComments(new Y.Doc());

    expect(() => comments.reply("nope", comment())).toThrow(
      "Thread nope is not in this plan's review document",
    );
  });

  test("rejects an empty reply", () => {
    const comments = new ReviewComments(new Y.Doc());
    const id = comments.add(county, comment());

    expect(() => comments.reply(id, comment({ body: "" }))).toThrow(
      "The reply is empty",
    );
    expect(comments.get(id)?.replies).toEqual([]);
  });

  test("concurrent replies on two replicas both survive", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const onA = new ReviewComments(a);
    const onB = new ReviewComments(b);
    const id = onA.add(county, comment());
    sync(a, b);

    const fromA = onA.reply(id, comment({ body: "From A" }));
    const fromB = onB.reply(
      id,
      comment({ personId: "person-bo", body: "From B" }),
    );
    sync(a, b);
    sync(b, a);

    const idsOnA = onA.get(id)?.replies.map((reply) => reply.id) ?? [];
    const idsOnB = onB.get(id)?.replies.map((reply) => reply.id) ?? [];
    expect([...idsOnA].sort()).toEqual([fromA, fromB].sort());
    expect(idsOnB).toEqual(idsOnA);
  });
});

describe("ReviewComments.resolve and reopen", () => {
  test("resolves and reopens a thread", () => {
    const comments = new ReviewComments(new Y.Doc());
    const id = comments.add(county, comment());

    comments.resolve(
      id,
      { personId: "person-bo", name: "Bo" },
      "2026-03-05T00:00:00Z",
    );

    expect(comments.get(id)?.resolved).toEqual({
      by: "person-bo",
      name: "Bo",
      at: "2026-03-05T00:00:00Z",
    });
    expect(comments.get(id)?.lastActivity).toBe("2026-03-05T00:00:00Z");

    comments.reopen(id);

    expect(comments.get(id)?.resolved).toBeNull();
  });

  test("rejects resolving twice", () => {
    const comments = new ReviewComments(new Y.Doc());
    const id = comments.add(county, comment());
    const bo = { personId: "person-bo", name: "Bo" };
    comments.resolve(id, bo, "2026-03-05T00:00:00Z");

    expect(() => comments.resolve(id, bo, "2026-03-06T00:00:00Z")).toThrow(
      "already resolved by Bo",
    );
  });

  test("rejects reopening an open thread", () => {
    const comments = new ReviewComments(new Y.Doc());
    const id = comments.add(county, comment());

    expect(() => comments.reopen(id)).toThrow(`Thread ${id} is already open`);
  });

  test("rejects a resolution without a person", () => {
    const comments = new ReviewComments(new Y.Doc());
    const id = comments.add(county, comment());

    expect(() =>
      comments.resolve(id, { personId: "", name: "" }, "2026-03-05T00:00:00Z"),
    ).toThrow("The resolution names no person");
    expect(comments.get(id)?.resolved).toBeNull();
  });

  test("concurrent resolutions merge into one whole resolution", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const onA = new ReviewComments(a);
    const onB = new ReviewComments(b);
    const id = onA.add(county, comment());
    sync(a, b);

    onA.resolve(id, { personId: "p-a", name: "A" }, "2026-03-05T00:00:00Z");
    onB.resolve(id, { personId: "p-b", name: "B" }, "2026-03-06T00:00:00Z");
    sync(a, b);
    sync(b, a);

    const resolved = onA.get(id)?.resolved;
    expect(onB.get(id)?.resolved).toEqual(resolved);
    expect([
      { by: "p-a", name: "A", at: "2026-03-05T00:00:00Z" },
      { by: "p-b", name: "B", at: "2026-03-06T00:00:00Z" },
    ]).toContainEqual(resolved);
  });
});
