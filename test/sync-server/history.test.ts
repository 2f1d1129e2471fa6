import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { setOverride } from "../../model/doc/account-overrides.ts";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { PlanningDoc } from "../../model/doc/planning-doc.ts";
import { readSentUpdates } from "../../sync-server/history/sent-updates.ts";
import { useApiServer } from "./api-suite.ts";
import {
  connectClient,
  serverPlan,
  synced,
  until,
  untilServer,
  type TestClient,
} from "./helpers.ts";
import type { JoinReply, Reply } from "./plan-api.ts";

const api = useApiServer();

type Member = JoinReply;

/**
 * Creates an empty plan as Ada, then lets each further name join it with
 * an invite of its role, so the history holds only the test's edits.
 */
async function newPlan(
  others: { name: string; role: "editor" | "reviewer" | "viewer" }[],
): Promise<{ planId: string; ada: Member; people: Map<string, Member> }> {
  const demoAda = await api.joinDemo("editor", "Ada");
  const created = await api.call("POST", "/api/plans", {
    token: demoAda.token,
    body: { name: "History plan" },
  });
  expect(created.status).toBe(201);
  const planId: string = created.body.planId;
  const ada: Member = {
    token: created.body.token,
    person: demoAda.person,
  };

  const people = new Map<string, Member>();
  for (const { name, role } of others) {
    const invite = await api.call("POST", `/api/plans/${planId}/invites`, {
      token: ada.token,
      body: { role, days: 1 },
    });
    expect(invite.status).toBe(201);
    people.set(name, await api.joinWithInvite(invite.body.url, name));
  }
  return { planId, ada, people };
}

/** Connects a stock client and waits until the server registered its client id. */
async function connect(
  planId: string,
  member: Member,
  doc = new Y.Doc(),
): Promise<TestClient> {
  const registered = registration(planId, doc.clientID);
  const client = api.track(
    connectClient(api.server, planId, member.token, doc),
  );
  announce(client, member);
  await synced(client);
  expect(await registered).toBe(member.person.id);
  return client;
}

/**
 * Sets the awareness state as the web page does. y-protocols ignores a
 * state with clock 0, so a client that never sets one is never registered.
 */
function announce(client: TestClient, member: Member): void {
  client.provider.awareness.setLocalState({
    user: { id: member.person.id, name: member.person.name },
  });
}

/** Resolves with the person registered to `clientId` once there is one. */
function registration(planId: string, clientId: number): Promise<string> {
  const read = () => api.server.storage.clientIds.read(planId).get(clientId);
  return new Promise((resolve) => {
    const check = () => {
      const personId = read();
      if (personId === undefined) return;
      api.server.events.off("awareness-relayed", check);
      resolve(personId);
    };
    api.server.events.on("awareness-relayed", check);
    check();
  });
}

async function history(
  planId: string,
  token: string,
  kind: string,
  id: string,
): Promise<Reply> {
  const query = `kind=${kind}&id=${encodeURIComponent(id)}`;
  return api.call("GET", `/api/plans/${planId}/history?${query}`, { token });
}

function newTerritory(client: TestClient, name: string, color: string) {
  return client.plan.createTerritory({
    name,
    color,
    parentId: null,
    ownerId: null,
    locked: false,
    kind: "territory",
  });
}

describe("object history", () => {
  test("concurrent edits credited to each editor", async () => {
    const { planId, ada, people } = await newPlan([
      { name: "Ben", role: "editor" },
      { name: "Cleo", role: "editor" },
    ]);
    const ben = people.get("Ben")!;
    const cleo = people.get("Cleo")!;
    const adaClient = await connect(planId, ada);
    const benClient = await connect(planId, ben);
    const cleoClient = await connect(planId, cleo);

    const east = newTerritory(adaClient, "East", "#1f77b4");
    const west = newTerritory(adaClient, "West", "#d62728");
    await until(
      benClient.doc,
      () => benClient.plan.readTerritory(west) !== null,
    );
    await until(
      cleoClient.doc,
      () => cleoClient.plan.readTerritory(west) !== null,
    );

    // Given three editors who paint in the same tick, two of them one county.
    adaClient.plan.assign(["06037"], east);
    benClient.plan.assign(["06059"], west);
    cleoClient.plan.assign(["06073"], east);
    adaClient.plan.assign(["06001"], east);
    benClient.plan.assign(["06001"], west);
    cleoClient.plan.updateTerritory(west, { name: "West Coast" });
    new PlanningDoc(benClient.doc).adjustments.set("quota-1", {
      amount: "1200.00",
    });
    setOverride(
      cleoClient.plan,
      {
        accountId: "acct-1",
        territoryId: east,
        effectiveFrom: "2026-01-01",
        effectiveTo: null,
      },
      null,
    );

    // The server stores every edit first. Each client has settled once its
    // state vector equals the server's, whatever order the updates came in.
    await untilServer(
      api.server,
      planId,
      (plan) =>
        plan.territoryOf("06037") === east &&
        plan.territoryOf("06059") === west &&
        plan.territoryOf("06073") === east &&
        plan.territoryOf("06001") !== null &&
        plan.readTerritory(west)?.name === "West Coast" &&
        plan.readOverrides().length === 1 &&
        new PlanningDoc(plan.doc).adjustments.has("quota-1"),
    );
    const serverDoc = api.server.rooms.get(planId)!.doc;
    for (const client of [adaClient, benClient, cleoClient]) {
      await until(client.doc, () => sameStateVector(client.doc, serverDoc));
      expect(client.plan.territoryOf("06001")).toBe(
        serverPlan(api.server, planId).territoryOf("06001"),
      );
    }

    // Then each change is credited to the editor who made it.
    const single = [
      { id: "06037", to: east, toName: "East", name: "Ada" },
      { id: "06059", to: west, toName: "West", name: "Ben" },
      { id: "06073", to: east, toName: "East", name: "Cleo" },
    ];
    for (const expected of single) {
      const reply = await history(planId, ada.token, "county", expected.id);
      expect(reply.status).toBe(200);
      expect(reply.body.changes).toHaveLength(1);
      const [change] = reply.body.changes;
      expect(change.object).toBe(`county:${expected.id}`);
      expect(change.from).toBeNull();
      expect(change.to).toBe(expected.to);
      expect(change.attribution).toBe("client");
      expect(change.personName).toBe(expected.name);
      expect(change.sentByName).toBe(expected.name);
    }

    // The same county: every recorded value is credited to its painter, and
    // the last one is the value that won on every replica.
    const contested = await history(planId, ada.token, "county", "06001");
    const painters = new Map([
      [east, ada.person.id],
      [west, ben.person.id],
    ]);
    expect(contested.body.changes.length).toBeGreaterThanOrEqual(1);
    for (const change of contested.body.changes) {
      expect(change.attribution).toBe("client");
      expect(change.personId).toBe(painters.get(change.to));
    }
    expect(contested.body.changes.at(-1).to).toBe(
      adaClient.plan.territoryOf("06001"),
    );

    const renamed = await history(planId, ada.token, "territory", west);
    const names = renamed.body.changes.filter(
      (change: { field: string }) => change.field === "name",
    );
    expect(names.map((change: { to: string }) => change.to)).toEqual([
      "West",
      "West Coast",
    ]);
    expect(names.map((c: { personName: string }) => c.personName)).toEqual([
      "Ada",
      "Cleo",
    ]);

    const quota = await history(planId, ada.token, "quota", "quota-1");
    expect(quota.body.changes).toHaveLength(1);
    expect(quota.body.changes[0].to).toBe("amount 1200.00");
    expect(quota.body.changes[0].personName).toBe("Ben");

    const account = await history(planId, ada.token, "account", "acct-1");
    const fields = account.body.changes.map(
      (change: { field: string; to: string; personName: string }) => [
        change.field,
        change.to,
        change.personName,
      ],
    );
    expect(fields).toEqual([
      ["territoryId", east, "Cleo"],
      ["effectiveFrom", "2026-01-01", "Cleo"],
    ]);
    expect(account.body.changes[0].toName).toBe("East");
  });

  test("deletion is credited to its sender", async () => {
    const { planId, ada, people } = await newPlan([
      { name: "Ben", role: "editor" },
    ]);
    const adaClient = await connect(planId, ada);
    const benClient = await connect(planId, people.get("Ben")!);
    const east = newTerritory(adaClient, "East", "#1f77b4");
    adaClient.plan.assign(["06037"], east);
    await until(
      benClient.doc,
      () => benClient.plan.territoryOf("06037") === east,
    );

    benClient.plan.assign(["06037"], null);
    await untilServer(
      api.server,
      planId,
      (plan) => plan.territoryOf("06037") === null,
    );

    const reply = await history(planId, ada.token, "county", "06037");
    const last = reply.body.changes.at(-1);
    expect(last.from).toBe(east);
    expect(last.to).toBeNull();
    expect(last.clientId).toBeNull();
    expect(last.attribution).toBe("sender");
    expect(last.personName).toBe("Ben");
  });

  test("relayed offline edit is not credited to relay", async () => {
    const { planId, ada, people } = await newPlan([
      { name: "Ben", role: "editor" },
      { name: "Cleo", role: "editor" },
    ]);
    const cleo = people.get("Cleo")!;
    const benClient = await connect(planId, people.get("Ben")!);
    const east = newTerritory(benClient, "East", "#1f77b4");
    await untilServer(
      api.server,
      planId,
      (plan) => plan.readTerritory(east) !== null,
    );
    const base = Y.encodeStateAsUpdate(benClient.doc);

    // Given Ada's offline edit, which reaches Cleo's document before Cleo
    // connects; Ada's own client never connected.
    const adaDoc = new Y.Doc();
    Y.applyUpdate(adaDoc, base);
    const adaBefore = Y.encodeStateVector(adaDoc);
    new PlanDoc(adaDoc).assign(["06037"], east);
    const adaEdit = Y.encodeStateAsUpdate(adaDoc, adaBefore);
    const cleoDoc = new Y.Doc();
    Y.applyUpdate(cleoDoc, base);
    Y.applyUpdate(cleoDoc, adaEdit);

    // When Cleo connects and sends it.
    const cleoClient = await connect(planId, cleo, cleoDoc);
    await untilServer(
      api.server,
      planId,
      (plan) => plan.territoryOf("06037") === east,
    );

    // Then the change is unattributed, sent by Cleo.
    const relayed = await history(planId, ada.token, "county", "06037");
    expect(relayed.body.changes).toHaveLength(1);
    const [change] = relayed.body.changes;
    expect(change.clientId).toBe(adaDoc.clientID);
    expect(change.attribution).toBe("unattributed");
    expect(change.personId).toBeNull();
    expect(change.sentBy).toBe(cleo.person.id);
    expect(change.sentByName).toBe("Cleo");
    expect(api.server.storage.clientIds.read(planId).has(adaDoc.clientID)).toBe(
      false,
    );
    expect(
      api.server.storage.clientIds.read(planId).get(cleoDoc.clientID),
    ).toBe(cleo.person.id);

    // And once Ada connects and registers her client id, it is hers.
    await connect(planId, ada, adaDoc);
    const credited = await history(planId, cleo.token, "county", "06037");
    expect(credited.body.changes).toHaveLength(1);
    expect(credited.body.changes[0].attribution).toBe("client");
    expect(credited.body.changes[0].personName).toBe("Ada");
    expect(credited.body.changes[0].sentByName).toBe("Cleo");
    expect(cleoClient.plan.territoryOf("06037")).toBe(east);
  });

  test("earlier client ids register when unclaimed", async () => {
    const { planId, ada, people } = await newPlan([
      { name: "Ben", role: "editor" },
    ]);
    const ben = people.get("Ben")!;
    const benClient = await connect(planId, ben);
    const adaClient = await connect(planId, ada);
    const unclaimed = 424242;
    const registered = registration(planId, unclaimed);

    // Ada's page lists Ben's client id and an unclaimed one as her own.
    adaClient.provider.awareness.setLocalStateField("earlierClientIds", [
      benClient.doc.clientID,
      unclaimed,
      "not-an-id",
    ]);

    expect(await registered).toBe(ada.person.id);
    const owners = api.server.storage.clientIds.read(planId);
    expect(owners.get(benClient.doc.clientID)).toBe(ben.person.id);
    expect(owners.size).toBe(3);
  });

  test("read-only connection registers nothing", async () => {
    const { planId, people } = await newPlan([
      { name: "Vera", role: "viewer" },
    ]);
    const vera = people.get("Vera")!;
    const viewer = api.connect(planId, vera.token);
    announce(viewer, vera);
    const relayed = new Promise<void>((resolve) =>
      api.server.events.once("awareness-relayed", () => resolve()),
    );
    await synced(viewer);
    await relayed;
    expect(api.server.storage.clientIds.read(planId).size).toBe(0);
  });

  test("history survives server restart", async () => {
    const { planId, ada } = await newPlan([]);
    const adaClient = await connect(planId, ada);
    const east = newTerritory(adaClient, "East", "#1f77b4");
    adaClient.plan.assign(["06037"], east);
    await untilServer(
      api.server,
      planId,
      (plan) => plan.territoryOf("06037") === east,
    );
    const before = await history(planId, ada.token, "county", "06037");
    expect(before.body.changes).toHaveLength(1);

    api.destroyClients();
    await api.restart();

    const after = await history(planId, ada.token, "county", "06037");
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    expect(after.body.changes[0].personName).toBe("Ada");

    // A later edit appends to the replayed history.
    const again = await connect(planId, ada);
    again.plan.assign(["06037"], null);
    await untilServer(
      api.server,
      planId,
      (plan) => plan.territoryOf("06037") === null,
    );
    const extended = await history(planId, ada.token, "county", "06037");
    expect(extended.body.changes).toHaveLength(2);
    expect(extended.body.changes[0]).toEqual(before.body.changes[0]);
  });
});

describe("audit csv", () => {
  test("audit.csv lists every change exactly", async () => {
    const { planId, ada, people } = await newPlan([
      { name: "Ben", role: "editor" },
      { name: "Rey", role: "reviewer" },
    ]);
    const adaClient = await connect(planId, ada);
    const benClient = await connect(planId, people.get("Ben")!);
    const east = adaClient.plan.createTerritory({
      id: "t-east",
      name: "East",
      color: "#1f77b4",
      parentId: null,
      ownerId: null,
      locked: false,
      kind: "territory",
    });
    await until(
      benClient.doc,
      () => benClient.plan.readTerritory(east) !== null,
    );
    benClient.plan.assign(["06037"], east);
    await until(
      adaClient.doc,
      () => adaClient.plan.territoryOf("06037") === east,
    );
    adaClient.plan.updateTerritory(east, { name: 'East, "Coast"' });
    await untilServer(
      api.server,
      planId,
      (plan) => plan.readTerritory(east)?.name === 'East, "Coast"',
    );

    const response = await fetch(
      `${api.server.url}/api/plans/${planId}/audit.csv`,
      {
        headers: { authorization: `Bearer ${people.get("Rey")!.token}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "text/csv; charset=utf-8",
    );
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="${planId}-audit.csv"`,
    );

    // Times are the server's store times of the three updates, in order.
    const times = readSentUpdates(api.server.storage, planId, 0)
      .filter((update) => update.personId !== null)
      .map((update) => new Date(update.createdAt).toISOString());
    expect(times).toHaveLength(3);
    const [created, painted, renamed] = times;
    expect(await response.text()).toBe(
      [
        "user,time,object,from,to",
        `Ada,${created},territory:t-east.name,,East`,
        `Ada,${created},territory:t-east.color,,#1f77b4`,
        `Ada,${created},territory:t-east.locked,,false`,
        `Ben,${painted},county:06037,,t-east`,
        `Ada,${renamed},territory:t-east.name,East,"East, ""Coast"""`,
        "",
      ].join("\r\n"),
    );
  });

  test("viewer reads history but not audit", async () => {
    const { planId, ada, people } = await newPlan([
      { name: "Vera", role: "viewer" },
    ]);
    const adaClient = await connect(planId, ada);
    const east = newTerritory(adaClient, "East", "#1f77b4");
    adaClient.plan.assign(["06037"], east);
    await untilServer(
      api.server,
      planId,
      (plan) => plan.territoryOf("06037") === east,
    );
    const vera = people.get("Vera")!;

    const audit = await api.call("GET", `/api/plans/${planId}/audit.csv`, {
      token: vera.token,
    });
    expect(audit.status).toBe(403);
    expect(audit.body.error.code).toBe("EDITOR_OR_REVIEWER_REQUIRED");

    const read = await history(planId, vera.token, "county", "06037");
    expect(read.status).toBe(200);
    expect(read.body.changes[0].personName).toBe("Ada");
  });

  test("bad history query is rejected", async () => {
    const { planId, ada } = await newPlan([]);
    const cases = [
      { query: "kind=region&id=x", code: "HISTORY_KIND_INVALID" },
      { query: "id=x", code: "HISTORY_KIND_INVALID" },
      { query: "kind=county", code: "HISTORY_ID_INVALID" },
      {
        query: `kind=county&id=${"x".repeat(201)}`,
        code: "HISTORY_ID_INVALID",
      },
    ];
    for (const { query, code } of cases) {
      const reply = await api.call(
        "GET",
        `/api/plans/${planId}/history?${query}`,
        {
          token: ada.token,
        },
      );
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.code, query).toBe(code);
    }
  });
});

function sameStateVector(a: Y.Doc, b: Y.Doc): boolean {
  const left = Y.decodeStateVector(Y.encodeStateVector(a));
  const right = Y.decodeStateVector(Y.encodeStateVector(b));
  if (left.size !== right.size) return false;
  for (const [client, clock] of left) {
    if (right.get(client) !== clock) return false;
  }
  return true;
}
