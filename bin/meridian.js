#!/usr/bin/env node
// Entry point of the `meridian` command. It loads the TypeScript sources
// through tsx, so the command works on a clean clone without a build step.
import { register } from "tsx/esm/api";

register();
// A closed pipe (as in "meridian export ... | head") ends the output, not the command with a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
