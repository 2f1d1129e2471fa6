import { afterEach, beforeEach, describe, expect, test } from "vitest";
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

async function join(role: Role, room = "demo"): Promise<TestClient> {
  const client = connectClient(server, room, await testToken(role));
  clients.push(client);
  await synced(client);
  return client;
}

describe("roles", () => {
  test.each<Role>(["viewer", "reviewer"])(
    "%s plan update is dropped",
    async (role) => {
      const reader = await join(role);
      const editor = await join("editor");
      const observer = await join("editor");
      const dropped = nextEvent(server.events, "update-dropped");

      reader.plan.assign(["01009"], "demo-west");
      expect(await dropped).toMatchObject({ room: "demo", role });

      // Messages of one room are handled in order, so once the observer
      // sees this later edit, the dropped one would have arrived before it.
      editor.plan.assign(["01011"], "demo-east");
      await until(
        observer.doc,
        () => observer.plan.territoryOf("01011") === "demo-east",
      );
      await until(
        reader.doc,
        () => reader.plan.territoryOf("01011") === "demo-east",
      );

      expect(observer.plan.territoryOf("01009")).toBeNull();
      expect(serverPlan(server).territoryOf("01009")).toBeNull();
      expect(serverPlan(server).territoryOf("01011")).toBe("demo-east");
      expect(server.storage.countUpdates("demo")).toBe(2);
      expect(reader.provider.wsconnected).toBe(true);
    },
  );

  test("reviewer writes the review document", async () => {
    const reviewer = await join("reviewer", "demo.review");
    const viewer = await join("viewer", "demo.review");
    const stored = nextEvent(server.events, "update-stored");

    reviewer.doc.getMap("comments").set("c1", "Split the West?");

    expect(await stored).toMatchObject({ room: "demo.review", seq: 1 });
    await until(
      viewer.doc,
      () => viewer.doc.getMap("comments").get("c1") === "Split the West?",
    );
    expect(server.storage.countUpdates("demo.review")).toBe(1);
  });

  test("viewer review update is dropped", async () => {
    const viewer = await join("viewer", "demo.review");
    const reviewer = await join("reviewer", "demo.review");
    const dropped = nextEvent(server.events, "update-dropped");

    viewer.doc.getMap("comments").set("c1", "from a viewer");
    expect(await dropped).toMatchObject({
      room: "demo.review",
      role: "viewer",
    });

    reviewer.doc.getMap("comments").set("c2", "from a reviewer");
    await until(
      viewer.doc,
      () => viewer.doc.getMap("comments").get("c2") === "from a reviewer",
    );
    expect(
      server.rooms.get("demo.review")!.doc.getMap("comments").has("c1"),
    ).toBe(false);
    expect(server.storage.countUpdates("demo.review")).toBe(1);
  });

  test("viewer awareness is relayed", async () => {
    const viewer = await join("viewer");
    const editor = await join("editor");

    viewer.provider.awareness.setLocalStateField("cursor", { unit: "01001" });

    await new Promise<void>((resolve) => {
      const check = () => {
        const state = editor.provider.awareness
          .getStates()
          .get(viewer.doc.clientID);
        if (state?.cursor?.unit === "01001") resolve();
      };
      check();
      editor.provider.awareness.on("change", check);
    });
  });
});
