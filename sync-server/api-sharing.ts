import type { IncomingMessage } from "node:http";
import {
  authenticatePerson,
  requireEditor,
  requireMember,
  type ApiContext,
} from "./api-auth.ts";
import { readFields } from "./api.ts";
import { HttpError } from "./http-json.ts";
import type { InviteRecord } from "./invite-store.ts";
import { inviteToken, MAX_INVITE_DAYS, mintInvite } from "./invites.ts";
import { inviteUrl, START_LINK_DAYS } from "./links.ts";
import { personColor } from "./person.ts";
import { isRole, ROLES, type Role } from "./roles.ts";

/** An active invite link, as GET .../invites lists it. */
export interface InviteEntry {
  id: string;
  role: Role;
  /** Person id of the editor who made it, or "server". */
  createdBy: string;
  /** That editor's name, or null for "server" and unknown people. */
  createdByName: string | null;
  /** ISO 8601 times. */
  createdAt: string;
  expiresAt: string;
  url: string;
}

/** GET /api/plans/<planId>/invites: the plan's active invite links. */
export async function listInvites(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{ invites: InviteEntry[] }> {
  const claims = await authenticatePerson(context, request);
  requireEditor(context, claims, planId, "see the invite links");
  const baseUrl = linkBase(request, context.publicBaseUrl());
  const invites = await Promise.all(
    context.storage.invites
      .listActive(planId)
      .map((invite) => describeInvite(context, invite, baseUrl)),
  );
  return { invites };
}

/**
 * POST /api/plans/<planId>/invites `{ role, days }`: records a new invite
 * link, valid for `days` days (30 when absent).
 */
export async function createInvite(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{ id: string; role: Role; url: string; expiresAt: string }> {
  const claims = await authenticatePerson(context, request);
  requireEditor(context, claims, planId, "create invite links");
  const fields = await readFields(request);
  if (!isRole(fields.role)) {
    throw new HttpError(
      400,
      "ROLE_INVALID",
      `Role ${JSON.stringify(fields.role ?? null)} is not one of ${ROLES.join(", ")}.`,
    );
  }
  const days = readDays(fields.days);

  const { invite, token } = await mintInvite(context.storage, context.secret, {
    planId,
    role: fields.role,
    days,
    createdBy: claims.sub,
  });
  context.logger.info(
    { plan: planId, invite: invite.id, role: invite.role, by: claims.sub },
    "invite created",
  );
  return {
    id: invite.id,
    role: invite.role,
    url: inviteUrl(linkBase(request, context.publicBaseUrl()), planId, token),
    expiresAt: new Date(invite.expiresAt).toISOString(),
  };
}

/**
 * DELETE /api/plans/<planId>/invites/<inviteId>: revokes an invite link and
 * closes the sockets opened with it. People who joined with the link keep
 * their access. Revoking twice succeeds and keeps the first time.
 */
export async function revokeInvite(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  inviteId: string,
): Promise<{ id: string; revokedAt: string; closedConnections: number }> {
  const claims = await authenticatePerson(context, request);
  requireEditor(context, claims, planId, "revoke invite links");
  const invite = context.storage.invites.get(inviteId);
  if (!invite || invite.planId !== planId) {
    throw new HttpError(
      404,
      "INVITE_NOT_FOUND",
      `Plan "${planId}" has no invite "${inviteId}". List the invites with GET /api/plans/${planId}/invites.`,
    );
  }

  context.storage.invites.revoke(inviteId, claims.sub);
  const revoked = context.storage.invites.get(inviteId);
  const closedConnections = context.closeSockets(
    planId,
    (member) => member.inviteId === inviteId,
    "This invite link was revoked. Ask an editor of the plan for a new link.",
  );
  context.logger.info(
    { plan: planId, invite: inviteId, by: claims.sub, closedConnections },
    "invite revoked",
  );
  return {
    id: inviteId,
    revokedAt: new Date(revoked?.revokedAt ?? Date.now()).toISOString(),
    closedConnections,
  };
}

/** A member of a plan, as GET .../people lists them. */
export interface PersonEntry {
  id: string;
  name: string;
  color: string;
  role: Role;
  /** ISO 8601 time. */
  joinedAt: string;
}

/** GET /api/plans/<planId>/people: everyone who joined and was not removed. */
export async function listPeople(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{ people: PersonEntry[] }> {
  const claims = await authenticatePerson(context, request);
  requireMember(context, claims, planId);
  const people = context.storage.people.listMembers(planId).map((member) => ({
    id: member.personId,
    name: member.name,
    color: personColor(member.personId),
    role: member.role,
    joinedAt: new Date(member.joinedAt).toISOString(),
  }));
  return { people };
}

/**
 * DELETE /api/plans/<planId>/people/<personId>: removes a person from the
 * plan. Their person token stops working and their open sockets close.
 */
export async function removePerson(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  personId: string,
): Promise<{ id: string; removedAt: string; closedConnections: number }> {
  const claims = await authenticatePerson(context, request);
  requireEditor(context, claims, planId, "remove people");
  if (personId === claims.sub) {
    throw new HttpError(
      400,
      "REMOVE_SELF",
      `You cannot remove yourself from plan "${planId}"; ask another editor to remove you.`,
    );
  }
  const member = context.storage.people.get(planId, personId);
  if (!member || member.removedAt !== null) {
    throw new HttpError(
      404,
      "PERSON_NOT_FOUND",
      `Person "${personId}" is not a member of plan "${planId}". List the people with GET /api/plans/${planId}/people.`,
    );
  }

  const removedAt = Date.now();
  context.storage.people.remove(planId, personId, claims.sub, removedAt);
  const closedConnections = context.closeSockets(
    planId,
    (socket) => socket.personId === personId,
    "You were removed from this plan. Ask an editor for a new invite link.",
  );
  context.logger.info(
    { plan: planId, person: personId, by: claims.sub, closedConnections },
    "person removed",
  );
  return {
    id: personId,
    removedAt: new Date(removedAt).toISOString(),
    closedConnections,
  };
}

async function describeInvite(
  context: ApiContext,
  invite: InviteRecord,
  baseUrl: string,
): Promise<InviteEntry> {
  const creator = context.storage.people.get(invite.planId, invite.createdBy);
  const token = await inviteToken(context.secret, invite);
  return {
    id: invite.id,
    role: invite.role,
    createdBy: invite.createdBy,
    createdByName: creator?.name ?? null,
    createdAt: new Date(invite.createdAt).toISOString(),
    expiresAt: new Date(invite.expiresAt).toISOString(),
    url: inviteUrl(baseUrl, invite.planId, token),
  };
}

function readDays(value: unknown): number {
  if (value === undefined || value === null) return START_LINK_DAYS;
  if (
    typeof value !== "number" ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_INVITE_DAYS
  ) {
    throw new HttpError(
      400,
      "DAYS_INVALID",
      `"days" ${JSON.stringify(value)} is not a whole number from 1 to ${MAX_INVITE_DAYS}.`,
    );
  }
  return value;
}

// Links use the address the request came to, so that an editor gets a link
// that opens where they are. `fallback` covers a request without a Host.
function linkBase(request: IncomingMessage, fallback: string): string {
  const host = request.headers.host ?? "";
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return fallback;
  const forwarded = request.headers["x-forwarded-proto"];
  const scheme = forwarded === "https" ? "https" : "http";
  return `${scheme}://${host}/`;
}
