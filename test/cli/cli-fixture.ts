import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import * as Y from "yjs";
import type { NewPlan } from "../../model/doc/init-plan.ts";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { Territory } from "../../model/doc/schema.ts";
import { createPlan, loadRoomDoc } from "../../sync-server/plans.ts";
import { Storage } from "../../sync-server/storage.ts";
import { GEOMETRY_BYTES, GEOMETRY_SHA256 } from "../sync-server/helpers.ts";
import { runCliOnData, type runCli } from "./run-cli.ts";

/** A temp folder created and removed by the hooks that `useTempDir` registers. */
export interface TempDir {
  /** The folder's path, readable inside a hook or a test. */
  readonly path: string;
  /** Returns the path of `name` inside the folder. */
  file(name: string): string;
  /** Writes `content` as JSON to `name` inside the folder and returns its path. */
  writeJson(name: string, content: unknown): string;
}

/**
 * Registers hooks that create a temp folder named `prefix` plus a random
 * suffix before each test, or once before the file's tests when `lifetime`
 * is "file", and remove it afterwards.
 */
export function useTempDir(
  prefix: string,
  lifetime: "test" | "file" = "test",
): TempDir {
  let current: string | null = null;
  const create = () => {
    current = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  };
  const remove = () => {
    if (current) fs.rmSync(current, { recursive: true, force: true });
    current = null;
  };
  if (lifetime === "file") {
    beforeAll(create);
    afterAll(remove);
  } else {
    beforeEach(create);
    afterEach(remove);
  }

  const dir: TempDir = {
    get path() {
      if (current === null)
        throw new Error(
          `The temp folder ${prefix}* does not exist yet. Read its path inside a hook or a test.`,
        );
      return current;
    },
    file: (name) => path.join(dir.path, name),
    writeJson: (name, content) => {
      const file = dir.file(name);
      fs.writeFileSync(file, JSON.stringify(content));
      return file;
    },
  };
  return dir;
}

/** A temp DATA_DIR for each test, with a public data folder inside it. */
export interface DataDir {
  /** The DATA_DIR, a temp folder. */
  readonly dataDir: string;
  /** The folder `public` inside the DATA_DIR. */
  readonly publicDataDir: string;
  /** Returns the path of `name` inside the DATA_DIR. */
  file(name: string): string;
  /**
   * Runs `meridian ...args --data-dir DATA_DIR --public-data-dir PUBLIC`
   * and returns its exit code and output.
   */
  run(...args: string[]): ReturnType<typeof runCli>;
}

/**
 * Registers hooks that create a temp DATA_DIR before each test, with a
 * folder `public` inside it that contains `publicFiles` (file name to JSON
 * content, such as accounts.json or units.json), and remove it after the
 * test.
 */
export function useDataDir(
  prefix: string,
  publicFiles: Record<string, unknown> = {},
): DataDir {
  const dir = useTempDir(prefix);
  beforeEach(() => {
    fs.mkdirSync(dir.file("public"));
    writeJsonFiles(dir.file("public"), publicFiles);
  });

  const data: DataDir = {
    get dataDir() {
      return dir.path;
    },
    get publicDataDir() {
      return dir.file("public");
    },
    file: (name) => dir.file(name),
    run: (...args) => runCliOnData(data, ...args),
  };
  return data;
}

/** Writes each entry of `files` (file name to content) as JSON into `folder`. */
export function writeJsonFiles(
  folder: string,
  files: Record<string, unknown>,
): void {
  for (const [name, content] of Object.entries(files))
    fs.writeFileSync(path.join(folder, name), JSON.stringify(content));
}

/**
 * Creates `folder` as a public data folder that contains only the stand-in
 * geometry GEOMETRY_BYTES and a manifest.json that lists it with its
 * SHA-256, and returns the folder's path.
 */
export function createGeometryFolder(folder: string): string {
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, "geometry.json"), GEOMETRY_BYTES);
  fs.writeFileSync(
    path.join(folder, "manifest.json"),
    JSON.stringify({
      datasets: {
        geometry: { file: "geometry.json", sha256: GEOMETRY_SHA256 },
      },
    }),
  );
  return folder;
}

/**
 * Opens the storage of `dataDir`, runs `work` on it and closes it, also
 * when `work` throws.
 */
export function withStorage<T>(
  dataDir: string,
  work: (storage: Storage) => T,
): T {
  const storage = Storage.open(dataDir);
  try {
    return work(storage);
  } finally {
    storage.close();
  }
}

/** Stores a new plan in `dataDir` with `createPlan`, as the server does. */
export function storePlan(dataDir: string, plan: NewPlan): void {
  withStorage(dataDir, (storage) => createPlan(storage, plan));
}

/**
 * Applies `change` to a stored plan and appends what it changed as one
 * update by `personId`, as the server stores an editor's edit.
 */
export function editStoredPlan(
  storage: Storage,
  planId: string,
  change: (plan: PlanDoc) => void,
  personId: string | null = null,
): void {
  const doc = loadRoomDoc(storage, planId);
  const before = Y.encodeStateVector(doc);
  change(new PlanDoc(doc));
  storage.appendUpdate(planId, Y.encodeStateAsUpdate(doc, before), personId);
}

/**
 * Returns a territory for `createPlan`: blue, top level, with no owner and
 * not locked, unless `fields` sets other values.
 */
export function territory(
  id: string,
  name: string,
  fields: Partial<Omit<Territory, "id" | "name">> = {},
): Territory {
  return {
    id,
    name,
    color: "#1f77b4",
    parentId: null,
    ownerId: null,
    locked: false,
    kind: "territory",
    ...fields,
  };
}
