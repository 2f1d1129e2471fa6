import type * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { SCHEMA_VERSION } from "../../model/doc/schema.ts";
import { ApiError, fetchSession, renameSelf } from "../session/api.ts";
import { isExpired, saveSession } from "../session/stored-sessions.ts";
import { liveTokenParams, SessionRenewer } from "../session/token-renewal.ts";
import { canEdit, type PersonalSession } from "../session/types.ts";
import { ConnectionState } from "./connection.svelte.ts";
import { rememberClientId } from "./earlier-client-ids.ts";
import { openLocalDoc } from "./local-doc.ts";
import { PlanEditor } from "./plan-editor.svelte.ts";
import { PlanMirror } from "./plan-mirror.svelte.ts";
import { Presence } from "./presence.svelte.ts";
import {
  loadReferenceData,
  waitForDatasets,
  watchDatasets,
  type DatasetHashes,
} from "./open-datasets.ts";
import type { ReferenceData } from "./reference-data.ts";
import { ToolState } from "./tools.svelte.ts";

/**
 * - `opening`: reading the plan from IndexedDB.
 * - `waiting`: this device has no copy yet; waiting for the server.
 * - `loading-data`: downloading or parsing the datasets the plan names.
 * - `ready`: the plan and its datasets are loaded.
 * - `failed`: opening stopped; `message` states the cause and the next step.
 */
export type WorkspacePhase =
  | { kind: "opening" }
  | { kind: "waiting" }
  | { kind: "loading-data" }
  | { kind: "ready" }
  | { kind: "failed"; message: string };

/** One open plan: its document, connection, presence, tools and the reference data it names. */
export class Workspace {
  session = $state<PersonalSession>() as PersonalSession;
  phase = $state.raw<WorkspacePhase>({ kind: "opening" });
  reference = $state.raw<ReferenceData | null>(null);
  /** Reason the server no longer accepts this person's token, or null. */
  accessProblem = $state<string | null>(null);
  /** True while datasets the plan names anew load; `reference` keeps the previous ones meanwhile. */
  reloadingData = $state(false);
  /** Reason the datasets the plan names now failed to load, or null. */
  datasetProblem = $state<string | null>(null);

  readonly mirror = new PlanMirror();
  readonly connection = new ConnectionState();
  readonly presence = new Presence();
  readonly tools = new ToolState();

  #cleanups: (() => void)[] = [];
  doc: Y.Doc | null = null;
  planDoc: PlanDoc | null = null;
  provider: WebsocketProvider | null = null;
  editor = $state.raw<PlanEditor | null>(null);
  /**
   * Returns the county an account sits in, or null when the loaded dataset
   * lacks it. The plan view sets it once the overrides index the accounts.
   */
  accountHome: (accountId: string) => string | null = () => null;
  /** Hashes of the latest datasets asked for; a load of older ones is dropped when it ends. */
  #requested: DatasetHashes | null = null;
  #loadGeneration = 0;
  #renewer: SessionRenewer | null = null;

  constructor(session: PersonalSession) {
    this.session = session;
    if (isExpired(session)) this.accessProblem = expiredMessage(session);
  }

  get planId(): string {
    return this.session.planId;
  }

  /** True when the document was written by a newer Meridian than this page. */
  get schemaIsNewer(): boolean {
    const version = this.mirror.meta?.schemaVersion ?? 0;
    return this.mirror.initialised && version > SCHEMA_VERSION;
  }

  /** True when the document was written with an older schema that this page cannot write. */
  get schemaIsOlder(): boolean {
    const version = this.mirror.meta?.schemaVersion ?? 0;
    return this.mirror.initialised && version < SCHEMA_VERSION;
  }

  /** Reason this person cannot change the plan right now, or null when they can. */
  get readOnlyReason(): string | null {
    if (!canEdit(this.session.role))
      return `your role in this plan is ${this.session.role}.`;
    if (this.schemaIsNewer)
      return "this plan was saved by a newer Meridian; reload the page.";
    if (this.schemaIsOlder)
      return `this plan uses document schema ${this.mirror.meta?.schemaVersion}, which this Meridian cannot write.`;
    if (this.accessProblem) return this.accessProblem;
    if (this.phase.kind !== "ready") return "the plan is still loading.";
    return null;
  }

  get canEdit(): boolean {
    return this.readOnlyReason === null;
  }

  /** Opens the plan from IndexedDB, connects to the server and loads the datasets the plan names. */
  async open(): Promise<void> {
    try {
      await this.#open();
    } catch (error) {
      this.phase = { kind: "failed", message: (error as Error).message };
      throw error;
    }
  }

  async #open(): Promise<void> {
    const doc = await openLocalDoc(this.planId);
    performance.mark("meridian:doc-loaded");
    const planDoc = new PlanDoc(doc);
    const editor = new PlanEditor(
      planDoc,
      () => this.readOnlyReason,
      (accountId) => this.accountHome(accountId),
    );
    this.doc = doc;
    this.planDoc = planDoc;
    this.editor = editor;
    this.#cleanups.push(this.mirror.attach(planDoc));
    this.#cleanups.push(this.#clearSelectionOnDelete(planDoc));

    const provider = this.#connect(doc, editor);
    void this.#checkSession();
    this.#startRenewal();

    if (!planDoc.isInitialised()) this.phase = { kind: "waiting" };
    const datasets = await waitForDatasets(planDoc, provider);
    this.phase = { kind: "loading-data" };
    this.#requested = datasets;
    this.#cleanups.push(
      watchDatasets(
        planDoc,
        () => this.#requested ?? datasets,
        (hashes) => void this.#reloadDatasets(hashes),
      ),
    );
    await this.#loadDatasets(datasets);
    performance.mark("meridian:datasets-loaded");
  }

  // Loads the datasets and makes them current, unless a newer request
  // started meanwhile. Raises when they fail to load.
  async #loadDatasets(hashes: DatasetHashes): Promise<void> {
    const generation = ++this.#loadGeneration;
    this.#requested = hashes;
    const reference = await loadReferenceData(hashes, this.session.token);
    if (generation !== this.#loadGeneration) return;

    this.mirror.setCoverageIndex(reference.coverageIndex);
    this.reference = reference;
    this.datasetProblem = null;
    if (this.phase.kind === "loading-data") this.phase = { kind: "ready" };
  }

  // Someone named other datasets in the plan, such as a new accounts list:
  // load them and swap them in, so the map and figures follow.
  async #reloadDatasets(hashes: DatasetHashes): Promise<void> {
    this.reloadingData = true;
    const generation = this.#loadGeneration + 1;
    try {
      await this.#loadDatasets(hashes);
    } catch (error) {
      if (generation !== this.#loadGeneration) return;
      const message = (error as Error).message;
      this.datasetProblem = message;
      if (this.reference === null) this.phase = { kind: "failed", message };
      console.error(error);
    } finally {
      if (generation === this.#loadGeneration) this.reloadingData = false;
    }
  }

  // Opens the plan's socket, and tracks its state and this person's presence.
  #connect(doc: Y.Doc, editor: PlanEditor): WebsocketProvider {
    const provider = new WebsocketProvider(
      socketBase() + "/sync",
      this.planId,
      doc,
      { params: liveTokenParams(() => this.session.token) },
    );
    this.provider = provider;
    provider.on("closed", ({ code, reason }) => {
      this.accessProblem = rejectionMessage(code, this.session, reason);
    });
    provider.on("status", ({ status }) => {
      if (status === "connected") this.presence.announce();
    });

    const isLocalOrigin = (origin: unknown) =>
      origin === editor.origin || origin === editor.undoManager;
    this.#cleanups.push(
      this.connection.attach(this.planId, provider, doc, isLocalOrigin),
      this.presence.attach(
        provider.awareness,
        this.session.person,
        rememberClientId(this.planId, this.session.person.id, doc.clientID),
      ),
      () => provider.destroy(),
    );
    return provider;
  }

  /** Disconnects from the server and stops observing the document; the document stays in IndexedDB. */
  close(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }

  /**
   * Changes this person's display name in presence and this browser at once,
   * then on the server. When the server cannot be reached, the name is kept
   * as pending and sent on the next open. Raises the server's ApiError when
   * it rejects the name, after putting the old name back.
   */
  async rename(name: string): Promise<void> {
    const previous = this.session;
    this.#applyName(name, name);
    try {
      await this.#sendName(name);
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) return;
      this.#applyName(previous.person.name, previous.pendingName);
      throw error;
    }
  }

  // Stores the server's reply; the stored token then carries the new name.
  async #sendName(name: string): Promise<void> {
    const reply = await renameSelf(this.session.token, name);
    if (this.session.person.name !== name) return;
    this.session = {
      ...this.session,
      token: reply.token,
      person: reply.person,
      expiresAt: reply.expiresAt,
      pendingName: undefined,
    };
    saveSession(this.session);
    this.#renewer?.schedule();
    // The server stamps presence with the name it has stored, so the state
    // sent before the rename reached it still shows the old name.
    this.presence.announce();
  }

  // Renews the personal token before it expires. A renewed token is stored
  // and used from the next connection and request on; the open socket stays.
  #startRenewal(): void {
    if (isExpired(this.session)) return;
    const renewer = new SessionRenewer({
      current: () => this.session,
      renewed: (next) => {
        this.session = {
          ...this.session,
          token: next.token,
          role: next.role,
          expiresAt: next.expiresAt,
        };
        saveSession(this.session);
      },
      rejected: (error) => {
        this.accessProblem =
          error.status === 403
            ? rejectionMessage(4403, this.session, error.message)
            : rejectionMessage(4401, this.session);
      },
    });
    this.#renewer = renewer;
    renewer.start();
    this.#cleanups.push(() => renewer.stop());
  }

  #applyName(name: string, pendingName: string | undefined): void {
    const person = { ...this.session.person, name };
    this.session = { ...this.session, person, pendingName };
    saveSession(this.session);
    this.presence.rename(person);
  }

  // A territory deleted by someone else must not stay selected: painting
  // into it would do nothing, and the toolbar hint then prompts for a new pick.
  #clearSelectionOnDelete(planDoc: PlanDoc): () => void {
    const check = () => {
      const selected = this.tools.selectedTerritoryId;
      if (selected !== null && !planDoc.territories.has(selected))
        this.selectTerritory(null);
    };
    planDoc.territories.observe(check);
    return () => planDoc.territories.unobserve(check);
  }

  selectTerritory(territoryId: string | null): void {
    this.tools.selectedTerritoryId = territoryId;
    this.presence.setSelectedTerritory(territoryId);
  }

  // Asks the server whether the stored token still holds, without blocking
  // an offline start: a network failure leaves the session as it is. A name
  // chosen offline goes to the server now. Otherwise the server's name wins,
  // because the person may have renamed themselves in another plan.
  async #checkSession(): Promise<void> {
    try {
      const reply = await fetchSession(this.session.token);
      if (reply.role !== this.session.role) {
        this.session = { ...this.session, role: reply.role };
        saveSession(this.session);
      }
      const pending = this.session.pendingName;
      if (pending !== undefined) await this.#sendName(pending);
      else if (reply.person.name !== this.session.person.name)
        this.#applyName(reply.person.name, undefined);
    } catch (error) {
      if (!(error instanceof ApiError)) return;
      if (error.status === 401)
        this.accessProblem = rejectionMessage(4401, this.session);
      if (error.status === 403)
        this.accessProblem = rejectionMessage(
          4403,
          this.session,
          error.message,
        );
    }
  }
}

function socketBase(): string {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}`;
}

function expiredMessage(session: PersonalSession): string {
  return `your access to this plan expired on ${new Date(session.expiresAt).toLocaleString()}. Open a new invite link from the plan owner.`;
}

function rejectionMessage(
  code: number,
  session: PersonalSession,
  reason = "",
): string {
  if (code === 4403 && reason) return reason;
  if (code === 4403)
    return `the server rejected your token for plan "${session.planId}". Open an invite link for this plan.`;
  if (isExpired(session)) return expiredMessage(session);
  return "the server no longer accepts your access to this plan (expired or revoked). Open a new invite link from the plan owner.";
}
