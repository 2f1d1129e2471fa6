import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./errors.ts";

/** One subcommand of `meridian`. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  /** Runs the command; returns the exit code, or nothing for success. */
  run(argv: string[]): Promise<number | void>;
}

/** Parses options with node:util, turning its errors into a CliError naming the command. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  argv: string[],
  options: T,
) {
  try {
    return parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(
      `${(error as Error).message}. Run "meridian ${command} --help" for the options.`,
      2,
    );
  }
}
