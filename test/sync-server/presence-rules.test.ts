import type { Awareness } from "y-protocols/awareness";
import { describe, expect, test } from "vitest";
import { MAX_AWARENESS_STATE_BYTES } from "../../sync-server/presence-rules.ts";
import {
  encodeAwareness,
  encodeAwarenessUpdate,
  MESSAGE_SYNC,
} from "../../sync-server/protocol.ts";
import { useApiServer } from "./api-suite.ts";
import { testToken, type RawClient, type TestClient } from "./helpers.ts";

// Presence rules of the sync server: a connection changes only its own
// awareness states, the server stamps who sent each state, and a state has
// a size limit.

const api = useApiServer();

type State = Record<string, unknown>;

/**
 * Resolves once `check` accepts the state `awareness` has for `clientId`.
 * It listens to "update", which y-protocols emits for a renewal with an
 * unchanged state too, where "change" would not fire.
 */
function untilState(
  awareness: Awareness,
  clientId: number,
  check: (state: State | undefined) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    const onUpdate = () => {
      if (!check(awareness.getStates().get(clientId))) return;
      awareness.off("update", onUpdate);
      resolve();
    };
    awareness.on("update", onUpdate);
    onUpdate();
  });
}

/** Resolves once the demo room on the server has a state for `clientId`. */
function untilRoomHas(clientId: number): Promise<void> {
  const has = () =>
    api.server.rooms.get("demo")?.awareness.getStates().has(clientId) === true;
  return new Promise((resolve) => {
    const check = () => {
      if (!has()) return;
      api.server.events.off("awareness-relayed", check);
      resolve();
    };
    api.server.events.on("awareness-relayed", check);
    check();
  });
}

/** Resolves once a room has `count` members, checking every 10 ms. */
async function untilMembers(members: Set<unknown>, count: number) {
  while (members.size !== count)
    await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Encodes an awareness message with one entry. */
function awarenessMessage(
  clientId: number,
  clock: number,
  state: State | null,
): Uint8Array {
  const json = JSON.stringify(state);
  return encodeAwareness(
    encodeAwarenessUpdate([{ clientId, clock, json, state }]),
  );
}

/** Opens a raw socket to the demo plan room and waits for its first message. */
async function openRaw(token: string): Promise<RawClient> {
  const raw = api.rawClient("demo", token);
  await raw.firstMessage;
  return raw;
}

/**
 * Sends sync step 1 and resolves with "open" once the server replies with
 * step 2, or with the close. The server handles a socket's messages in
 * order, so the reply shows that every earlier message was accepted.
 */
function probe(
  raw: RawClient,
): Promise<"open" | { code: number; reason: string }> {
  const answered = new Promise<"open">((resolve) => {
    const onMessage = (data: Buffer) => {
      if (data[0] !== MESSAGE_SYNC || data[1] !== 1) return;
      raw.ws.off("message", onMessage);
      resolve("open");
    };
    raw.ws.on("message", onMessage);
  });
  raw.ws.send(new Uint8Array([MESSAGE_SYNC, 0, 1, 0]));
  return Promise.race([answered, raw.closed]);
}

/** Returns a state shaped like the one web/plan/presence.svelte.ts sets. */
function pageState(id: string, name: string): State {
  return {
    user: { id, name, color: "#1f77b4" },
    pointer: { lng: -122.4194, lat: 37.7749 },
    selectedTerritory: "demo-west",
    earlierClientIds: [1234567890, 42],
    cell: "quota:demo-west:annual",
  };
}

/** Joins the demo plan as `name` and connects a synced client with a page-like state. */
async function joinWithState(
  role: "editor" | "viewer",
  name: string,
): Promise<{ client: TestClient; personId: string; token: string }> {
  const joined = await api.joinDemo(role, name);
  const client = await api.connectSynced("demo", joined.token);
  client.provider.awareness.setLocalState(pageState(joined.person.id, name));
  return { client, personId: joined.person.id, token: joined.token };
}

function userOf(state: State | undefined): State | undefined {
  return state?.user as State | undefined;
}

describe("presence rules", () => {
  test("spoofed client id closes with 1008", async () => {
    const ada = await joinWithState("editor", "Ada");
    const observer = await api.editor();
    const adaId = ada.client.doc.clientID;
    await untilState(
      observer.provider.awareness,
      adaId,
      (state) => userOf(state)?.name === "Ada",
    );
    const viewer = await api.joinDemo("viewer", "Vic");
    const raw = await openRaw(viewer.token);

    const adaClock = ada.client.provider.awareness.meta.get(adaId)!.clock;
    raw.ws.send(
      awarenessMessage(adaId, adaClock + 5, {
        user: { id: ada.personId, name: "Spoofed CEO", color: "#000000" },
      }),
    );
    const closed = await raw.closed;

    expect(closed.code).toBe(1008);
    expect(closed.reason).toBe(
      `Awareness client ${adaId} belongs to another person; send only your own presence state.`,
    );
    // Messages reach the observer in order, so once Ada's next pointer
    // arrives, a relayed spoof would have arrived before it.
    ada.client.provider.awareness.setLocalStateField("pointer", {
      lng: 1,
      lat: 2,
    });
    await untilState(
      observer.provider.awareness,
      adaId,
      (state) => (state?.pointer as { lng: number } | undefined)?.lng === 1,
    );
    const seen = observer.provider.awareness.getStates().get(adaId);
    expect(userOf(seen)?.name).toBe("Ada");
    expect(userOf(ada.client.provider.awareness.getLocalState()!)?.name).toBe(
      "Ada",
    );
    const onServer = api.server.rooms.get("demo")!.awareness.getStates();
    expect(userOf(onServer.get(adaId))?.name).toBe("Ada");
  });

  test("removing another's state closes with 1008", async () => {
    const ada = await joinWithState("editor", "Ada");
    const adaId = ada.client.doc.clientID;
    const room = api.server.rooms.get("demo")!;
    await untilRoomHas(adaId);
    const viewer = await api.joinDemo("viewer", "Vic");
    const raw = await openRaw(viewer.token);

    const clock = room.awareness.meta.get(adaId)!.clock;
    raw.ws.send(awarenessMessage(adaId, clock + 1, null));
    const closed = await raw.closed;

    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(`Awareness client ${adaId} belongs`);
    expect(room.awareness.getStates().has(adaId)).toBe(true);
  });

  test("departed client id stays its person's", async () => {
    const ada = await joinWithState("editor", "Ada");
    // The observer keeps the room loaded while Ada is away.
    await api.editor();
    const adaId = ada.client.doc.clientID;
    const room = api.server.rooms.get("demo")!;
    await untilRoomHas(adaId);
    ada.client.provider.disconnect();
    await untilMembers(room.members, 1);
    expect(room.awareness.getStates().has(adaId)).toBe(false);

    const viewer = await api.joinDemo("viewer", "Vic");
    const raw = await openRaw(viewer.token);
    const clock = room.awareness.meta.get(adaId)!.clock;
    raw.ws.send(
      awarenessMessage(adaId, clock + 10, { user: { name: "Spoofed CEO" } }),
    );
    const closed = await raw.closed;

    expect(closed.code).toBe(1008);
    expect(room.awareness.getStates().has(adaId)).toBe(false);

    // Ada's page reconnects and announces its state with a new clock.
    ada.client.provider.connect();
    await new Promise<void>((resolve) =>
      ada.client.provider.once("sync", () => resolve()),
    );
    const local = ada.client.provider.awareness.getLocalState()!;
    ada.client.provider.awareness.setLocalState({ ...local });
    await untilRoomHas(adaId);
    expect(userOf(room.awareness.getStates().get(adaId))?.name).toBe("Ada");
  });

  test("peer timeout removal is ignored", async () => {
    // A y-websocket client whose awareness timed out a peer sends the
    // removal at the clock it has, and must not be disconnected for it.
    const ada = await joinWithState("editor", "Ada");
    const adaId = ada.client.doc.clientID;
    const room = api.server.rooms.get("demo")!;
    await untilRoomHas(adaId);
    const viewer = await api.joinDemo("viewer", "Vic");
    const raw = await openRaw(viewer.token);

    const clock = room.awareness.meta.get(adaId)!.clock;
    raw.ws.send(awarenessMessage(adaId, clock, null));

    expect(await probe(raw)).toBe("open");
    expect(room.awareness.getStates().has(adaId)).toBe(true);
  });

  test("made-up person shows the sender's name", async () => {
    const vera = await api.joinDemo("viewer", "Vera");
    const observer = await api.editor();
    const raw = await openRaw(vera.token);

    raw.ws.send(
      awarenessMessage(777001, 1, {
        user: { id: "made-up", name: "Spoofed CEO".repeat(500), color: "#f00" },
        pointer: null,
      }),
    );
    await untilState(observer.provider.awareness, 777001, (state) =>
      Boolean(state),
    );

    expect(observer.provider.awareness.getStates().get(777001)).toEqual({
      user: { id: vera.person.id, name: "Vera", color: "#f00" },
      pointer: null,
    });
  });

  test("stamped name follows a rename", async () => {
    const vera = await api.joinDemo("viewer", "Vera");
    const observer = await api.editor();
    const raw = await openRaw(vera.token);
    const renamed = await api.call("PATCH", "/api/session", {
      token: vera.token,
      body: { name: "Vera Lynn" },
    });
    expect(renamed.status).toBe(200);

    // The socket's token still carries the old name.
    raw.ws.send(awarenessMessage(777002, 1, { user: { name: "Vera" } }));
    await untilState(observer.provider.awareness, 777002, (state) =>
      Boolean(state),
    );

    expect(userOf(observer.provider.awareness.getStates().get(777002))).toEqual(
      { name: "Vera Lynn", id: vera.person.id },
    );
  });

  test("person without a row gets the token name", async () => {
    const token = await testToken("editor", {
      sub: "person-no-row",
      name: "Token Name",
    });
    const observer = await api.editor();
    const raw = await openRaw(token);

    raw.ws.send(awarenessMessage(777003, 1, { user: { name: "Other" } }));
    await untilState(observer.provider.awareness, 777003, (state) =>
      Boolean(state),
    );

    expect(userOf(observer.provider.awareness.getStates().get(777003))).toEqual(
      { name: "Token Name", id: "person-no-row" },
    );
  });

  test("invite socket gets no user id", async () => {
    const token = await testToken("viewer", {
      kind: "invite",
      sub: "invite-presence",
      name: "",
    });
    const observer = await api.editor();
    const raw = await openRaw(token);

    raw.ws.send(
      awarenessMessage(777004, 1, {
        user: { id: "someone", name: "Someone", color: "#0f0" },
      }),
    );
    await untilState(observer.provider.awareness, 777004, (state) =>
      Boolean(state),
    );

    expect(userOf(observer.provider.awareness.getStates().get(777004))).toEqual(
      { name: "", color: "#0f0" },
    );
  });

  test("same-person reconnect keeps the client id", async () => {
    const pat = await api.joinDemo("editor", "Pat");
    const observer = await api.editor();
    const first = await openRaw(pat.token);
    const second = await openRaw(pat.token);
    const clientId = 777005;
    first.ws.send(
      awarenessMessage(clientId, 1, pageState(pat.person.id, "Pat")),
    );
    await untilState(observer.provider.awareness, clientId, (state) =>
      Boolean(state),
    );

    // The second socket takes the state over, as a reload does while the
    // first socket has not closed yet.
    const moved = {
      ...pageState(pat.person.id, "Pat"),
      selectedTerritory: null,
    };
    second.ws.send(awarenessMessage(clientId, 2, moved));
    await untilState(
      observer.provider.awareness,
      clientId,
      (state) => state?.selectedTerritory === null,
    );
    expect(await probe(second)).toBe("open");

    // Closing the first socket no longer removes the state.
    const removals: number[] = [];
    observer.provider.awareness.on(
      "update",
      ({ removed }: { removed: number[] }) => removals.push(...removed),
    );
    const room = api.server.rooms.get("demo")!;
    first.ws.close(1000);
    await first.closed;
    await untilMembers(room.members, 2);
    expect(room.awareness.getStates().has(clientId)).toBe(true);
    second.ws.send(
      awarenessMessage(clientId, 3, {
        ...moved,
        cell: "quota:demo-east:annual",
      }),
    );
    await untilState(
      observer.provider.awareness,
      clientId,
      (state) => state?.cell === "quota:demo-east:annual",
    );
    expect(removals).not.toContain(clientId);
  });

  test("oversized state closes with 1009", async () => {
    const pat = await api.joinDemo("editor", "Pat");
    const observer = await api.editor();
    const raw = await openRaw(pat.token);
    const state = {
      ...pageState(pat.person.id, "Pat"),
      note: "x".repeat(MAX_AWARENESS_STATE_BYTES),
    };
    const stampedBytes = Buffer.byteLength(JSON.stringify(state));

    raw.ws.send(awarenessMessage(777006, 1, state));
    const closed = await raw.closed;

    expect(closed.code).toBe(1009);
    expect(closed.reason).toBe(
      `Awareness state of client 777006 is ${stampedBytes} bytes of JSON; the limit is 8192 bytes.`,
    );
    expect(
      api.server.rooms.get("demo")!.awareness.getStates().has(777006),
    ).toBe(false);
    expect(observer.provider.awareness.getStates().has(777006)).toBe(false);
  });

  test("page state passes through stamped", async () => {
    const ada = await joinWithState("editor", "Ada");
    const observer = await api.editor();
    const adaId = ada.client.doc.clientID;
    const sent = pageState(ada.personId, "Ada");

    await untilState(observer.provider.awareness, adaId, (state) =>
      Boolean(state),
    );
    expect(observer.provider.awareness.getStates().get(adaId)).toEqual(sent);

    // A made-up name in the same state changes only the name.
    ada.client.provider.awareness.setLocalState({
      ...sent,
      user: { id: ada.personId, name: "Someone Else", color: "#1f77b4" },
    });
    await untilState(observer.provider.awareness, adaId, () => {
      const clock = observer.provider.awareness.meta.get(adaId)?.clock;
      return clock === ada.client.provider.awareness.meta.get(adaId)?.clock;
    });
    expect(observer.provider.awareness.getStates().get(adaId)).toEqual(sent);
    expect(ada.client.provider.awareness.getStates().get(adaId)).toEqual({
      ...sent,
      user: { id: ada.personId, name: "Someone Else", color: "#1f77b4" },
    });
  });
});
