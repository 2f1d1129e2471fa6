import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { checkAccountsDataset } from "../model/io/accounts-import-dataset.ts";
import {
  authenticatePerson,
  requireEditor,
  type ApiContext,
} from "./api-auth.ts";
import { HttpError } from "./http-json.ts";
import { readManifest } from "./manifest.ts";
import type { UploadedDatasetStore } from "./uploaded-datasets.ts";

/**
 * Largest accounts dataset an upload may send: 64 MiB, about 400,000
 * accounts in the accounts.json shape (the demo file averages 160 bytes an
 * account).
 */
export const MAX_DATASET_UPLOAD_BYTES = 64 * 1024 * 1024;

/** Reply of an accepted upload. */
export interface DatasetUploadReply {
  kind: "accounts";
  sha256: string;
  accounts: number;
  bytes: number;
}

/**
 * POST /api/plans/<planId>/datasets/accounts: an editor of the plan uploads
 * an accounts dataset as JSON. The server checks its shape against the
 * counties of the units dataset in manifest.json, stores the bytes under
 * their sha256 and returns the hash, which the client then names in the
 * plan document.
 */
export async function uploadAccountsDataset(
  context: ApiContext,
  uploads: UploadedDatasetStore,
  request: IncomingMessage,
  response: ServerResponse,
  planId: string,
  maxBytes = MAX_DATASET_UPLOAD_BYTES,
): Promise<DatasetUploadReply> {
  const claims = await authenticatePerson(context, request);
  requireEditor(context, claims, planId, "import accounts");

  const bytes = await readBody(request, response, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new HttpError(
      400,
      "INVALID_JSON",
      `The accounts dataset is not valid JSON: ${(error as Error).message}. Send the file the accounts import produced.`,
    );
  }

  const check = checkAccountsDataset(json, readUnitIds(context.publicDataDir));
  if (!check.ok) {
    throw new HttpError(
      400,
      "INVALID_DATASET",
      `The accounts dataset is invalid: ${check.problems.join(" ")} Import the CSV again in the app.`,
    );
  }

  const sha256 = await uploads.store(bytes);
  context.logger.info(
    {
      plan: planId,
      person: claims.sub,
      sha256,
      accounts: check.dataset.accounts.length,
      bytes: bytes.length,
    },
    "accounts dataset uploaded",
  );
  return {
    kind: "accounts",
    sha256,
    accounts: check.dataset.accounts.length,
    bytes: bytes.length,
  };
}

async function readBody(
  request: IncomingMessage,
  response: ServerResponse,
  maxBytes: number,
): Promise<Buffer> {
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      `Content-Type "${type}" is not application/json. Send the accounts dataset as JSON.`,
    );
  }
  const tooLarge = () => {
    // The rest of the body is never read, so the connection cannot be reused.
    response.setHeader("Connection", "close");
    return new HttpError(
      413,
      "DATASET_TOO_LARGE",
      `The accounts dataset is larger than ${maxBytes} bytes (${Math.round(maxBytes / 1024 / 1024)} MiB), the most this server accepts. Split the account list or ask the server operator.`,
    );
  };
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > maxBytes) throw tooLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const unitIdsCache = new Map<string, ReadonlySet<string>>();

// The counties of the units dataset that manifest.json lists, read once per
// file version. NOTE: every plan this server creates names that units
// dataset; a plan that named another one would be checked against this list.
function readUnitIds(publicDataDir: string): ReadonlySet<string> {
  const entry = readManifest(publicDataDir)?.find((e) => e.kind === "units");
  if (!entry) {
    throw new HttpError(
      503,
      "DATASETS_MISSING",
      `manifest.json in ${publicDataDir} lists no units dataset, so uploaded accounts cannot be checked. Build the data with "npm run data".`,
    );
  }
  const cached = unitIdsCache.get(entry.sha256);
  if (cached) return cached;

  const file = path.resolve(publicDataDir, entry.file);
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as {
    units?: { id?: unknown }[];
  };
  if (!Array.isArray(json.units)) {
    throw new HttpError(
      500,
      "DATASET_INVALID",
      `The units dataset ${entry.file} has no "units" array. Rebuild it with "npm run data".`,
    );
  }
  const ids = new Set(json.units.map((unit) => String(unit.id)));
  unitIdsCache.set(entry.sha256, ids);
  return ids;
}
