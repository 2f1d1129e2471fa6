// Makes sure Debian's Chromium is installed for the browser tests, installing
// it with apt-get when it is missing. Prints what to do when it cannot.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function install() {
  const isRoot = process.getuid?.() === 0;
  const prefix = isRoot ? [] : ["sudo", "-n"];
  console.log(
    "Chromium is missing; installing Debian's chromium package for the browser tests.",
  );
  const run = (args) =>
    execFileSync(
      prefix.length ? prefix[0] : args[0],
      prefix.length ? [...prefix.slice(1), ...args] : args.slice(1),
      {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      },
    );
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "chromium"]);
}

if (!existsSync(CHROMIUM_PATH)) {
  try {
    install();
  } catch (error) {
    console.error(
      `Could not install Chromium (${error.message}). Install it with "apt-get install chromium" as root, ` +
        "or set CHROMIUM_PATH to an existing Chromium binary, then run the tests again.",
    );
    process.exit(1);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(
      `apt-get finished but ${CHROMIUM_PATH} still does not exist. Set CHROMIUM_PATH to the Chromium binary.`,
    );
    process.exit(1);
  }
}
