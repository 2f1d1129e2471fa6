import { describe, expect, test } from "vitest";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import {
  ReviewComments,
  type NewComment,
} from "../../model/doc/review-comments.ts";
import type { Anchor } from "../../model/review/anchor.ts";
import { useApiServer } from "./api-suite.ts";
import { nextEvent, serverPlan, until } from "./helpers.ts";

const api = useApiServer();

const COUNTY: Anchor = { kind: "county", id: "01001" };

function comment(overrides: Partial<NewComment> = {}): NewComment {
  return {
    personId: "person-rita",
    name: "Rita",
    body: "Autauga belongs with the West team's accounts.",
    mentions: ["person-eve"],
    at: "2026-03-04T10:00:00.000Z",
    ...overrides,
  };
}

function serverComments(): ReviewComments {
  return new ReviewComments(api.serverDoc("demo.review"));
}

describe("review comments over the server", () => {
  test("editor sees a reviewer's comment", async () => {
    const rita = await api.demoRooms("reviewer", "rita");
    const eve = await api.demoRooms("editor", "eve");
    const reviewerDoc = await rita.review();
    const editorDoc = await eve.review();

    const id = new ReviewComments(reviewerDoc.doc).add(COUNTY, comment());

    const seen = new ReviewComments(editorDoc.doc);
    await until(editorDoc.doc, () => seen.get(id) !== null);
    expect(seen.get(id)).toMatchObject({
      anchor: COUNTY,
      author: { personId: "person-rita", name: "Rita" },
      body: "Autauga belongs with the West team's accounts.",
      mentions: ["person-eve"],
      resolved: null,
    });
    expect(serverComments().get(id)?.anchor).toEqual(COUNTY);
  });

  test("editor reply and resolution reach the reviewer", async () => {
    const rita = await api.demoRooms("reviewer", "rita");
    const eve = await api.demoRooms("editor", "eve");
    const reviewerDoc = await rita.review();
    const editorDoc = await eve.review();
    const id = new ReviewComments(reviewerDoc.doc).add(COUNTY, comment());
    const editorView = new ReviewComments(editorDoc.doc);
    await until(editorDoc.doc, () => editorView.get(id) !== null);

    editorView.reply(
      id,
      comment({ personId: "person-eve", name: "Eve", body: "Moved it." }),
    );
    editorView.resolve(
      id,
      { personId: "person-eve", name: "Eve" },
      "2026-03-05T09:00:00.000Z",
    );

    const reviewerView = new ReviewComments(reviewerDoc.doc);
    await until(reviewerDoc.doc, () => reviewerView.get(id)?.resolved != null);
    expect(reviewerView.get(id)?.replies.map((reply) => reply.body)).toEqual([
      "Moved it.",
    ]);
    expect(reviewerView.get(id)?.resolved?.by).toBe("person-eve");
  });

  test("reviewer plan write is dropped", async () => {
    const rita = await api.demoRooms("reviewer", "rita");
    const eve = await api.demoRooms("editor", "eve");
    const reviewerPlan = await rita.plan();
    const editorPlan = await eve.plan();
    const dropped = nextEvent(api.server.events, "update-dropped");

    // A reviewer's page that repaints the county it commented on.
    const reviewerView = new PlanDoc(reviewerPlan.doc);
    reviewerView.assign([COUNTY.id], "demo-west");
    expect(reviewerView.territoryOf(COUNTY.id)).toBe("demo-west");
    expect(await dropped).toMatchObject({ room: "demo", role: "reviewer" });

    // Messages of one room are handled in order, so once the reviewer's
    // page receives this later edit, the dropped one would have arrived
    // at the server before it.
    const editorView = new PlanDoc(editorPlan.doc);
    editorView.assign(["01003"], "demo-west");
    await until(
      reviewerPlan.doc,
      () => reviewerView.territoryOf("01003") === "demo-west",
    );

    expect(editorView.territoryOf(COUNTY.id)).toBe("demo-east");
    expect(serverPlan(api.server).territoryOf(COUNTY.id)).toBe("demo-east");
    expect(serverPlan(api.server).territoryOf("01003")).toBe("demo-west");
  });

  test("viewer comment is dropped", async () => {
    const vic = await api.demoRooms("viewer", "vic");
    const eve = await api.demoRooms("editor", "eve");
    const viewerDoc = await vic.review();
    const editorDoc = await eve.review();
    const dropped = nextEvent(api.server.events, "update-dropped");

    const id = new ReviewComments(viewerDoc.doc).add(
      COUNTY,
      comment({ personId: "person-vic", name: "Vic" }),
    );
    expect(await dropped).toMatchObject({
      room: "demo.review",
      role: "viewer",
    });

    const editorView = new ReviewComments(editorDoc.doc);
    const later = editorView.add(
      COUNTY,
      comment({ personId: "person-eve", name: "Eve" }),
    );
    const viewerView = new ReviewComments(viewerDoc.doc);
    await until(viewerDoc.doc, () => viewerView.get(later) !== null);

    expect(editorView.get(id)).toBeNull();
    expect(serverComments().get(id)).toBeNull();
    expect(serverComments().get(later)).not.toBeNull();
  });
});
