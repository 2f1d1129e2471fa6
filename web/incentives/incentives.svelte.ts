import type * as Y from "yjs";
import { IncentivesDoc } from "../../model/doc/incentives-doc.ts";
import { IncentivesEditError } from "../../model/incentives/errors.ts";
import type { IncentiveInputs } from "../../model/incentives/plan-inputs.ts";
import type { Workspace } from "../plan/workspace.svelte.ts";

/**
 * Writes one edit of the incentives: calls one function of
 * model/doc/incentives-edits.ts with the document and the origin given.
 */
export type IncentivesWrite = (doc: Y.Doc, origin: unknown) => void;

/**
 * The open plan's incentive inputs (comp plans, crediting rules, currency
 * rates, managers), read again whenever one of them changes, and the edits
 * this person makes to them.
 */
export class Incentives {
  inputs = $state.raw<IncentiveInputs | null>(null);

  readonly #workspace: Workspace;
  #doc: IncentivesDoc | null = null;
  #scheduled = false;

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
  }

  /** Starts reading the plan's incentive inputs; returns a function that stops. */
  attach(doc: Y.Doc): () => void {
    const incentives = new IncentivesDoc(doc);
    this.#doc = incentives;
    this.#refresh();

    const scope: unknown[] = incentives.undoScope();
    const onTransaction = (transaction: Y.Transaction) => {
      for (const type of transaction.changedParentTypes.keys()) {
        if (scope.includes(type)) return this.#schedule();
      }
      for (const type of transaction.changed.keys()) {
        if (scope.includes(type)) return this.#schedule();
      }
    };
    doc.on("afterTransaction", onTransaction);
    return () => {
      doc.off("afterTransaction", onTransaction);
      this.#doc = null;
    };
  }

  /**
   * Writes one edit as its own undo step with this person's origin, so
   * Ctrl+Z reverts it and never a collaborator's edit. Returns the
   * message to show at the field when the model rejects the edit or the
   * person may not edit, and null when the edit was written. A rejected
   * edit writes nothing.
   */
  edit(write: IncentivesWrite): string | null {
    const doc = this.#doc;
    const editor = this.#workspace.editor;
    const reason = this.#workspace.readOnlyReason;
    if (reason !== null) return `Cannot change the plan: ${reason}`;
    if (doc === null || editor === null) {
      return "The plan is still opening; try again in a moment.";
    }

    editor.undoManager.stopCapturing();
    try {
      write(doc.doc, editor.origin);
    } catch (error) {
      if (error instanceof IncentivesEditError) return error.message;
      throw error;
    } finally {
      editor.undoManager.stopCapturing();
    }
    this.#refresh();
    return null;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#refresh();
    });
  }

  #refresh(): void {
    if (this.#doc !== null) this.inputs = this.#doc.read();
  }
}
