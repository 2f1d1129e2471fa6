import type { ChildProcess } from "node:child_process";

/** Resolves when the process has exited, at once if it already has. */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Calls `check` every 100 ms until it resolves, and throws with `describe()`
 * when the process exits first or `timeoutMs` passes.
 */
export async function waitUntilReady(
  child: ChildProcess,
  check: () => Promise<void>,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${describe()} exited during startup.`);
    try {
      await check();
      return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${describe()} was not ready after ${timeoutMs} ms: ${(lastError as Error | null)?.message ?? "no answer"}.`,
  );
}

/** Sends `signal`, then SIGKILL when the process is still running after `graceMs`. */
export async function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals,
  graceMs: number,
): Promise<void> {
  const done = exited(child);
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await done;
  clearTimeout(timer);
}
