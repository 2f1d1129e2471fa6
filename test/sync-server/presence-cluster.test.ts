import { beforeAll, describe, expect, test } from "vitest";
import type { Awareness } from "y-protocols/awareness";
import {
  encodeAwareness,
  encodeAwarenessUpdate,
} from "../../sync-server/protocol.ts";
import { useCluster, type ClusterNode } from "./cluster-helpers.ts";
import { rawClient, roomUrl, testToken, type RawClient } from "./helpers.ts";

// Presence rules across two nodes: a state that arrived through Redis
// belongs to the person it names, so that person may take its client id
// over on the other node, and no one else may.

const cluster = useCluster();
let nodeA: ClusterNode;
let nodeB: ClusterNode;

beforeAll(async () => {
  // One after the other, so that only one node creates the SQLite tables.
  nodeA = await cluster.startNode(86_400_000);
  nodeB = await cluster.startNode(86_400_000);
});

async function openRaw(node: ClusterNode, token: string): Promise<RawClient> {
  const raw = rawClient(roomUrl(node.server, "demo", token));
  cluster.cleanups.push(async () => raw.ws.terminate());
  await raw.firstMessage;
  return raw;
}

function awarenessMessage(
  clientId: number,
  clock: number,
  state: Record<string, unknown>,
): Uint8Array {
  const json = JSON.stringify(state);
  return encodeAwareness(
    encodeAwarenessUpdate([{ clientId, clock, json, state }]),
  );
}

/** Resolves once `awareness` has a state for `clientId` with `marker`. */
function untilMarker(
  awareness: Awareness,
  clientId: number,
  marker: string,
): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (awareness.getStates().get(clientId)?.marker !== marker) return;
      awareness.off("update", check);
      resolve();
    };
    awareness.on("update", check);
    check();
  });
}

describe("presence rules in a cluster", () => {
  test("same person takes a client id over on another node", async () => {
    const pat = await testToken("editor", { sub: "person-pat", name: "Pat" });
    const watcherA = await cluster.editor(nodeA);
    const watcherB = await cluster.editor(nodeB);
    const onA = await openRaw(nodeA, pat);
    const clientId = 888001;

    onA.ws.send(
      awarenessMessage(clientId, 1, {
        user: { id: "person-pat", name: "Pat" },
        marker: "first",
      }),
    );
    await untilMarker(watcherB.provider.awareness, clientId, "first");

    const onB = await openRaw(nodeB, pat);
    onB.ws.send(
      awarenessMessage(clientId, 2, {
        user: { id: "person-pat", name: "Pat" },
        marker: "moved",
      }),
    );
    await untilMarker(watcherA.provider.awareness, clientId, "moved");

    expect(watcherA.provider.awareness.getStates().get(clientId)).toEqual({
      user: { id: "person-pat", name: "Pat" },
      marker: "moved",
    });
    expect(onB.ws.readyState).toBe(onB.ws.OPEN);
  });

  test("other person on another node closes with 1008", async () => {
    const pat = await testToken("editor", { sub: "person-pat", name: "Pat" });
    const eve = await testToken("viewer", { sub: "person-eve", name: "Eve" });
    const watcherB = await cluster.editor(nodeB);
    const onA = await openRaw(nodeA, pat);
    const clientId = 888002;

    onA.ws.send(
      awarenessMessage(clientId, 1, {
        user: { id: "person-pat", name: "Pat" },
        marker: "pat",
      }),
    );
    await untilMarker(watcherB.provider.awareness, clientId, "pat");

    const onB = await openRaw(nodeB, eve);
    onB.ws.send(
      awarenessMessage(clientId, 2, {
        user: { id: "person-pat", name: "Pat" },
        marker: "spoofed",
      }),
    );
    const closed = await onB.closed;

    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(`Awareness client ${clientId} belongs`);
    const state = nodeB.server.rooms
      .get("demo")!
      .awareness.getStates()
      .get(clientId);
    expect(state?.marker).toBe("pat");
  });
});
