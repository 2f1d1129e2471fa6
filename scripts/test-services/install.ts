import { spawnSync } from "node:child_process";
import fs from "node:fs";

/**
 * Installs Debian packages with apt-get when `binary` is missing, running
 * `apt-get update` once if the first attempt fails. Throws with the apt
 * output when the binary is still missing, because a test that needs the
 * service must fail rather than skip.
 */
export function ensureDebianBinary(binary: string, packages: string[]): void {
  if (fs.existsSync(binary)) return;

  const install = () =>
    spawnSync(
      "apt-get",
      ["install", "-y", "--no-install-recommends", ...packages],
      {
        encoding: "utf8",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      },
    );
  let result = install();
  if (result.status !== 0) {
    spawnSync("apt-get", ["update"], { encoding: "utf8" });
    result = install();
  }
  if (fs.existsSync(binary)) return;

  const output = `${result.error?.message ?? ""}${result.stdout ?? ""}${result.stderr ?? ""}`;
  throw new Error(
    `${binary} is missing and "apt-get install -y ${packages.join(" ")}" failed (exit ${result.status}). Install ${packages.join(", ")} as root, then run the tests again.\n${output.slice(-2000)}`,
  );
}
