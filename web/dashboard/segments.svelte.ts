import {
  observeSegmentation,
  readSegmentation,
  writeSegmentation,
  type SegmentationDecision,
} from "../../model/doc/segmentation-doc.ts";
import {
  segmentationImpact,
  type AccountTally,
  type Membership,
  type SegmentationImpact,
} from "../../model/segmentation/impact.ts";
import { assignByNearestCentroid } from "../../model/segmentation/membership.ts";
import { segmentsCsv } from "../../model/segmentation/segments-csv.ts";
import type { SegmentationAccount } from "../../model/segmentation/types.ts";
import type { PlanInsights } from "../insights/insights.svelte.ts";
import type { Workspace } from "../plan/workspace.svelte.ts";
import type {
  SegmentJobRequest,
  SilhouettePoint,
} from "../workers/segment-job.ts";
import type { ProposedSegmentation } from "./segment-decision.ts";
import { impactAccounts, segmentationAccounts } from "./segment-accounts.ts";
import { buildDecision } from "./segment-decision.ts";
import { replacementWatch } from "./segment-replaced.svelte.ts";
import { startSegmentRun, type SegmentRun } from "./segment-runner.ts";
import {
  featuresOf,
  parseWholeNumber,
  settingsProblem,
  type FeatureGroupId,
} from "./segment-settings.ts";

/** A run in the worker: what it is for, and how far it is. */
export interface SegmentProgress {
  kind: "run" | "compare";
  fraction: number;
  label: string;
}

/** The result of the last run, with the settings it ran with. */
export type { ProposedSegmentation } from "./segment-decision.ts";

/**
 * State of the Segments section: the settings, the run in the worker, its
 * result, the segmentation applied in the plan and the impact preview.
 * The applied decision is read from the document and follows every
 * change, local or remote.
 */
export class SegmentsState {
  /** Text typed for k and the seed. Run reads them once they are valid. */
  kText = $state("6");
  seedText = $state("1");
  groups = $state<FeatureGroupId[]>(["potential", "size", "geography"]);
  progress = $state.raw<SegmentProgress | null>(null);
  proposed = $state.raw<ProposedSegmentation | null>(null);
  comparison = $state.raw<SilhouettePoint[] | null>(null);
  /** Seed the comparison ran with. */
  comparisonSeed = $state(1);
  /** Reason the last run failed, or null. */
  problem = $state<string | null>(null);
  previewOpen = $state(false);
  applied = $state.raw<SegmentationDecision | null>(null);

  readonly #workspace: Workspace;
  readonly #insights: PlanInsights;
  #run: SegmentRun | null = null;

  constructor(workspace: Workspace, insights: PlanInsights) {
    this.#workspace = workspace;
    this.#insights = insights;
  }

  /**
   * Follows the applied segmentation in the document; returns a function
   * that stops following and cancels a run in progress.
   */
  attach(): () => void {
    const doc = this.#workspace.doc;
    if (!doc) return () => this.cancel();
    replacementWatch(doc);
    this.applied = readSegmentation(doc);
    const stop = observeSegmentation(doc, () => {
      this.applied = readSegmentation(doc);
    });
    return () => {
      stop();
      this.cancel();
    };
  }

  /** The loaded accounts as the model reads them, or null before the datasets load. */
  readonly accounts: SegmentationAccount[] | null = $derived.by(() => {
    const reference = this.#workspace.reference;
    if (!reference) return null;
    return segmentationAccounts(reference.accounts, reference.unitById);
  });

  /** Membership of the applied segmentation in the loaded accounts, or null when none is applied. */
  readonly appliedMembership: Membership | null = $derived.by(() => {
    const applied = this.applied;
    const accounts = this.accounts;
    if (!applied || !accounts) return null;
    try {
      return {
        segmentOf: assignByNearestCentroid(accounts, applied),
        names: applied.names,
      };
    } catch {
      // A decision that no longer fits the accounts reads as none applied.
      return null;
    }
  });

  /** Accounts and potential of each applied segment, by index, or null when none is applied. */
  readonly appliedTotals: AccountTally[] | null = $derived.by(() => {
    const membership = this.appliedMembership;
    const accounts = this.accounts;
    if (!membership || !accounts) return null;
    const totals = membership.names.map(() => ({
      accounts: 0,
      potentialCents: 0,
    }));
    accounts.forEach((account, i) => {
      const tally = totals[membership.segmentOf[i]];
      tally.accounts++;
      tally.potentialCents += account.potentialCents;
    });
    return totals;
  });

  /** True when the applied segmentation was made on another accounts dataset than the one loaded. */
  get appliedToOtherDataset(): boolean {
    const applied = this.applied;
    const current = this.#workspace.mirror.meta?.datasets.accounts ?? null;
    return applied !== null && applied.accountsDataset !== current;
  }

  /** Figures of the preview, or null while it is closed or nothing is proposed. */
  readonly impact: SegmentationImpact | null = $derived.by(() => {
    const proposed = this.proposed;
    const accounts = this.accounts;
    const reference = this.#workspace.reference;
    const overrides = this.#insights.overrides.figures;
    if (!this.previewOpen || !proposed || !accounts || !reference) return null;
    const located = impactAccounts(
      accounts,
      reference.accounts,
      this.#workspace.mirror.assignments,
      overrides?.applied ?? [],
    );
    return segmentationImpact(
      located,
      this.appliedMembership,
      proposed.membership,
    );
  });

  /** Notice that someone else replaced the decision this person applied, or null. */
  get replaced(): string | null {
    const doc = this.#workspace.doc;
    return doc ? replacementWatch(doc).notice : null;
  }

  dismissReplaced(): void {
    const doc = this.#workspace.doc;
    if (doc) replacementWatch(doc).notice = null;
  }

  get running(): boolean {
    return this.progress !== null;
  }

  /** Reason Run cannot start now, or null. */
  get runProblem(): string | null {
    if (!this.accounts) return "The accounts are still loading.";
    return settingsProblem(this.kText, this.seedText, this.groups);
  }

  /** The typed k and seed as numbers, or null while either is invalid. */
  get #settings(): { k: number; seed: number } | null {
    if (this.runProblem !== null) return null;
    const k = parseWholeNumber(this.kText);
    const seed = parseWholeNumber(this.seedText);
    return k === null || seed === null ? null : { k, seed };
  }

  /** Reason this person cannot apply, or null when they can. */
  get applyProblem(): string | null {
    const reason = this.#workspace.readOnlyReason;
    return reason === null ? null : `You cannot apply: ${reason}`;
  }

  toggleGroup(id: FeatureGroupId, on: boolean): void {
    const others = this.groups.filter((group) => group !== id);
    this.groups = on ? [...others, id] : others;
  }

  /** Clusters the accounts in the worker with the current settings. */
  async run(): Promise<void> {
    const accounts = this.accounts;
    const settings = this.#settings;
    if (!settings || !accounts || this.running) return;
    const { k, seed } = settings;
    const features = featuresOf(this.groups);
    const outcome = await this.#start("run", {
      type: "run",
      accounts,
      k,
      seed,
      features,
    });
    if (outcome?.type !== "done") return;
    const result = outcome.result;
    this.proposed = {
      result,
      k,
      seed,
      membership: {
        segmentOf: assignByNearestCentroid(accounts, result.model),
        names: result.segments.map((s) => s.name),
      },
    };
    this.previewOpen = false;
  }

  /** Runs k = 2..8 with the current seed and features and keeps each silhouette. */
  async compare(ks: number[]): Promise<void> {
    const accounts = this.accounts;
    const settings = this.#settings;
    if (!settings || !accounts || this.running) return;
    const outcome = await this.#start("compare", {
      type: "compare",
      accounts,
      ks,
      seed: settings.seed,
      features: featuresOf(this.groups),
    });
    if (outcome?.type === "compared") {
      this.comparison = outcome.points;
      this.comparisonSeed = settings.seed;
    }
  }

  /** Stops the run in progress; the last result stays. */
  cancel(): void {
    this.#run?.cancel();
    this.#run = null;
    this.progress = null;
  }

  /** Writes the proposed segmentation into the plan as one undo step, then closes the preview. */
  apply(): void {
    const proposed = this.proposed;
    const workspace = this.#workspace;
    const editor = workspace.editor;
    if (!proposed || !workspace.doc || !editor || this.applyProblem) return;

    const decision = buildDecision(proposed, {
      accountsDataset: workspace.mirror.meta?.datasets.accounts ?? null,
      appliedBy: workspace.session.person.name,
      now: Date.now(),
    });
    replacementWatch(workspace.doc).applying(decision);
    editor.undoManager.stopCapturing();
    writeSegmentation(workspace.doc, decision, editor.origin);
    editor.undoManager.stopCapturing();
    this.previewOpen = false;
  }

  /** Returns the CSV of the accounts with their proposed or applied segment, or null when there is none. */
  csv(which: "proposed" | "applied"): string | null {
    const records = this.#workspace.reference?.accounts;
    const membership =
      which === "proposed"
        ? (this.proposed?.membership ?? null)
        : this.appliedMembership;
    if (!records || !membership) return null;
    return segmentsCsv(records, membership.segmentOf, membership.names);
  }

  async #start(kind: SegmentProgress["kind"], request: SegmentJobRequest) {
    this.problem = null;
    this.progress = { kind, fraction: 0, label: "Starting the worker" };
    const run = startSegmentRun(request, (fraction, label) => {
      if (this.#run === run) this.progress = { kind, fraction, label };
    });
    this.#run = run;
    const outcome = await run.outcome;
    if (this.#run !== run) return null;
    this.#run = null;
    this.progress = null;
    if (outcome.type === "failed") this.problem = outcome.message;
    return outcome;
  }
}
