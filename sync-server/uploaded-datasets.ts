import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { DatasetFile } from "./datasets.ts";
import { SHA256_PATTERN } from "./manifest.ts";

/**
 * Datasets that editors uploaded, each stored once as
 * `<DATA_DIR>/datasets/<sha256>.json` with exactly the bytes received, so
 * the name is the hash clients check when they download it.
 */
export class UploadedDatasetStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  /** Stores the bytes under their sha256 and returns it; storing the same bytes again changes nothing. */
  async store(bytes: Buffer): Promise<string> {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const file = this.#fileOf(sha256);
    if (fs.existsSync(file)) return sha256;

    await fs.promises.mkdir(this.dir, { recursive: true });
    // Written under a temporary name first, so a crash never leaves a
    // partial file under the hash.
    const partial = `${file}.${process.pid}.${Date.now()}.partial`;
    await fs.promises.writeFile(partial, bytes);
    await fs.promises.rename(partial, file);
    return sha256;
  }

  /** Returns the file stored under `sha256`, or null when there is none. */
  async find(sha256: string): Promise<DatasetFile | null> {
    if (!SHA256_PATTERN.test(sha256)) return null;
    const file = this.#fileOf(sha256);
    try {
      const stat = await fs.promises.stat(file);
      return { path: file, size: stat.size, mtimeMs: stat.mtimeMs };
    } catch {
      return null;
    }
  }

  #fileOf(sha256: string): string {
    return path.join(this.dir, `${sha256}.json`);
  }
}
