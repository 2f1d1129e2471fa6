import fs from "node:fs";
import path from "node:path";

export const MANIFEST_FILE = "manifest.json";

/**
 * One reference dataset: its file in the public data folder and the sha256 of
 * its bytes.
 */
export interface DatasetEntry {
  kind: string;
  file: string;
  sha256: string;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** An unreadable or malformed manifest.json. */
export class ManifestError extends Error {
  override name = "ManifestError";
}

/**
 * Reads `<publicDataDir>/manifest.json`, shaped
 * `{ "datasets": { "<kind>": { "file", "sha256" } } }`. Returns null when
 * the file does not exist and throws a ManifestError when it is malformed.
 */
export function readManifest(publicDataDir: string): DatasetEntry[] | null {
  const file = path.join(publicDataDir, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(
      `${file} is not valid JSON: ${(error as Error).message}. Rebuild it with "npm run data".`,
    );
  }
  const datasets = (json as { datasets?: unknown })?.datasets;
  if (!datasets || typeof datasets !== "object") {
    throw new ManifestError(
      `${file} has no "datasets" object. Rebuild it with "npm run data".`,
    );
  }
  return Object.entries(datasets).map(([kind, entry]) =>
    readEntry(file, kind, entry),
  );
}

function readEntry(file: string, kind: string, entry: unknown): DatasetEntry {
  const { file: dataFile, sha256 } = (entry ?? {}) as Record<string, unknown>;
  if (typeof dataFile !== "string" || dataFile === "") {
    throw new ManifestError(`${file}: dataset "${kind}" has no "file".`);
  }
  if (typeof sha256 !== "string" || !SHA256_PATTERN.test(sha256)) {
    throw new ManifestError(
      `${file}: dataset "${kind}" has sha256 "${String(sha256)}", expected 64 lowercase hex digits.`,
    );
  }
  return { kind, file: dataFile, sha256 };
}

/** Maps each dataset kind to its sha256, as a plan's `meta.datasets`. */
export function datasetHashes(entries: DatasetEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map((entry) => [entry.kind, entry.sha256]));
}
