import { afterEach, beforeEach, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import {
  ReviewComments,
  type NewComment,
} from "../../model/doc/review-comments.ts";
import type { Anchor } from "../../model/review/anchor.ts";
import type { Role } from "../../sync-server/roles.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  nextEvent,
  serverPlan,
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
  const live = server.rooms.get("demo.review");
  if (!live) throw new Error("Room demo.review is not loaded on the server.");
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live.doc));
  return new ReviewComments(copy);
}

describe("review comments over the server", () => {
  test("editor sees a reviewer's comment", async () => {
    const rita = await person("reviewer", "rita");
    const eve = await person("editor", "eve");
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
    const rita = await person("reviewer", "rita");
    const eve = await person("editor", "eve");
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
    const rita = await person("reviewer", "rita");
    const eve = await person("editor", "eve");
    const reviewerPlan = await rita.plan();
    const editorPlan = await eve.plan();
    const dropped = nextEvent(server.events, "update-dropped");

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
    expect(serverPlan(server).territoryOf(COUNTY.id)).toBe("demo-east");
    expect(serverPlan(server).territoryOf("01003")).toBe("demo-west");
  });

  test("viewer comment is dropped", async () => {
    const vic = await person("viewer", "vic");
    const eve = await person("editor", "eve");
    const viewerDoc = await vic.review();
    const editorDoc = await eve.review();
    const dropped = nextEvent(server.events, "update-dropped");

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
