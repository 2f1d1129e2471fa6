import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

/** Root of the repository, the folder of package.json and vite.config.ts. */
export const REPO_DIR = join(import.meta.dirname, "..", "..");

/** Folder of the built web app, which the sync server serves. */
export const WEB_DIST_DIR = join(REPO_DIR, "dist", "web");

const VITE_BIN = join(REPO_DIR, "node_modules", "vite", "bin", "vite.js");

/**
 * Builds the web app into dist/web with `vite build`, so that the browser
 * tests and benchmarks run the code as it is now. The build runs in a
 * child process with NODE_ENV=production, because vitest sets
 * NODE_ENV=test and vite then builds a development bundle without the
 * service worker.
 */
export async function buildWebApp(): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, [VITE_BIN, "build"], {
      cwd: REPO_DIR,
      env: { ...process.env, NODE_ENV: "production" },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `"vite build" failed, so the browser tests have no web app to serve. Run "npx vite build" to see the error.\n${stdout ?? ""}${stderr ?? ""}`,
    );
  }
}
