import { apiRequest } from "./api.ts";
import type { Role } from "./types.ts";
import { newerStoredToken } from "./token-renewal.ts";

/** An active invite link of a plan. */
export interface InviteLink {
  id: string;
  role: Role;
  /** Person id of the editor who made it, or "server". */
  createdBy: string;
  createdByName: string | null;
  createdAt: string;
  expiresAt: string;
  url: string;
}

/** A person who joined a plan. */
export interface PlanPerson {
  id: string;
  name: string;
  color: string;
  role: Role;
  joinedAt: string;
}

/**
 * The invite and people endpoints of one plan, called with a person token,
 * or with the plan's stored session once that was renewed.
 */
export class SharingApi {
  readonly #base: string;
  readonly #planId: string;
  readonly #token: string;

  constructor(planId: string, token: string) {
    this.#planId = planId;
    this.#base = `/api/plans/${encodeURIComponent(planId)}`;
    this.#token = token;
  }

  #currentToken(): string {
    return newerStoredToken(this.#planId, this.#token);
  }

  async listInvites(): Promise<InviteLink[]> {
    const body = (await this.#send("GET", "/invites")) as {
      invites: InviteLink[];
    };
    return body.invites;
  }

  createInvite(
    role: Role,
    days: number,
  ): Promise<{ id: string; role: Role; url: string; expiresAt: string }> {
    return this.#send("POST", "/invites", { role, days }) as Promise<{
      id: string;
      role: Role;
      url: string;
      expiresAt: string;
    }>;
  }

  async revokeInvite(inviteId: string): Promise<void> {
    await this.#send("DELETE", `/invites/${encodeURIComponent(inviteId)}`);
  }

  async listPeople(): Promise<PlanPerson[]> {
    const body = (await this.#send("GET", "/people")) as {
      people: PlanPerson[];
    };
    return body.people;
  }

  async removePerson(personId: string): Promise<void> {
    await this.#send("DELETE", `/people/${encodeURIComponent(personId)}`);
  }

  #send(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#currentToken()}`,
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    return apiRequest(this.#base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}
