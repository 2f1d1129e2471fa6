import type { Workspace } from "../plan/workspace.svelte.ts";
import { SharingApi, type PlanPerson } from "../session/sharing-api.ts";

/**
 * The people of the open plan, as the server lists them, for the owner
 * picker, the owner shown in territory rows and the accounts export.
 * Loaded once per workspace; `reload` fetches the list again.
 */
export class PlanPeople {
  people = $state.raw<PlanPerson[]>([]);
  /** Reason the list could not be loaded, such as being offline, or null. */
  error = $state<string | null>(null);
  loaded = $state(false);

  readonly #workspace: Workspace;

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
  }

  /** Person id -> display name; replaced whole when the list loads. */
  readonly names: ReadonlyMap<string, string> = $derived(
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    new Map(this.people.map((person) => [person.id, person.name])),
  );

  async reload(): Promise<void> {
    const session = this.#workspace.session;
    try {
      this.people = await new SharingApi(
        session.planId,
        session.token,
      ).listPeople();
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loaded = true;
    }
  }
}

const byWorkspace = new WeakMap<Workspace, PlanPeople>();

/** Returns the people of the workspace's plan, starting the first load on first use. */
export function planPeople(workspace: Workspace): PlanPeople {
  let people = byWorkspace.get(workspace);
  if (!people) {
    people = new PlanPeople(workspace);
    byWorkspace.set(workspace, people);
    void people.reload();
  }
  return people;
}
