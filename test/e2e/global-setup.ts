import { existsSync } from "node:fs";
import { buildWebApp } from "./build-web.ts";

/**
 * Stops the browser tests early, with the fix, when Chromium is missing,
 * then builds the web app once so that every test file serves a fresh
 * dist/web.
 */
export default async function setup(): Promise<void> {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Run "npm test", which installs it, or set CHROMIUM_PATH.`,
    );
  }
  await buildWebApp();
}
