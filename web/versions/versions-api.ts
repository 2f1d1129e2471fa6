import * as Y from "yjs";
import { ApiError, apiRequest } from "../session/api.ts";
import { newerStoredToken } from "../session/token-renewal.ts";

/** A named version as GET /api/plans/<plan>/versions lists it. */
export interface VersionEntry {
  id: string;
  name: string;
  note: string;
  /** Seq of the plan room's last stored update when it was saved. */
  seq: number;
  createdBy: string;
  createdByName: string | null;
  /** ISO 8601 time. */
  createdAt: string;
}

/** One point of the plan's history for the time slider. */
export interface TimelinePoint {
  seq: number;
  /** ISO 8601 time the server stored the update. */
  at: string;
  personId: string | null;
  name: string | null;
}

/**
 * The versions and timeline endpoints of one plan, called with one person
 * token. Every method raises ApiError with the server's code and message
 * when it rejects the request, and with status 0 when it cannot be reached.
 */
export class VersionsApi {
  readonly #base: string;
  readonly #planId: string;
  readonly #token: string;

  constructor(planId: string, token: string) {
    this.#base = `/api/plans/${encodeURIComponent(planId)}`;
    this.#planId = planId;
    this.#token = token;
  }

  // A renewal stores a newer token for the plan; later requests use it.
  #currentToken(): string {
    return newerStoredToken(this.#planId, this.#token);
  }

  async list(): Promise<VersionEntry[]> {
    const body = (await this.#json("GET", "/versions")) as {
      versions: VersionEntry[];
    };
    return body.versions;
  }

  save(name: string, note: string): Promise<VersionEntry> {
    return this.#json("POST", "/versions", {
      name,
      note,
    }) as Promise<VersionEntry>;
  }

  async timeline(): Promise<TimelinePoint[]> {
    const body = (await this.#json("GET", "/timeline")) as {
      points: TimelinePoint[];
    };
    return body.points;
  }

  /** Returns a detached document with the plan as the version saved it. */
  versionDoc(versionId: string): Promise<Y.Doc> {
    return this.#doc(`/versions/${encodeURIComponent(versionId)}/state`);
  }

  /** Returns a detached document with the plan as it was right after update `seq`. */
  timelineDoc(seq: number): Promise<Y.Doc> {
    return this.#doc(`/timeline/${seq}/state`);
  }

  #json(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#currentToken()}`,
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    return apiRequest(`${this.#base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async #doc(path: string): Promise<Y.Doc> {
    const url = `${this.#base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${this.#currentToken()}` },
      });
    } catch {
      throw new ApiError(
        "unreachable",
        `Could not reach the Meridian server to load ${url}. Check your connection, then try again.`,
        0,
      );
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: { code?: string; message?: string };
      } | null;
      throw new ApiError(
        body?.error?.code ?? `http_${response.status}`,
        body?.error?.message ??
          `The server rejected ${url} with HTTP ${response.status}.`,
        response.status,
      );
    }
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
    return doc;
  }
}
