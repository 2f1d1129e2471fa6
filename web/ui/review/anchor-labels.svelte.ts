import { CountyNameIndex } from "../../../model/county-names.ts";
import type { Anchor } from "../../../model/review/anchor.ts";
import {
  anchorName,
  anchorTitle,
  type AnchorNameSources,
} from "../../../model/review/anchor-names.ts";
import { useWorkspace } from "../../plan/context.ts";
import type { ReferenceData } from "../../plan/reference-data.ts";
import type { Workspace } from "../../plan/workspace.svelte.ts";
import { usePlanning } from "../../planning/context.ts";
import type { Planning } from "../../planning/planning.svelte.ts";
import { VersionNames } from "./version-names.svelte.ts";

interface ReferenceNames {
  counties: Map<string, string>;
  accounts: Map<string, string>;
}

// Built once per loaded dataset: 3,233 county labels and up to 100,000
// account names.
const byReference = new WeakMap<ReferenceData, ReferenceNames>();

function referenceNames(reference: ReferenceData): ReferenceNames {
  let names = byReference.get(reference);
  if (!names) {
    const index = new CountyNameIndex(reference.units);
    names = {
      counties: new Map(index.choices.map((c) => [c.unitId, c.label])),
      accounts: new Map(reference.accounts.map((a) => [a.id, a.name])),
    };
    byReference.set(reference, names);
  }
  return names;
}

/** Readable names of anchors from the open plan's data, for headings and lists. */
export class AnchorLabels {
  readonly #workspace: Workspace;
  readonly #planning: Planning;
  readonly #versions: VersionNames;

  constructor(
    workspace: Workspace,
    planning: Planning,
    versions: VersionNames,
  ) {
    this.#workspace = workspace;
    this.#planning = planning;
    this.#versions = versions;
  }

  readonly sources: AnchorNameSources = {
    county: (id) => this.#reference()?.counties.get(id) ?? null,
    account: (id) => this.#reference()?.accounts.get(id) ?? null,
    territory: (id) =>
      this.#workspace.mirror.territories.find((t) => t.id === id)?.name ?? null,
    quota: (id) =>
      this.#planning.model?.quota?.quotas.find((q) => q.nodeId === id)?.name ??
      null,
    version: (id) => this.#versions.nameOf(id),
  };

  /** Returns the object's name, such as "Los Angeles, CA". */
  name(anchor: Anchor): string {
    return anchorName(anchor, this.sources);
  }

  /** Returns the object's kind and name, such as "County: Los Angeles, CA". */
  title(anchor: Anchor): string {
    return anchorTitle(anchor, this.sources);
  }

  #reference(): ReferenceNames | null {
    const reference = this.#workspace.reference;
    return reference ? referenceNames(reference) : null;
  }
}

const byWorkspace = new WeakMap<Workspace, AnchorLabels>();

/** Returns the anchor labels of the open plan, for components below WorkspaceView. */
export function useAnchorLabels(): AnchorLabels {
  const workspace = useWorkspace();
  let labels = byWorkspace.get(workspace);
  if (!labels) {
    labels = new AnchorLabels(
      workspace,
      usePlanning(),
      new VersionNames(workspace),
    );
    byWorkspace.set(workspace, labels);
  }
  return labels;
}
