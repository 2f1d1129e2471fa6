import { describe, expect, test } from "vitest";
import { PlanningDoc } from "../../model/doc/planning-doc.ts";
import { ReviewProposals } from "../../model/doc/review-proposals.ts";
import { useApiServer } from "./api-suite.ts";
import { nextEvent, until } from "./helpers.ts";

const api = useApiServer();

const PROPOSAL = {
  regionId: "demo-region",
  amounts: { "demo-east": "600000.00", "demo-west": "400000.00" },
  note: "East renews two large accounts.",
  personId: "person-rita",
  name: "Rita",
  at: "2026-03-04T10:00:00.000Z",
};

function serverProposals(): ReviewProposals {
  return new ReviewProposals(api.serverDoc("demo.review"));
}

describe("quota proposals over the server", () => {
  test("editor sees a reviewer's proposal", async () => {
    const rita = await api.demoRooms("reviewer", "rita");
    const eve = await api.demoRooms("editor", "eve");
    const reviewerDoc = await rita.review();
    const editorDoc = await eve.review();

    const id = new ReviewProposals(reviewerDoc.doc).submit(PROPOSAL);

    const seen = new ReviewProposals(editorDoc.doc);
    await until(editorDoc.doc, () => seen.get(id) !== null);
    expect(seen.get(id)).toMatchObject({
      ...PROPOSAL,
      status: "pending",
      decision: null,
    });
    expect(serverProposals().get(id)?.amounts).toEqual(PROPOSAL.amounts);
    expect(api.server.storage.countUpdates("demo.review")).toBe(1);
  });

  test("reviewer sees the editor's decision", async () => {
    const rita = await api.demoRooms("reviewer", "rita");
    const eve = await api.demoRooms("editor", "eve");
    const reviewerDoc = await rita.review();
    const editorDoc = await eve.review();
    const id = new ReviewProposals(reviewerDoc.doc).submit(PROPOSAL);
    const editorView = new ReviewProposals(editorDoc.doc);
    await until(editorDoc.doc, () => editorView.get(id) !== null);

    editorView.decide(id, {
      status: "rejected",
      personId: "person-eve",
      name: "Eve",
      at: "2026-03-05T09:00:00.000Z",
      comment: "West carries the new hires.",
      before: null,
    });

    const reviewerView = new ReviewProposals(reviewerDoc.doc);
    await until(reviewerDoc.doc, () => reviewerView.get(id)?.decision != null);
    expect(reviewerView.get(id)?.status).toBe("rejected");
    expect(reviewerView.get(id)?.decision?.comment).toBe(
      "West carries the new hires.",
    );
  });

  test("reviewer plan write is dropped", async () => {
    const rita = await api.demoRooms("reviewer", "rita");
    const eve = await api.demoRooms("editor", "eve");
    const reviewerPlan = await rita.plan();
    const editorPlan = await eve.plan();
    const dropped = nextEvent(api.server.events, "update-dropped");

    // A reviewer's page that skipped the approval and wrote the plan itself.
    new PlanningDoc(reviewerPlan.doc).adjustments.set("demo-east", {
      amount: "600000.00",
    });
    expect(await dropped).toMatchObject({ room: "demo", role: "reviewer" });

    // Messages of one room are handled in order, so once the reviewer's
    // page receives this later edit, the dropped one would have arrived
    // before it.
    new PlanningDoc(editorPlan.doc).adjustments.set("demo-west", {
      amount: "400000.00",
    });
    const reviewerAdjustments = new PlanningDoc(reviewerPlan.doc).adjustments;
    await until(reviewerPlan.doc, () => reviewerAdjustments.has("demo-west"));

    expect(new PlanningDoc(editorPlan.doc).adjustments.has("demo-east")).toBe(
      false,
    );
    const live = api.server.rooms.get("demo")!.doc;
    expect(new PlanningDoc(live).adjustments.has("demo-east")).toBe(false);
    expect(new PlanningDoc(live).adjustments.get("demo-west")).toEqual({
      amount: "400000.00",
    });
  });

  test("viewer proposal is dropped", async () => {
    const vic = await api.demoRooms("viewer", "vic");
    const eve = await api.demoRooms("editor", "eve");
    const viewerDoc = await vic.review();
    const editorDoc = await eve.review();
    const dropped = nextEvent(api.server.events, "update-dropped");

    const id = new ReviewProposals(viewerDoc.doc).submit(PROPOSAL);
    expect(await dropped).toMatchObject({
      room: "demo.review",
      role: "viewer",
    });

    const editorView = new ReviewProposals(editorDoc.doc);
    const later = editorView.submit({ ...PROPOSAL, name: "Eve" });
    const viewerView = new ReviewProposals(viewerDoc.doc);
    await until(viewerDoc.doc, () => viewerView.get(later) !== null);

    expect(editorView.get(id)).toBeNull();
    expect(serverProposals().get(id)).toBeNull();
    expect(serverProposals().get(later)).not.toBeNull();
  });
});
