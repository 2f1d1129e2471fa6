import { setDatasetHash } from "../../model/doc/datasets.ts";
import type {
  AccountsDataset,
  BadRow,
} from "../../model/io/accounts-import.ts";
import {
  compareAccountLists,
  findDetachedPins,
  type AccountsImportPreview,
  type DetachedPin,
} from "../../model/io/accounts-import-preview.ts";
import { localDb } from "../plan/local-db.ts";
import type { Workspace } from "../plan/workspace.svelte.ts";
import { apiRequest } from "../session/api.ts";
import {
  countBadRows,
  importDescription,
  startAccountsImport,
  type AccountsImportRun,
} from "../workers/accounts-import-client.ts";

/**
 * - `idle`: no file chosen.
 * - `checking`: the worker reads the file; `total` is 0 while it reads county shapes.
 * - `rejected`: the file or some rows are invalid, and nothing was imported.
 * - `preview`: every row is valid; the change per territory waits for Apply or Discard.
 * - `applying`: uploading the dataset, then naming it in the plan.
 * - `applied`: the plan names the new accounts.
 */
export type AccountsImportStep =
  | { kind: "idle" }
  | {
      kind: "checking";
      fileName: string;
      done: number;
      total: number;
      label: string;
    }
  | {
      kind: "rejected";
      fileName: string;
      fileProblem: string | null;
      badRows: BadRow[];
      /** Rows with at least one problem. */
      badRowCount: number;
    }
  | {
      kind: "preview" | "applying";
      fileName: string;
      dataset: AccountsDataset;
      json: string;
      preview: AccountsImportPreview;
      /** Pinned accounts the file lacks, whose overrides would stop counting. */
      detachedPins: DetachedPin[];
      /** Reason the last Apply failed, or null. */
      problem: string | null;
    }
  | { kind: "applied"; fileName: string; accounts: number };

const NO_PINS: ReadonlyMap<string, string> = new Map();
const NO_OVERRIDES: readonly string[] = [];

/** The accounts import of the Data tab: a file through the worker, a preview, then upload. */
export class AccountsImport {
  step = $state.raw<AccountsImportStep>({ kind: "idle" });
  readonly #workspace: Workspace;
  #run: AccountsImportRun | null = null;

  readonly #pinned: () => ReadonlyMap<string, string>;
  readonly #overrideAccountIds: () => readonly string[];

  /**
   * `pinned` returns account id -> territory id of the overrides in effect,
   * and `overrideAccountIds` the account id of every override, whatever its
   * dates.
   */
  constructor(
    workspace: Workspace,
    pinned: () => ReadonlyMap<string, string> = () => NO_PINS,
    overrideAccountIds: () => readonly string[] = () => NO_OVERRIDES,
  ) {
    this.#workspace = workspace;
    this.#pinned = pinned;
    this.#overrideAccountIds = overrideAccountIds;
  }

  /** Reads and checks a CSV file in a worker; the outcome becomes the next step. */
  async check(file: File): Promise<void> {
    const reference = this.#workspace.reference;
    if (!reference) return;
    this.cancel();
    this.step = {
      kind: "checking",
      fileName: file.name,
      done: 0,
      total: 0,
      label: "Reading the file",
    };

    const text = await file.text();
    const run = startAccountsImport(
      {
        type: "import",
        text,
        topology: reference.topology,
        unitIds: reference.units.map((unit) => unit.id),
        description: importDescription(file.name, Date.now()),
      },
      (done, total, label) => {
        if (this.#run !== run) return;
        this.step = {
          kind: "checking",
          fileName: file.name,
          done,
          total,
          label,
        };
      },
    );
    this.#run = run;
    const outcome = await run.outcome;
    if (this.#run !== run) return;
    this.#run = null;

    if (outcome.type === "failed") {
      this.step = {
        kind: "rejected",
        fileName: file.name,
        fileProblem: outcome.message,
        badRows: [],
        badRowCount: 0,
      };
    } else if (!outcome.result.ok) {
      const { fileProblem, badRows } = outcome.result;
      this.step = {
        kind: "rejected",
        fileName: file.name,
        fileProblem,
        badRows,
        badRowCount: countBadRows(badRows),
      };
    } else {
      this.step = {
        kind: "preview",
        fileName: file.name,
        dataset: outcome.result.dataset,
        json: outcome.json ?? JSON.stringify(outcome.result.dataset),
        preview: this.#compare(outcome.result.dataset),
        detachedPins: findDetachedPins(
          this.#overrideAccountIds(),
          this.#workspace.reference?.accounts ?? [],
          outcome.result.dataset.accounts,
        ),
        problem: null,
      };
    }
  }

  /** Stops a running check and returns to the idle step. */
  cancel(): void {
    this.#run?.cancel();
    this.#run = null;
    if (this.step.kind === "checking") this.step = { kind: "idle" };
  }

  discard(): void {
    this.cancel();
    this.step = { kind: "idle" };
  }

  /**
   * Uploads the checked dataset and names it in the plan, so every open
   * client loads it. Keeps the preview with the reason when either fails.
   */
  async apply(): Promise<void> {
    const step = this.step;
    const workspace = this.#workspace;
    const planDoc = workspace.planDoc;
    if (step.kind !== "preview" || !planDoc || !workspace.editor) return;
    this.step = { ...step, kind: "applying", problem: null };

    try {
      const reply = (await apiRequest(
        `/api/plans/${encodeURIComponent(workspace.planId)}/datasets/accounts`,
        {
          method: "POST",
          headers: {
            authorization: `Bearer ${workspace.session.token}`,
            "content-type": "application/json",
          },
          body: step.json,
        },
      )) as { sha256: string; accounts: number };
      await storeLocally(reply.sha256, step.json);
      setDatasetHash(
        planDoc,
        "accounts",
        reply.sha256,
        workspace.editor.origin,
      );
      this.step = {
        kind: "applied",
        fileName: step.fileName,
        accounts: reply.accounts,
      };
    } catch (error) {
      this.step = {
        ...step,
        kind: "preview",
        problem: (error as Error).message,
      };
    }
  }

  #compare(dataset: AccountsDataset): AccountsImportPreview {
    const workspace = this.#workspace;
    return compareAccountLists(
      workspace.reference?.accounts ?? [],
      dataset.accounts,
      workspace.mirror.assignments,
      workspace.mirror.paintable,
      this.#pinned(),
    );
  }
}

// The uploaded bytes are the dataset the plan will name, so keeping them
// spares this device the download. A failure only costs that download.
async function storeLocally(sha256: string, json: string): Promise<void> {
  const bytes = new TextEncoder().encode(json);
  try {
    await localDb().datasets.put({
      sha256,
      bytes: bytes.buffer as ArrayBuffer,
      storedAt: Date.now(),
    });
  } catch (error) {
    console.warn("Keeping the imported accounts on this device failed", error);
  }
}
