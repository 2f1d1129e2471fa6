import { existsSync } from "node:fs";

/** Stops the browser tests early, with the fix, when Chromium is missing. */
export default function setup(): void {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Run "npm test", which installs it, or set CHROMIUM_PATH.`,
    );
  }
}
