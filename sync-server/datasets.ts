import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { HttpError } from "./http-json.ts";
import { readManifest, SHA256_PATTERN } from "./manifest.ts";

/** A dataset file found by its hash, ready to send. */
export interface DatasetFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Finds reference dataset files by the sha256 of their bytes, as listed in
 * the public data folder's manifest.json. A file is hashed once (again when
 * it changes) before it is served, so a stale manifest never sends other
 * bytes under a hash that clients cache forever.
 */
export class DatasetStore {
  private readonly dir: string;
  private readonly verified = new Map<string, string>();

  constructor(publicDataDir: string) {
    this.dir = path.resolve(publicDataDir);
  }

  /**
   * Finds the file whose bytes hash to `sha256`. Throws an HttpError when there
   * is none.
   */
  async find(sha256: string): Promise<DatasetFile> {
    if (!SHA256_PATTERN.test(sha256)) {
      throw new HttpError(
        400,
        "INVALID_HASH",
        `"${sha256}" is not a sha256: expected 64 lowercase hex digits.`,
      );
    }
    const entry = readManifest(this.dir)?.find((e) => e.sha256 === sha256);
    if (!entry) throw notFound(sha256);

    const file = path.resolve(this.dir, entry.file);
    if (!file.startsWith(this.dir + path.sep)) {
      throw new HttpError(
        500,
        "DATASET_OUTSIDE_FOLDER",
        `Dataset "${entry.kind}" points at ${entry.file}, outside the data folder. Fix manifest.json.`,
      );
    }

    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      throw notFound(sha256);
    }
    await this.verify(file, stat, sha256, entry.kind);
    return { path: file, size: stat.size, mtimeMs: stat.mtimeMs };
  }

  private async verify(
    file: string,
    stat: fs.Stats,
    sha256: string,
    kind: string,
  ): Promise<void> {
    const key = `${file}:${stat.size}:${stat.mtimeMs}`;
    if (this.verified.get(key) === sha256) return;

    const actual = await hashFile(file);
    if (actual !== sha256) {
      throw new HttpError(
        500,
        "DATASET_HASH_MISMATCH",
        `Dataset "${kind}" (${path.basename(file)}) hashes to ${actual}, but manifest.json says ${sha256}. Rebuild the data with "npm run data".`,
      );
    }
    this.verified.set(key, sha256);
  }
}

function notFound(sha256: string): HttpError {
  return new HttpError(
    404,
    "DATASET_NOT_FOUND",
    `No dataset with sha256 ${sha256} on this server. The plan may name a dataset this server does not have; update the server's data.`,
  );
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk);
  return hash.digest("hex");
}
