import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs `node bin/meridian.js ...args` and returns its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin/meridian.js"), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, AUTH_SECRET: "", ...env },
      encoding: "utf8",
    },
  );
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/**
 * Runs `meridian ...args --data-dir DATA_DIR --public-data-dir PUBLIC` and
 * returns its exit code and output.
 */
export function runCliOnData(
  folders: { dataDir: string; publicDataDir: string },
  ...args: string[]
) {
  return runCli([
    ...args,
    "--data-dir",
    folders.dataDir,
    "--public-data-dir",
    folders.publicDataDir,
  ]);
}

/**
 * Test timeout for tests that run the CLI. Each run starts Node with tsx,
 * which takes one to several seconds when other test files load the
 * machine, so a test with a few runs can exceed vitest's 5-second default.
 */
export const CLI_TEST_TIMEOUT_MS = 60_000;
