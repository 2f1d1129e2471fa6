import { beforeEach, describe, expect, test, vi } from "vitest";
import { storePlan, territory, useTempDir } from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const dataDir = useTempDir("meridian-geojson-");

beforeEach(() => {
  // Two neighbouring Iowa counties (Polk and Story) and one far away (Lee).
  storePlan(dataDir.path, {
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
});

describe("meridian export geojson", () => {
  test("writes one merged feature per territory with its figures", () => {
    const result = runCli([
      "export",
      "geojson",
      "--plan",
      "iowa",
      "--data-dir",
      dataDir.path,
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
