import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "./config.ts";

export const SECRET_FILE = "auth-secret";

/**
 * Shortest secret accepted, because RFC 7518 (3.2) requires an HS256 key of at
 * least 256 bits.
 */
const MIN_SECRET_LENGTH = 32;

/**
 * A missing or unusable token signing secret. It is a ConfigError, so the
 * server exits with status 2 as for any other invalid configuration.
 */
export class AuthSecretError extends ConfigError {
  override name = "AuthSecretError";
}

export interface AuthSecretOptions {
  dataDir: string;
  /** The AUTH_SECRET value; wins over the stored file when set. */
  envSecret: string | undefined;
  /**
   * Generate and store a secret when none exists (the server does, the CLI does
   * not).
   */
  create: boolean;
}

/**
 * Returns the token signing key: AUTH_SECRET when set, else the text in
 * `<dataDir>/auth-secret`, generated once with mode 0600. Both are used as
 * UTF-8 bytes, so copying the file's contents into AUTH_SECRET keeps every
 * issued token valid.
 */
export function loadAuthSecret(options: AuthSecretOptions): Uint8Array {
  if (options.envSecret !== undefined) {
    return checkSecret(options.envSecret, "AUTH_SECRET");
  }

  const file = path.join(options.dataDir, SECRET_FILE);
  const stored = readSecretFile(file);
  if (stored !== null) return checkSecret(stored, file);

  if (!options.create) {
    throw new AuthSecretError(
      `No auth secret: AUTH_SECRET is not set and ${file} does not exist. Start the server once with DATA_DIR=${options.dataDir}, or set AUTH_SECRET to the server's secret.`,
    );
  }
  return createSecretFile(file);
}

function readSecretFile(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function createSecretFile(file: string): Uint8Array {
  const secret = randomBytes(32).toString("base64url");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx" fails when another process created the file first, so read theirs.
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return checkSecret(readSecretFile(file) ?? "", file);
  }
  return new TextEncoder().encode(secret);
}

function checkSecret(secret: string, source: string): Uint8Array {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new AuthSecretError(
      `The auth secret from ${source} has ${secret.length} characters; it needs at least ${MIN_SECRET_LENGTH}. Use a longer random string, for example from "openssl rand -base64 32".`,
    );
  }
  return new TextEncoder().encode(secret);
}
