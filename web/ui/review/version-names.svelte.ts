import { SvelteMap } from "svelte/reactivity";
import type { Workspace } from "../../plan/workspace.svelte.ts";
import { apiRequest } from "../../session/api.ts";

interface VersionListReply {
  versions?: { id?: unknown; name?: unknown }[];
}

/**
 * Names of the plan's saved versions, for threads on a version. The first
 * request of each unknown id loads the list again, so a version saved
 * later still gets its name; a later request of the same id does not.
 */
export class VersionNames {
  readonly #names = new SvelteMap<string, string>();
  // Not state: it only keeps the same id from being loaded twice.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #requested = new Set<string>();
  readonly #workspace: Workspace;
  #loading = false;
  #loadAgain = false;

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
  }

  /** Returns a version's name, or null while it is unknown. */
  nameOf(id: string): string | null {
    const name = this.#names.get(id);
    if (name !== undefined) return name;
    if (!this.#requested.has(id)) {
      this.#requested.add(id);
      queueMicrotask(() => void this.#load());
    }
    return null;
  }

  async #load(): Promise<void> {
    if (this.#loading) {
      this.#loadAgain = true;
      return;
    }
    this.#loading = true;
    const session = this.#workspace.session;
    try {
      const reply = (await apiRequest(
        `/api/plans/${encodeURIComponent(session.planId)}/versions`,
        { headers: { authorization: `Bearer ${session.token}` } },
      )) as VersionListReply;
      for (const version of reply.versions ?? []) {
        if (typeof version.id === "string" && typeof version.name === "string")
          this.#names.set(version.id, version.name);
      }
    } catch (error) {
      // Offline or no versions route: threads show the version id instead.
      console.warn("Loading the plan's version names failed:", error);
    } finally {
      this.#loading = false;
      if (this.#loadAgain) {
        this.#loadAgain = false;
        void this.#load();
      }
    }
  }
}
