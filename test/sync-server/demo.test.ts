import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import {
  createFixture,
  GEOMETRY_SHA256,
  startTestServer,
  territoryNames,
  type Fixture,
} from "./helpers.ts";

let fixture: Fixture;

beforeEach(() => {
  fixture = createFixture();
});

afterEach(() => fixture.remove());

describe("demo plan", () => {
  test("is created from demo-plan.json and the manifest", async () => {
    const server = await startTestServer(fixture);
    try {
      const plan = loadPlanDoc(server.storage, "demo");
      expect(plan.readMeta()).toMatchObject({
        planId: "demo",
        name: "Fixture demo",
        datasets: { geometry: GEOMETRY_SHA256 },
      });
      expect(
        plan.readTerritories().map((t) => [t.id, t.name, t.color]),
      ).toEqual([
        ["demo-east", "East", "#1f77b4"],
        ["demo-west", "West", "#d62728"],
      ]);
      expect(server.storage.listPlans()).toMatchObject([
        { id: "demo", name: "Fixture demo" },
      ]);
    } finally {
      await server.close();
    }
  });

  test("waits for the data files when they are missing", async () => {
    const demoFile = path.join(fixture.publicDataDir, "demo-plan.json");
    const saved = fs.readFileSync(demoFile);
    fs.rmSync(demoFile);

    const bare = await startTestServer(fixture);
    expect(bare.storage.listPlans()).toEqual([]);
    expect(await bare.demoLinks()).toEqual([]);
    await bare.close();

    fs.writeFileSync(demoFile, saved);
    const seeded = await startTestServer(fixture);
    try {
      expect(territoryNames(loadPlanDoc(seeded.storage, "demo"))).toEqual([
        "East",
        "West",
      ]);
      expect((await seeded.demoLinks()).map((link) => link.role)).toEqual([
        "editor",
        "reviewer",
        "viewer",
      ]);
    } finally {
      await seeded.close();
    }
  });

  test("assignment to an unknown territory key stops the start", async () => {
    fs.writeFileSync(
      path.join(fixture.publicDataDir, "demo-plan.json"),
      JSON.stringify({
        name: "Broken",
        territories: [{ key: "east", name: "East", color: "#1f77b4" }],
        assignments: { "01001": "north" },
      }),
    );
    await expect(startTestServer(fixture)).rejects.toThrow(
      /unit 01001 is assigned to "north", which is not a territory key/,
    );
  });
});
