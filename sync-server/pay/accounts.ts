import fs from "node:fs";
import type { DatasetStore } from "../datasets.ts";
import { HttpError } from "../http-json.ts";
import type { UploadedDatasetStore } from "../uploaded-datasets.ts";

/** An account as statements need it: its id, unit and potential. */
export interface PayAccount {
  id: string;
  unitId: string;
  potential: string;
}

/** Sources of accounts datasets: the public manifest, then uploads. */
export interface AccountSources {
  datasets: DatasetStore;
  uploads: UploadedDatasetStore;
}

/**
 * Reads the accounts dataset a plan names by sha256: a public one of
 * manifest.json, else one uploaded by an accounts import. A plan that names
 * none has no accounts.
 */
export async function readPayAccounts(
  sources: AccountSources,
  sha256: string | undefined,
): Promise<PayAccount[]> {
  if (sha256 === undefined) return [];
  const file = await findAccountsFile(sources, sha256);
  const text = await fs.promises.readFile(file, "utf8");

  let accounts: unknown;
  try {
    accounts = (JSON.parse(text) as { accounts?: unknown })?.accounts;
  } catch (error) {
    throw datasetInvalid(sha256, (error as Error).message);
  }
  if (!Array.isArray(accounts)) {
    throw datasetInvalid(sha256, 'it has no "accounts" list');
  }
  return accounts as PayAccount[];
}

async function findAccountsFile(
  sources: AccountSources,
  sha256: string,
): Promise<string> {
  try {
    return (await sources.datasets.find(sha256)).path;
  } catch (error) {
    if (!(error instanceof HttpError) || error.code !== "DATASET_NOT_FOUND")
      throw error;
    const uploaded = await sources.uploads.find(sha256);
    if (uploaded === null) throw error;
    return uploaded.path;
  }
}

function datasetInvalid(sha256: string, reason: string): HttpError {
  return new HttpError(
    500,
    "DATASET_INVALID",
    `The plan's accounts dataset ${sha256} is not valid: ${reason}. Import the accounts again.`,
  );
}
