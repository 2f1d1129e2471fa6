import type { Command } from "../command.ts";

// Each subcommand registers here, in the order the help lists them.
export const commands: Command[] = [];
