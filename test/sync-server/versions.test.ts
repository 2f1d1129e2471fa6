import { describe, expect, test } from "vitest";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { createPlan } from "../../sync-server/plans.ts";
import { useApiServer } from "./api-suite.ts";
import { untilServer } from "./helpers.ts";
import { fetchStateDoc } from "./plan-api.ts";

const api = useApiServer({ startEachTest: false });

/** Fetches a version's state and rebuilds it in a fresh document. */
async function fetchVersionPlan(
  token: string,
  versionId: string,
): Promise<PlanDoc> {
  return new PlanDoc(
    await fetchStateDoc(
      api.server,
      token,
      `/api/plans/demo/versions/${versionId}/state`,
    ),
  );
}

async function untilSnapshotAfter(seq: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (api.server.storage.loadRoom("demo").snapshotSeq <= seq) {
    if (Date.now() > deadline) {
      throw new Error(`No snapshot of room demo after seq ${seq} within 10 s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("plan versions", () => {
  test("version rebuilds plan after later edits", async () => {
    await api.start();
    const ada = await api.joinDemo("editor", "Ada");
    const writer = await api.connectSynced("demo", ada.token);
    writer.plan.assign(["01009"], "demo-west");
    const north = writer.plan.createTerritory({
      name: "North",
      color: "#2ca02c",
      parentId: null,
      ownerId: null,
      locked: false,
      kind: "territory",
    });
    await untilServer(api.server, "demo", (plan) =>
      plan.readTerritories().some((territory) => territory.id === north),
    );
    const saved = writer.plan.snapshot();

    const created = await api.call("POST", "/api/plans/demo/versions", {
      token: ada.token,
      body: { name: "Before the East split", note: "Draft for review" },
    });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe("Before the East split");
    expect(created.body.note).toBe("Draft for review");
    expect(created.body.createdBy).toBe(ada.person.id);
    expect(created.body.seq).toBe(api.server.storage.countUpdates("demo"));

    writer.plan.assign(["01009"], "demo-east");
    writer.plan.deleteTerritory(north);
    await untilServer(
      api.server,
      "demo",
      (plan) => plan.territoryOf("01009") === "demo-east",
    );
    expect(writer.plan.snapshot()).not.toEqual(saved);

    const rebuilt = await fetchVersionPlan(ada.token, created.body.id);
    expect(rebuilt.readTerritories()).toEqual(saved.territories);
    expect(rebuilt.readAssignments()).toEqual(saved.assignments);
    expect(rebuilt.snapshot()).toEqual(saved);
  });

  test("version starts from an earlier snapshot", async () => {
    await api.start({ compactAfterUpdates: 2 });
    const ada = await api.joinDemo("editor", "Ada");
    const writer = await api.connectSynced("demo", ada.token);
    for (const unit of ["01009", "01011", "01013"])
      writer.plan.assign([unit], "demo-west");
    await untilServer(
      api.server,
      "demo",
      (plan) => plan.territoryOf("01013") === "demo-west",
    );
    // A due snapshot is written once the room is idle, so wait for it.
    await untilSnapshotAfter(0);
    const saved = writer.plan.snapshot();
    const created = await api.call("POST", "/api/plans/demo/versions", {
      token: ada.token,
      body: { name: "Three units west" },
    });
    expect(created.status).toBe(201);
    expect(created.body.note).toBe("");

    for (const unit of ["01009", "01011", "01013", "01015"])
      writer.plan.assign([unit], "demo-east");
    await untilServer(
      api.server,
      "demo",
      (plan) => plan.territoryOf("01015") === "demo-east",
    );
    // Snapshots exist both before and after the version's seq, so the
    // rebuild must pick the earlier one and replay only up to the version.
    await untilSnapshotAfter(created.body.seq);
    expect(api.server.storage.loadRoom("demo").snapshotSeq).toBeGreaterThan(
      created.body.seq,
    );
    expect(
      api.server.storage.versions.readStateAt("demo", created.body.seq)
        .snapshot,
    ).not.toBeNull();

    const rebuilt = await fetchVersionPlan(ada.token, created.body.id);
    expect(rebuilt.snapshot()).toEqual(saved);
  });

  test("version survives server restart", async () => {
    await api.start();
    const ada = await api.joinDemo("editor", "Ada");
    const writer = await api.connectSynced("demo", ada.token);
    writer.plan.assign(["01009"], "demo-west");
    await untilServer(
      api.server,
      "demo",
      (plan) => plan.territoryOf("01009") === "demo-west",
    );
    const saved = writer.plan.snapshot();
    const created = await api.call("POST", "/api/plans/demo/versions", {
      token: ada.token,
      body: { name: "Kept across restarts" },
    });
    expect(created.status).toBe(201);
    writer.plan.assign(["01009"], "demo-east");
    await untilServer(
      api.server,
      "demo",
      (plan) => plan.territoryOf("01009") === "demo-east",
    );
    api.destroyClients();
    await api.restart();
    const listed = await api.call("GET", "/api/plans/demo/versions", {
      token: ada.token,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.versions).toEqual([created.body]);
    const rebuilt = await fetchVersionPlan(ada.token, created.body.id);
    expect(rebuilt.snapshot()).toEqual(saved);
  });

  test.each(["reviewer", "viewer"] as const)(
    "%s lists and reads but cannot save",
    async (role) => {
      await api.start();
      const ada = await api.joinDemo("editor", "Ada");
      const reader = await api.joinDemo(role, "Rey");
      const first = await api.call("POST", "/api/plans/demo/versions", {
        token: ada.token,
        body: { name: "First" },
      });
      const second = await api.call("POST", "/api/plans/demo/versions", {
        token: ada.token,
        body: { name: "Second" },
      });
      expect(second.status).toBe(201);

      const rejected = await api.call("POST", "/api/plans/demo/versions", {
        token: reader.token,
        body: { name: "Mine" },
      });
      expect(rejected.status).toBe(403);
      expect(rejected.body.error.code).toBe("EDITOR_REQUIRED");

      const listed = await api.call("GET", "/api/plans/demo/versions", {
        token: reader.token,
      });
      expect(listed.status).toBe(200);
      expect(
        listed.body.versions.map((version: { name: string }) => version.name),
      ).toEqual(["Second", "First"]);
      expect(listed.body.versions[0].createdByName).toBe("Ada");

      const rebuilt = await fetchVersionPlan(reader.token, first.body.id);
      expect(rebuilt.territoryOf("01009")).toBeNull();
    },
  );

  test("bad name or note is rejected", async () => {
    await api.start();
    const ada = await api.joinDemo("editor", "Ada");
    const cases: { body: unknown; code: string; mentions: string }[] = [
      { body: {}, code: "VERSION_NAME_INVALID", mentions: "null" },
      { body: { name: 7 }, code: "VERSION_NAME_INVALID", mentions: "7" },
      { body: { name: "   " }, code: "VERSION_NAME_INVALID", mentions: '""' },
      {
        body: { name: "x".repeat(81) },
        code: "VERSION_NAME_INVALID",
        mentions: "81 characters",
      },
      {
        body: { name: "a\u0000b\nc" },
        code: "VERSION_NAME_INVALID",
        mentions: '"a\\u0000b\\nc"',
      },
      {
        body: { name: "Q1\tdraft" },
        code: "VERSION_NAME_INVALID",
        mentions: "control character",
      },
      {
        body: { name: "\u{1F30E}".repeat(41) },
        code: "VERSION_NAME_INVALID",
        mentions: "82 characters",
      },
      {
        body: { name: "Ok", note: "line one\nline\u0007two" },
        code: "VERSION_NOTE_INVALID",
        mentions: '"\\u0007" at position 13',
      },
      {
        body: { name: "Ok", note: 5 },
        code: "VERSION_NOTE_INVALID",
        mentions: "5",
      },
      {
        body: { name: "Ok", note: "n".repeat(2001) },
        code: "VERSION_NOTE_INVALID",
        mentions: "2001 characters",
      },
    ];
    for (const { body, code, mentions } of cases) {
      const reply = await api.call("POST", "/api/plans/demo/versions", {
        token: ada.token,
        body,
      });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code).toBe(code);
      expect(reply.body.error.message).toContain(mentions);
    }

    const atLimits = await api.call("POST", "/api/plans/demo/versions", {
      token: ada.token,
      body: { name: "x".repeat(80), note: "n".repeat(2000) },
    });
    expect(atLimits.status).toBe(201);
    const emojiAtLimit = await api.call("POST", "/api/plans/demo/versions", {
      token: ada.token,
      body: { name: "\u{1F30E}".repeat(40) },
    });
    expect(emojiAtLimit.status).toBe(201);
    const lineBreaks = await api.call("POST", "/api/plans/demo/versions", {
      token: ada.token,
      body: { name: "Ok", note: "line one\r\nline two\nline three" },
    });
    expect(lineBreaks.status).toBe(201);
    expect(lineBreaks.body.note).toBe("line one\r\nline two\nline three");
    const listed = await api.call("GET", "/api/plans/demo/versions", {
      token: ada.token,
    });
    expect(listed.body.versions).toHaveLength(3);
  });

  test("unknown version is not found", async () => {
    await api.start();
    const ada = await api.joinDemo("editor", "Ada");
    const reply = await api.call("GET", "/api/plans/demo/versions/nope/state", {
      token: ada.token,
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("VERSION_NOT_FOUND");
    expect(reply.body.error.message).toContain('"nope"');
  });

  test("another plan's version is not found", async () => {
    await api.start();
    createPlan(api.server.storage, { planId: "other", name: "Other" });
    const ada = await api.joinDemo("editor", "Ada");
    const version = api.server.storage.versions.insert({
      id: "other-version",
      planId: "other",
      name: "Other plan",
      note: "",
      createdBy: "someone",
      createdAt: Date.now(),
    });
    expect(api.server.storage.versions.get(version.id)?.planId).toBe("other");

    const reply = await api.call(
      "GET",
      `/api/plans/demo/versions/${version.id}/state`,
      { token: ada.token },
    );
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("VERSION_NOT_FOUND");
    const listed = await api.call("GET", "/api/plans/demo/versions", {
      token: ada.token,
    });
    expect(listed.body.versions).toEqual([]);
  });
});
