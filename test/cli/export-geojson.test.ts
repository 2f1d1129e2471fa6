import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createPlan } from "../../sync-server/plans.ts";
import { Storage } from "../../sync-server/storage.ts";
import { runCli } from "./run-cli.ts";

const territory = (id: string, name: string) => ({
  id,
  name,
  color: "#1f77b4",
  parentId: null,
  ownerId: null,
  locked: false,
  kind: "territory" as const,
});

let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-geojson-"));
  const storage = Storage.open(dataDir);
  // Two neighbouring Iowa counties (Polk and Story) and one far away (Lee).
  createPlan(storage, {
    planId: "iowa",
    name: "Iowa",
    territories: [
      territory("t-central", "Central"),
      territory("t-south", "South"),
      territory("t-empty", "Empty"),
    ],
    assignments: [
      ["19153", "t-central"],
      ["19169", "t-central"],
      ["19111", "t-south"],
    ],
  });
  storage.close();
});

afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("meridian export geojson", () => {
  test("writes one merged feature per territory with its figures", () => {
    const result = runCli([
      "export",
      "geojson",
      "--plan",
      "iowa",
      "--data-dir",
      dataDir,
    ]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const collection = JSON.parse(result.stdout);
    expect(collection.type).toBe("FeatureCollection");
    const byName = Object.fromEntries(
      collection.features.map((f: { properties: { name: string } }) => [
        f.properties.name,
        f,
      ]),
    );

    expect(byName.Central.properties).toMatchObject({
      counties: 2,
      accounts: expect.any(Number),
    });
    expect(byName.Central.properties.potential).toMatch(/^\d+\.\d{2}$/);
    // Polk and Story share a border, so their merged outline is one polygon.
    expect(byName.Central.geometry.type).toBe("MultiPolygon");
    expect(byName.Central.geometry.coordinates).toHaveLength(1);
    expect(byName.South.properties.counties).toBe(1);
    expect(byName.Empty.geometry).toBeNull();
  });
});
