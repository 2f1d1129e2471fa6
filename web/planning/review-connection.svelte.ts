import type * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import {
  ReviewProposals,
  type QuotaProposal,
} from "../../model/doc/review-proposals.ts";
import { REVIEW_ROOM_SUFFIX } from "../../model/doc/schema.ts";
import { ConnectionState } from "../plan/connection.svelte.ts";
import { openLocalDoc } from "../plan/local-doc.ts";
import type { Workspace } from "../plan/workspace.svelte.ts";
import { liveTokenParams } from "../session/token-renewal.ts";

/**
 * The plan's review document (room `<planId>.review`): opened from
 * IndexedDB like the plan, so proposals show offline, and synced over its
 * own socket with the person's token. The server lets editors and
 * reviewers write it and drops the writes of viewers.
 */
export class ReviewConnection {
  /** Every proposal, newest first, or none until the document opens. */
  proposals = $state.raw<QuotaProposal[]>([]);
  /** True once the document has been read from IndexedDB. */
  opened = $state(false);
  readonly connection = new ConnectionState();
  /** Transaction origin of this page's writes to the review document. */
  readonly origin = { review: "meridian-web" };

  doc: Y.Doc | null = null;
  provider: WebsocketProvider | null = null;
  #review: ReviewProposals | null = null;
  #cleanups: (() => void)[] = [];
  #closed = false;
  readonly #workspace: Workspace;

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
  }

  get room(): string {
    return this.#workspace.planId + REVIEW_ROOM_SUFFIX;
  }

  /** The proposals of the review document, or null before it opens. */
  get review(): ReviewProposals | null {
    return this.#review;
  }

  /** Opens the review document from IndexedDB, then connects it. */
  async open(): Promise<void> {
    const room = this.room;
    const doc = await openLocalDoc(room);
    if (this.#closed) return;

    const review = new ReviewProposals(doc, this.origin);
    this.doc = doc;
    this.#review = review;
    const refresh = () => (this.proposals = review.read());
    review.proposals.observeDeep(refresh);
    this.#cleanups.push(() => review.proposals.unobserveDeep(refresh));
    refresh();
    this.opened = true;

    const provider = new WebsocketProvider(socketBase() + "/sync", room, doc, {
      // Each reconnect reads the token again, so a renewal is picked up.
      params: liveTokenParams(() => this.#workspace.session.token),
    });
    this.provider = provider;
    this.#cleanups.push(
      this.connection.attach(
        room,
        provider,
        doc,
        (origin) => origin === this.origin,
      ),
      () => provider.destroy(),
    );
  }

  /** Disconnects from the server. The document stays in IndexedDB. */
  close(): void {
    this.#closed = true;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }
}

function socketBase(): string {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}`;
}
