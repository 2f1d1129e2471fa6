import type { Topology } from "topojson-specification";
import { UnitLocator } from "../../model/geo/point-in-polygon.ts";
import {
  importAccountsCsv,
  type AccountsImportResult,
} from "../../model/io/accounts-import.ts";
import { countyAreas } from "./county-areas.ts";

/** Message from the page to the accounts import worker. */
export interface AccountsImportRequest {
  type: "import";
  text: string;
  /** County geometry dataset, to place rows that only have a point. */
  topology: Topology;
  unitIds: string[];
  description: string;
}

/** Message from the worker to the page. */
export type AccountsImportMessage =
  | { type: "progress"; done: number; total: number; label: string }
  | {
      type: "done";
      result: AccountsImportResult;
      /** The dataset as the JSON text to upload, when the import passed. */
      json: string | null;
    }
  | { type: "failed"; message: string };

/** Rows between two progress messages. */
const PROGRESS_EVERY = 2000;

/**
 * Runs one import and sends its messages through `send`: progress while
 * reading county shapes and every PROGRESS_EVERY rows, then the result. The
 * run is synchronous, so a cancel stops it by terminating the worker.
 */
export function runAccountsImport(
  request: AccountsImportRequest,
  send: (message: AccountsImportMessage) => void,
): void {
  try {
    send({
      type: "progress",
      done: 0,
      total: 0,
      label: "Reading county shapes",
    });
    const locator = new UnitLocator(countyAreas(request.topology));
    const result = importAccountsCsv(request.text, {
      unitIds: new Set(request.unitIds),
      locator,
      description: request.description,
      progressEvery: PROGRESS_EVERY,
      onProgress: (done, total) =>
        send({ type: "progress", done, total, label: "Checking rows" }),
    });
    const json = result.ok ? `${JSON.stringify(result.dataset)}\n` : null;
    send({ type: "done", result, json });
  } catch (error) {
    send({
      type: "failed",
      message: `The import stopped: ${(error as Error).message}. Reload the page and try again.`,
    });
  }
}
