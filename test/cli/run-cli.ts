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
