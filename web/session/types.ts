/** Plan roles: an editor writes the plan; a reviewer and a viewer read it. */
export type Role = "editor" | "reviewer" | "viewer";

export interface Person {
  id: string;
  name: string;
  color: string;
}

/** The identity a person holds for one plan after joining it with an invite link. */
export interface PersonalSession {
  /** Personal token sent as a Bearer token and as the `token` parameter of the sync socket. */
  token: string;
  person: Person;
  planId: string;
  role: Role;
  /** ISO 8601 time after which the server rejects the token. */
  expiresAt: string;
  /** SHA-256 of the invite token this session was created from, to notice a different invite. */
  inviteDigest: string | null;
  /** The plan's name as last seen, for the plans menu while offline. */
  planName?: string;
  /** A display name chosen while the server could not be reached, sent when it can. */
  pendingName?: string;
}

export function isRole(value: unknown): value is Role {
  return value === "editor" || value === "reviewer" || value === "viewer";
}

export function canEdit(role: Role): boolean {
  return role === "editor";
}
