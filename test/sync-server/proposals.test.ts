import { afterEach, beforeEach, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { PlanningDoc } from "../../model/doc/planning-doc.ts";
import { ReviewProposals } from "../../model/doc/review-proposals.ts";
import type { Role } from "../../sync-server/roles.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  nextEvent,
  startTestServer,
  synced,
  testToken,
  until,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

let fixture: Fixture;
let server: RunningServer;
const clients: TestClient[] = [];

beforeEach(async () => {
  fixture = createFixture();
  server = await startTestServer(fixture);
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
  fixture.remove();
});

// Both rooms of one person use the same token, as the web app does.
async function join(room: string, token: string): Promise<TestClient> {
  const client = connectClient(server, room, token);
  clients.push(client);
  await synced(client);
  return client;
}

async function person(role: Role, name: string) {
  const token = await testToken(role, { sub: `person-${name}`, name });
  return {
    plan: () => join("demo", token),
    review: () => join("demo.review", token),
  };
}

const PROPOSAL = {
  regionId: "demo-region",
  amounts: { "demo-east": "600000.00", "demo-west": "400000.00" },
  note: "East renews two large accounts.",
  personId: "person-rita",
  name: "Rita",
  at: "2026-03-04T10:00:00.000Z",
};

function serverProposals(): ReviewProposals {
  const live = server.rooms.get("demo.review");
  if (!live) throw new Error("Room demo.review is not loaded on the server.");
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live.doc));
  return new ReviewProposals(copy);
}

describe("quota proposals over the server", () => {
  test("editor sees a reviewer's proposal", async () => {
    const rita = await person("reviewer", "rita");
    const eve = await person("editor", "eve");
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
    expect(server.storage.countUpdates("demo.review")).toBe(1);
  });

  test("reviewer sees the editor's decision", async () => {
    const rita = await person("reviewer", "rita");
    const eve = await person("editor", "eve");
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
    const rita = await person("reviewer", "rita");
    const eve = await person("editor", "eve");
    const reviewerPlan = await rita.plan();
    const editorPlan = await eve.plan();
    const dropped = nextEvent(server.events, "update-dropped");

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
    const live = server.rooms.get("demo")!.doc;
    expect(new PlanningDoc(live).adjustments.has("demo-east")).toBe(false);
    expect(new PlanningDoc(live).adjustments.get("demo-west")).toEqual({
      amount: "400000.00",
    });
  });

  test("viewer proposal is dropped", async () => {
    const vic = await person("viewer", "vic");
    const eve = await person("editor", "eve");
    const viewerDoc = await vic.review();
    const editorDoc = await eve.review();
    const dropped = nextEvent(server.events, "update-dropped");

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
