import { AuthSecretError, loadAuthSecret } from "../sync-server/auth-secret.ts";
import { MAX_INVITE_DAYS } from "../sync-server/invites.ts";
import { Storage, StorageError } from "../sync-server/storage.ts";
import { CliError } from "./errors.ts";

// Options and files that the commands working on a server's data folder share.

function usage(command: string, message: string): CliError {
  return new CliError(
    `${message} Run "meridian ${command} --help" for the options.`,
    2,
  );
}

/** Reads --days: a whole number of days an invite stays valid. */
export function readDays(command: string, value: string): number {
  const days = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(days) || days < 1 || days > MAX_INVITE_DAYS) {
    throw usage(
      command,
      `--days "${value}" is not a whole number from 1 to ${MAX_INVITE_DAYS}.`,
    );
  }
  return days;
}

/** Reads --base-url: the http or https address people open the app at. */
export function readBaseUrl(command: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return value;
  } catch {
    // Reported below with the usage hint.
  }
  throw usage(command, `--base-url "${value}" is not an http or https URL.`);
}

/** Loads the token secret from AUTH_SECRET or the data folder; never creates one. */
export function readSecret(dataDir: string): Uint8Array {
  try {
    return loadAuthSecret({
      dataDir,
      envSecret: process.env.AUTH_SECRET?.trim() || undefined,
      create: false,
    });
  } catch (error) {
    if (error instanceof AuthSecretError) throw new CliError(error.message);
    throw error;
  }
}

/** Opens the data folder's database, reporting a missing or unreadable one as a CLI error. */
export function openStorage(dataDir: string, readonly: boolean): Storage {
  try {
    return Storage.open(dataDir, { readonly });
  } catch (error) {
    if (error instanceof StorageError) throw new CliError(error.message);
    throw error;
  }
}
