import { commands } from "./commands/index.ts";
import { CliError } from "./errors.ts";

const USAGE = `Usage: meridian <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(20)} ${c.summary}`).join("\n")}

Run "meridian <command> --help" for the options of one command.`;

/** Runs one CLI invocation and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(USAGE);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.help);
    return 0;
  }
  try {
    return (await command.run(rest)) ?? 0;
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`meridian ${name}: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
