import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { useApiServer } from "./api-suite.ts";
import {
  nextEvent,
  serverPlan,
  untilServer,
  type TestClient,
} from "./helpers.ts";
import type { JoinReply, Reply } from "./plan-api.ts";

const api = useApiServer();

type Person = JoinReply;

function review(person: Person): Promise<Reply> {
  return api.call("GET", "/api/plans/demo/review", { token: person.token });
}

function act(person: Person, action: string, comment?: string) {
  return api.call("POST", "/api/plans/demo/review", {
    token: person.token,
    body: { action, comment },
  });
}

function connect(person: Person): Promise<TestClient> {
  return api.connectSynced("demo", person.token);
}

/** Repaints one unit through a y-websocket client and waits until the server stored it. */
async function repaint(
  client: TestClient,
  unit: string,
  territory: string | null,
) {
  client.plan.assign([unit], territory);
  await untilServer(
    api.server,
    "demo",
    (plan) => (plan.territoryOf(unit) ?? null) === territory,
  );
}

describe("review status", () => {
  test("new plan is a draft", async () => {
    const viewer = await api.joinDemo("viewer", "Vic");

    const reply = await review(viewer);

    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe("draft");
    expect(reply.body.void).toBe(false);
    expect(reply.body.approvedHash).toBeNull();
    expect(reply.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(reply.body.events).toEqual([]);
  });

  test("cycle runs from draft to published", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const rita = await api.joinDemo("reviewer", "Rita");

    const requested = await act(ada, "request-review", "Ready for Q3");
    expect(requested.status).toBe(200);
    expect(requested.body.status).toBe("in-review");

    const approved = await act(rita, "approve");
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("approved");
    expect(approved.body.void).toBe(false);
    expect(approved.body.approvedHash).toBe(approved.body.contentHash);

    const published = await act(ada, "publish");
    expect(published.status).toBe(200);
    expect(published.body.status).toBe("published");
    expect(published.body.void).toBe(false);

    const events = (await review(ada)).body.events;
    expect(events.map((event: { action: string }) => event.action)).toEqual([
      "request-review",
      "approve",
      "publish",
    ]);
    expect(events.map((event: { status: string }) => event.status)).toEqual([
      "in-review",
      "approved",
      "published",
    ]);
    expect(events[0]).toMatchObject({
      comment: "Ready for Q3",
      personId: ada.person.id,
      name: "Ada",
      contentHash: approved.body.contentHash,
    });
    expect(events[1]).toMatchObject({ personId: rita.person.id, name: "Rita" });
    expect(events[1].planSeq).toBe(api.server.storage.loadRoom("demo").lastSeq);
    expect(new Date(events[2].at).toISOString()).toBe(events[2].at);
  });

  test("send-back needs a comment and returns to draft", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const rita = await api.joinDemo("reviewer", "Rita");
    await act(ada, "request-review");

    const bare = await act(rita, "send-back", "   ");
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe("REVIEW_COMMENT_REQUIRED");

    const sent = await act(rita, "send-back", "Split the West first.");
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe("draft");
    expect(sent.body.events.at(-1)).toMatchObject({
      action: "send-back",
      comment: "Split the West first.",
      name: "Rita",
    });
  });

  test("withdraw returns review to draft", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    await act(ada, "request-review");

    const withdrawn = await act(ada, "withdraw");

    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe("draft");
    expect((await act(ada, "withdraw")).status).toBe(409);
  });

  test("actions out of order are conflicts", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const rita = await api.joinDemo("reviewer", "Rita");

    const early = await act(rita, "approve");
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("REVIEW_STATUS_CONFLICT");
    expect(early.body.error.message).toContain("it is a draft");
    expect((await act(ada, "publish")).status).toBe(409);

    await act(ada, "request-review");
    const twice = await act(ada, "request-review");
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain("in review");

    await act(rita, "approve");
    const unchanged = await act(ada, "request-review");
    expect(unchanged.status).toBe(409);
    expect(unchanged.body.error.message).toContain("Change the plan first");
  });

  test("unknown action and long comment are invalid", async () => {
    const ada = await api.joinDemo("editor", "Ada");

    const unknown = await act(ada, "reject");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("REVIEW_ACTION_INVALID");

    const long = await act(ada, "request-review", "x".repeat(2001));
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe("REVIEW_COMMENT_INVALID");
    expect((await review(ada)).body.events).toEqual([]);
  });
});

describe("review advice", () => {
  test("publish advice fits each status", async () => {
    const ada = await api.joinDemo("editor", "Ada");

    const draft = await act(ada, "publish");
    expect(draft.status).toBe(409);
    expect(draft.body.error.message).toContain("it is a draft");
    expect(draft.body.error.message).toContain("Request review first.");

    await act(ada, "request-review");
    const inReview = await act(ada, "publish");
    expect(inReview.status).toBe(409);
    expect(inReview.body.error.message).toContain("it is in review");
    expect(inReview.body.error.message).toContain(
      "Wait for a reviewer to approve it.",
    );
    expect(inReview.body.error.message).not.toContain("Request review");
  });

  test("approve after approval explains", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const rita = await api.joinDemo("reviewer", "Rita");
    await act(ada, "request-review");
    await act(rita, "approve");

    const again = await act(rita, "approve");

    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("it is approved");
    expect(again.body.error.message).toContain("nothing new to review");
    expect(again.body.error.message).not.toContain("request review");
  });

  test("array body asks for an object", async () => {
    const ada = await api.joinDemo("editor", "Ada");

    const reply = await api.call("POST", "/api/plans/demo/review", {
      token: ada.token,
      body: [{ action: "request-review" }],
    });

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("REVIEW_BODY_INVALID");
    expect(reply.body.error.message).toContain("a JSON array");
    expect(reply.body.error.message).toContain(
      "must be a JSON object with an action",
    );
    expect(reply.body.error.message).not.toContain("null");
    expect((await review(ada)).body.events).toEqual([]);
  });

  test("body without action names the field", async () => {
    const ada = await api.joinDemo("editor", "Ada");

    const reply = await api.call("POST", "/api/plans/demo/review", {
      token: ada.token,
      body: { comment: "Please look" },
    });

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("REVIEW_ACTION_INVALID");
    expect(reply.body.error.message).toContain('has no "action" field');
    expect(reply.body.error.message).not.toContain("null");
  });
});

describe("approval and content hash", () => {
  test("later edit voids approval until re-approved", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const rita = await api.joinDemo("reviewer", "Rita");
    const writer = await connect(ada);
    await act(ada, "request-review");
    const approved = await act(rita, "approve");

    await repaint(writer, "01009", "demo-west");

    const changed = await review(rita);
    expect(changed.body.status).toBe("approved");
    expect(changed.body.void).toBe(true);
    expect(changed.body.approvedHash).toBe(approved.body.approvedHash);
    expect(changed.body.contentHash).not.toBe(approved.body.contentHash);
    const publish = await act(ada, "publish");
    expect(publish.status).toBe(409);
    expect(publish.body.error.message).toContain("approval is void");

    expect((await act(ada, "request-review")).body.status).toBe("in-review");
    const again = await act(rita, "approve");
    expect(again.body.status).toBe("approved");
    expect(again.body.void).toBe(false);
    expect(again.body.approvedHash).toBe(changed.body.contentHash);
    expect((await act(ada, "publish")).body.status).toBe("published");
  });

  test("edit after publication voids it", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const rita = await api.joinDemo("reviewer", "Rita");
    const writer = await connect(ada);
    await act(ada, "request-review");
    await act(rita, "approve");
    await act(ada, "publish");

    await repaint(writer, "01009", "demo-east");

    const reply = await review(ada);
    expect(reply.body.status).toBe("published");
    expect(reply.body.void).toBe(true);
    expect((await act(ada, "request-review")).body.status).toBe("in-review");
  });

  test("reverted edit gives approval back", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const rita = await api.joinDemo("reviewer", "Rita");
    const writer = await connect(ada);
    await act(ada, "request-review");
    const approved = await act(rita, "approve");
    const bytesBefore = Y.encodeStateAsUpdate(writer.doc);

    await repaint(writer, "01001", "demo-west");
    expect((await review(ada)).body.void).toBe(true);
    await repaint(writer, "01001", "demo-east");

    const reverted = await review(ada);
    expect(Y.encodeStateAsUpdate(writer.doc)).not.toEqual(bytesBefore);
    expect(reverted.body.contentHash).toBe(approved.body.contentHash);
    expect(reverted.body.void).toBe(false);
    expect((await act(ada, "publish")).body.status).toBe("published");
  });
});

describe("review roles", () => {
  test("editor cannot approve or send back", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    await act(ada, "request-review");

    const approve = await act(ada, "approve");
    expect(approve.status).toBe(403);
    expect(approve.body.error.code).toBe("REVIEWER_REQUIRED");
    expect(approve.body.error.message).toContain("your role");
    expect(approve.body.error.message).toContain("Ask a reviewer of the plan.");
    expect((await act(ada, "send-back", "No")).status).toBe(403);
    expect((await review(ada)).body.status).toBe("in-review");
  });

  test("reviewer cannot publish, request or withdraw", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const rita = await api.joinDemo("reviewer", "Rita");
    expect((await act(rita, "request-review")).status).toBe(403);
    await act(ada, "request-review");
    expect((await act(rita, "withdraw")).status).toBe(403);
    await act(rita, "approve");

    const publish = await act(rita, "publish");

    expect(publish.status).toBe(403);
    expect(publish.body.error.code).toBe("EDITOR_REQUIRED");
    expect(publish.body.error.message).toContain("Ask an editor of the plan.");
    expect((await review(rita)).body.status).toBe("approved");
  });

  test("reviewer edit leaves approval valid", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const rita = await api.joinDemo("reviewer", "Rita");
    await act(ada, "request-review");
    const approved = await act(rita, "approve");
    const reviewer = await connect(rita);
    const writer = await connect(ada);
    const dropped = nextEvent(api.server.events, "update-dropped");

    reviewer.plan.assign(["01001"], "demo-west");
    expect(await dropped).toMatchObject({ room: "demo", role: "reviewer" });
    // Messages of one room are handled in order, so once the editor's later
    // paint and its undo are stored, the reviewer's paint has been handled.
    await repaint(writer, "01011", "demo-east");
    await repaint(writer, "01011", null);

    expect(serverPlan(api.server).territoryOf("01001")).toBe("demo-east");
    const reply = await review(rita);
    expect(reply.body.contentHash).toBe(approved.body.contentHash);
    expect(reply.body.void).toBe(false);
  });

  test("viewer reads status but takes no action", async () => {
    const vic = await api.joinDemo("viewer", "Vic");

    for (const action of ["request-review", "approve", "publish"]) {
      const reply = await act(vic, action);
      expect(reply.status).toBe(403);
    }
    expect((await review(vic)).status).toBe(200);
  });

  test("review without token is unauthorized", async () => {
    const reply = await api.call("GET", "/api/plans/demo/review");

    expect(reply.status).toBe(401);
  });
});

describe("review log storage", () => {
  test("review_events rejects update and delete", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    await act(ada, "request-review");
    const db = new Database(api.server.storage.file);

    try {
      expect(() =>
        db.prepare("UPDATE review_events SET status = 'approved'").run(),
      ).toThrow(/append-only/);
      expect(() => db.prepare("DELETE FROM review_events").run()).toThrow(
        /append-only/,
      );
    } finally {
      db.close();
    }
    expect((await review(ada)).body.status).toBe("in-review");
  });

  test("status survives restart", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const rita = await api.joinDemo("reviewer", "Rita");
    await act(ada, "request-review");
    const approved = await act(rita, "approve");

    await api.restart();

    const reply = await review(ada);
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe("approved");
    expect(reply.body.void).toBe(false);
    expect(reply.body.approvedHash).toBe(approved.body.approvedHash);
    expect(reply.body.events).toHaveLength(2);
    expect(reply.body.events[1].name).toBe("Rita");
  });
});
