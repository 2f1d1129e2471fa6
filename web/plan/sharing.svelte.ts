import {
  SharingApi,
  type InviteLink,
  type PlanPerson,
} from "../session/sharing-api.ts";
import type { PersonalSession, Role } from "../session/types.ts";

/** A link created in this dialog, shown in full with a copy button. */
export interface CreatedLink {
  id: string;
  url: string;
  expiresAt: string;
}

/**
 * The share dialog's state: the plan's active invite links (editors only)
 * and its people, loaded from the server, and the actions on them. Each
 * action reloads the lists, so the dialog shows what the server stored.
 */
export class Sharing {
  invites = $state.raw<InviteLink[]>([]);
  people = $state.raw<PlanPerson[]>([]);
  created = $state<Partial<Record<Role, CreatedLink>>>({});
  /** True while the lists load for the first time. */
  loading = $state(false);
  /** True while a create, revoke or remove request runs. */
  busy = $state(false);
  error = $state<string | null>(null);

  readonly canManage: boolean;
  readonly #api: SharingApi;
  #changes = 0;

  constructor(session: PersonalSession) {
    this.canManage = session.role === "editor";
    this.#api = new SharingApi(session.planId, session.token);
  }

  async load(): Promise<void> {
    this.loading = true;
    const changes = this.#changes;
    try {
      const [people, invites] = await Promise.all([
        this.#api.listPeople(),
        this.canManage ? this.#api.listInvites() : Promise.resolve([]),
      ]);
      // A change made meanwhile loaded newer lists already.
      if (changes !== this.#changes) return;
      this.people = people;
      this.invites = invites;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  async createLink(role: Role, days: number): Promise<void> {
    await this.#run(async () => {
      const link = await this.#api.createInvite(role, days);
      this.created = { ...this.created, [role]: link };
      this.invites = await this.#api.listInvites();
    });
  }

  async revoke(inviteId: string): Promise<void> {
    await this.#run(async () => {
      await this.#api.revokeInvite(inviteId);
      const created = { ...this.created };
      for (const role of Object.keys(created) as Role[]) {
        if (created[role]?.id === inviteId) delete created[role];
      }
      this.created = created;
      this.invites = await this.#api.listInvites();
    });
  }

  async remove(personId: string): Promise<void> {
    await this.#run(async () => {
      await this.#api.removePerson(personId);
      this.people = await this.#api.listPeople();
    });
  }

  // Runs one change at a time, so a call while another runs is ignored. A
  // failure shows its message in the dialog.
  async #run(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.#changes += 1;
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }
}
