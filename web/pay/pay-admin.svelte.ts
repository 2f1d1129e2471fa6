import type { PayApi } from "./pay-api.ts";
import { messageOf } from "./statements.svelte.ts";
import type {
  DealsImportResult,
  ManualAdjustment,
  PayPerson,
} from "./types.ts";

/** Days a personal rep invite stays valid. */
export const REP_INVITE_DAYS = 14;

/**
 * The admin panel's state: the plan's people with their pay access, the
 * personal invite links made here, the last deals import and the actions
 * on them. Each action reloads what it changed from the server.
 */
export class PayAdmin {
  people = $state.raw<PayPerson[]>([]);
  /** Personal invite links made in this panel, newest first. */
  invites = $state.raw<{ repId: string; url: string }[]>([]);
  importResult = $state.raw<DealsImportResult | null>(null);
  loading = $state(false);
  /** Progress message of the action that runs now, or null. */
  busy = $state<string | null>(null);
  error = $state<string | null>(null);

  readonly #api: PayApi;
  readonly #changed: () => Promise<void>;

  /** `changed` reloads the statements after a change that moves figures. */
  constructor(api: PayApi, changed: () => Promise<void>) {
    this.#api = api;
    this.#changed = changed;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.people = await this.#api.people();
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.loading = false;
    }
  }

  setAdmin(personId: string, admin: boolean): Promise<boolean> {
    return this.#run("Saving pay access…", async () => {
      await this.#api.setAccess(personId, { admin });
      this.people = await this.#api.people();
    });
  }

  linkRep(personId: string, repId: string | null): Promise<boolean> {
    return this.#run("Saving pay access…", async () => {
      await this.#api.setAccess(personId, { repId });
      this.people = await this.#api.people();
    });
  }

  createRepInvite(repId: string): Promise<boolean> {
    return this.#run("Creating the invite link…", async () => {
      const invite = await this.#api.repInvite(repId, REP_INVITE_DAYS);
      this.invites = [{ repId, url: invite.url }, ...this.invites];
    });
  }

  importDeals(csv: string): Promise<boolean> {
    return this.#run("Importing deals…", async () => {
      this.importResult = null;
      const result = await this.#api.importDeals(csv);
      this.importResult = result;
      if (result.ok) await this.#changed();
    });
  }

  addAdjustment(adjustment: ManualAdjustment): Promise<boolean> {
    return this.#run("Adding the adjustment…", async () => {
      await this.#api.addAdjustment(adjustment);
      await this.#changed();
    });
  }

  // Runs one action at a time and returns false when it failed, with the
  // server's message in `error`.
  async #run(progress: string, work: () => Promise<void>): Promise<boolean> {
    if (this.busy !== null) return false;
    this.busy = progress;
    this.error = null;
    try {
      await work();
      return true;
    } catch (error) {
      this.error = messageOf(error);
      return false;
    } finally {
      this.busy = null;
    }
  }
}
