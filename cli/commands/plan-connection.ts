import type { UploadedDatasetReader } from "./public-data.ts";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";

/** Transaction origin of the edits `meridian import` makes. */
export const IMPORT_ORIGIN = "meridian import";

/** A plan opened for a command-line edit, through a running server or the data folder. */
export interface PlanConnection {
  plan: PlanDoc;
  /** Target of the edit for messages, such as "ws://127.0.0.1:8080/sync/south". */
  description: string;
  /**
   * Runs `change` in one transaction and resolves once the edit is stored,
   * or rejects naming what failed.
   */
  write(change: (plan: PlanDoc) => void): Promise<void>;
  /** Reads a dataset that an accounts import uploaded to the plan's server, by its sha256. */
  readUploaded: UploadedDatasetReader;
  close(): void;
}
