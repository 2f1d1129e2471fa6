#!/usr/bin/env node
// Entry point of the `meridian` command. It loads the TypeScript sources
// through tsx, so the command works on a clean clone without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
