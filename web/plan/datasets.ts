import { sha256Hex } from "../hash.ts";
import { localDb } from "./local-db.ts";

/**
 * Returns the bytes of an immutable dataset named by its SHA-256: from
 * IndexedDB when this device has it, otherwise from the server, checked
 * against the hash and then stored for offline use.
 */
export async function loadDataset(
  sha256: string,
  token: string,
): Promise<ArrayBuffer> {
  const db = localDb();
  const cached = await db.datasets.get(sha256);
  if (cached) return cached.bytes;

  let response: Response;
  try {
    response = await fetch(`/api/datasets/${encodeURIComponent(sha256)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  } catch {
    throw new Error(
      `Dataset ${shortHash(sha256)} is not stored on this device and the server cannot be reached. Connect to the Meridian server once to download it.`,
    );
  }
  if (!response.ok) {
    throw new Error(
      `Downloading dataset ${shortHash(sha256)} failed with HTTP ${response.status}. Reload to try again.`,
    );
  }

  const bytes = await response.arrayBuffer();
  const actual = await sha256Hex(new Uint8Array(bytes));
  if (actual !== null && actual !== sha256) {
    throw new Error(
      `Dataset ${shortHash(sha256)} arrived with SHA-256 ${shortHash(actual)}, so it is corrupt or not the one the plan names. Reload to download it again.`,
    );
  }
  await db.datasets.put({ sha256, bytes, storedAt: Date.now() });
  return bytes;
}

/** Parses a dataset's bytes as UTF-8 JSON, naming the dataset when it is invalid. */
export function parseJsonDataset(kind: string, bytes: ArrayBuffer): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new Error(
      `The ${kind} dataset is not valid JSON (${(error as Error).message}). Ask the plan owner to re-import it.`,
    );
  }
}

function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}
