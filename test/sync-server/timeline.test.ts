import { describe, expect, test } from "vitest";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { thinPoints } from "../../sync-server/timeline-points.ts";
import { untilServer, type TestClient } from "./helpers.ts";
import { useApiServer } from "./api-suite.ts";
import { callApi, fetchStateDoc, joinDemo } from "./plan-api.ts";

const api = useApiServer();

function connect(token: string): Promise<TestClient> {
  return api.connectSynced("demo", token);
}

/** Assigns a unit and waits until the server stored it; returns the room's last seq. */
async function paint(
  client: TestClient,
  unitId: string,
  territoryId: string,
): Promise<number> {
  client.plan.assign([unitId], territoryId);
  await untilServer(
    api.server,
    "demo",
    (plan) => plan.territoryOf(unitId) === territoryId,
  );
  return api.server.storage.countUpdates("demo");
}

describe("plan timeline", () => {
  test("lists every update with who sent it", async () => {
    const ada = await joinDemo(api.server, "editor", "Ada");
    const writer = await connect(ada.token);
    const firstSeq = await paint(writer, "01009", "demo-west");
    const lastSeq = await paint(writer, "01011", "demo-east");

    const reply = await callApi(api.server, "GET", "/api/plans/demo/timeline", {
      token: ada.token,
    });

    expect(reply.status).toBe(200);
    const points = reply.body.points;
    expect(points.map((p: { seq: number }) => p.seq)).toEqual(
      Array.from({ length: lastSeq }, (_, i) => i + 1),
    );
    const first = points.find((p: { seq: number }) => p.seq === firstSeq);
    expect(first.personId).toBe(ada.person.id);
    expect(first.name).toBe("Ada");
    expect(Number.isNaN(Date.parse(first.at))).toBe(false);
    expect(points[0].personId).toBeNull();
  });

  test("state at seq rebuilds plan", async () => {
    const ada = await joinDemo(api.server, "editor", "Ada");
    const rey = await joinDemo(api.server, "viewer", "Rey");
    const writer = await connect(ada.token);
    const westSeq = await paint(writer, "01009", "demo-west");
    const westPlan = writer.plan.snapshot();
    await paint(writer, "01009", "demo-east");

    const doc = await fetchStateDoc(
      api.server,
      rey.token,
      `/api/plans/demo/timeline/${westSeq}/state`,
    );

    const then = new PlanDoc(doc);
    expect(then.territoryOf("01009")).toBe("demo-west");
    expect(then.snapshot()).toEqual(westPlan);
  });

  test("thins long history but keeps versions", async () => {
    const ada = await joinDemo(api.server, "editor", "Ada");
    const writer = await connect(ada.token);
    const units = Array.from({ length: 450 }, (_, i) =>
      String(10001 + i * 2).padStart(5, "0"),
    );
    for (const unit of units.slice(0, 137))
      writer.plan.assign([unit], "demo-west");
    await paint(writer, units[137], "demo-west");
    const saved = await callApi(
      api.server,
      "POST",
      "/api/plans/demo/versions",
      {
        token: ada.token,
        body: { name: "Mid-way" },
      },
    );
    expect(saved.status).toBe(201);
    for (const unit of units.slice(138, -1))
      writer.plan.assign([unit], "demo-east");
    const lastSeq = await paint(writer, units.at(-1)!, "demo-east");
    expect(lastSeq).toBeGreaterThan(450);

    const reply = await callApi(api.server, "GET", "/api/plans/demo/timeline", {
      token: ada.token,
    });

    const seqs: number[] = reply.body.points.map((p: { seq: number }) => p.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(400);
    expect(seqs.length).toBeLessThanOrEqual(401);
    expect(seqs[0]).toBe(1);
    expect(seqs.at(-1)).toBe(lastSeq);
    expect(seqs).toContain(saved.body.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  test("rejects bad seqs and strangers", async () => {
    const ada = await joinDemo(api.server, "editor", "Ada");
    const lastSeq = api.server.storage.countUpdates("demo");
    const cases = [
      { seq: "abc", status: 400, code: "SEQ_INVALID" },
      { seq: "0", status: 400, code: "SEQ_INVALID" },
      { seq: String(lastSeq + 1), status: 404, code: "SEQ_NOT_FOUND" },
    ];
    for (const { seq, status, code } of cases) {
      const reply = await callApi(
        api.server,
        "GET",
        `/api/plans/demo/timeline/${seq}/state`,
        { token: ada.token },
      );
      expect(reply.status, seq).toBe(status);
      expect(reply.body.error.code, seq).toBe(code);
    }

    const anonymous = await callApi(
      api.server,
      "GET",
      "/api/plans/demo/timeline",
    );
    expect(anonymous.status).toBe(401);
  });
});

describe("thinPoints", () => {
  test("keeps short lists whole", () => {
    expect(thinPoints([1, 2, 3], () => false, 5)).toEqual([1, 2, 3]);
  });

  test("spreads points and keeps marked ones", () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const thinned = thinPoints(items, (item) => item === 37, 10);
    expect(thinned).toEqual([0, 11, 22, 33, 37, 44, 55, 66, 77, 88, 99]);
  });
});
