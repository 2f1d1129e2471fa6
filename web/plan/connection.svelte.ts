import type * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";

/**
 * - `connected`: the socket is open and the plan is in step with the server.
 * - `syncing`: the socket is open and the first exchange of updates is running.
 * - `connecting`: the first attempt of this page is still running.
 * - `offline`: an attempt failed; the provider retries with backoff.
 * - `rejected`: the server closed the socket for good (4401, 4403).
 */
export type ConnectionStatus =
  "connected" | "syncing" | "connecting" | "offline" | "rejected";

/** A close the provider does not retry, with its WebSocket close code. */
export interface Rejection {
  code: number;
  reason: string;
}

/** WebSocket close code the server sends when a message exceeds its size limit. */
const MESSAGE_TOO_LARGE = 1009;

const PENDING_KEY_PREFIX = "meridian.pendingEdits.";

/**
 * Connection status of the plan's socket and a count of local edits made
 * while it was not in step. The count is a hint: it is kept per plan in
 * localStorage, so edits made offline before a reload still count, and it
 * resets when the server has the plan in step again.
 */
export class ConnectionState {
  status = $state<ConnectionStatus>("connecting");
  pendingEdits = $state(0);
  rejection = $state.raw<Rejection | null>(null);
  /** True after the server closed the socket with 1009 (message too large) and until it syncs again. */
  tooLarge = $state(false);

  #planId = "";
  #failedSinceConnected = false;

  attach(
    planId: string,
    provider: WebsocketProvider,
    doc: Y.Doc,
    isLocalOrigin: (origin: unknown) => boolean,
  ): () => void {
    this.#planId = planId;
    this.pendingEdits = Number(
      window.localStorage.getItem(PENDING_KEY_PREFIX + planId) ?? 0,
    );

    const update = () => this.#update(provider);
    const onClose = (event: CloseEvent | null) => {
      this.#failedSinceConnected = true;
      if (event?.code === MESSAGE_TOO_LARGE) this.tooLarge = true;
      update();
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status === "connected") this.#failedSinceConnected = false;
      update();
    };
    const onSync = (synced: boolean) => {
      if (synced) {
        this.#setPending(0);
        this.tooLarge = false;
      }
      update();
    };
    const onClosed = (event: Rejection) => {
      this.rejection = event;
      update();
    };
    const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
      if (isLocalOrigin(origin) && this.status !== "connected") {
        this.#setPending(this.pendingEdits + 1);
      }
    };

    provider.on("status", onStatus);
    provider.on("connection-close", onClose);
    provider.on("sync", onSync);
    provider.on("closed", onClosed);
    doc.on("update", onDocUpdate);
    update();
    return () => {
      provider.off("status", onStatus);
      provider.off("connection-close", onClose);
      provider.off("sync", onSync);
      provider.off("closed", onClosed);
      doc.off("update", onDocUpdate);
    };
  }

  #update(provider: WebsocketProvider): void {
    if (this.rejection) this.status = "rejected";
    else if (provider.wsconnected)
      this.status = provider.synced ? "connected" : "syncing";
    else this.status = this.#failedSinceConnected ? "offline" : "connecting";
  }

  #setPending(count: number): void {
    this.pendingEdits = count;
    const key = PENDING_KEY_PREFIX + this.#planId;
    if (count === 0) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, String(count));
  }
}
