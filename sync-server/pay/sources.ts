import path from "node:path";
import type { ApiContext } from "../api-auth.ts";
import { DatasetStore } from "../datasets.ts";
import type { Storage } from "../storage.ts";
import { UploadedDatasetStore } from "../uploaded-datasets.ts";
import type { AccountSources } from "./accounts.ts";

// One per storage, so that a public dataset is hashed once, not per request.
const cache = new WeakMap<Storage, AccountSources>();

/**
 * Returns where the server finds accounts datasets: the public data folder
 * and DATA_DIR/datasets, where uploaded ones sit next to the database.
 */
export function accountSources(context: ApiContext): AccountSources {
  let sources = cache.get(context.storage);
  if (sources === undefined) {
    sources = {
      datasets: new DatasetStore(context.publicDataDir),
      uploads: new UploadedDatasetStore(
        path.join(path.dirname(context.storage.file), "datasets"),
      ),
    };
    cache.set(context.storage, sources);
  }
  return sources;
}
