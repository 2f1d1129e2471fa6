#!/usr/bin/env node
// Rebuilds public/data from the source packages: `npm run data`.
// Options: --out DIR (default public/data), --skip-install.
// The build is TypeScript, loaded through tsx like bin/meridian.js.
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";

register();
const { rebuildDemoData } = await import("./rebuild.ts");
const { DataBuildError } = await import("./errors.ts");

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    "skip-install": { type: "boolean", default: false },
  },
});

try {
  rebuildDemoData({
    outDir: values.out,
    install: !values["skip-install"],
    log: (line) => console.log(line),
  });
} catch (error) {
  if (!(error instanceof DataBuildError)) throw error;
  console.error(`Demo data build failed:\n${error.message}`);
  process.exitCode = 1;
}
