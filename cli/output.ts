import fs from "node:fs";
import path from "node:path";
import { CliError } from "./errors.ts";

/** Writes a command's output file, turning file-system errors into a message that names the file. */
export function writeOutputFile(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      ENOENT: "its folder does not exist",
      EISDIR: "it is a folder",
      EACCES: "permission denied",
      EROFS: "the file system is read-only",
      ENOSPC: "the disk is full",
    };
    const reason = (code && reasons[code]) ?? (error as Error).message;
    throw new CliError(
      `Cannot write ${file}: ${reason}. Give --out a file path in a writable folder.`,
    );
  }
}

/** Checks before long work that `file` can be created: its folder exists and it is not a folder itself. */
export function checkOutputPath(file: string): void {
  const folder = path.dirname(path.resolve(file));
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new CliError(
      `Cannot write ${file}: its folder ${folder} does not exist. Create it or give --out another path.`,
    );
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new CliError(
      `Cannot write ${file}: it is a folder. Give --out a file path such as ${path.join(file, "out.csv")}.`,
    );
  }
}
