import type { IncomingMessage } from "node:http";
import type { ApiContext } from "../api-auth.ts";
import { HttpError } from "../http-json.ts";
import { mintInvite, MAX_INVITE_DAYS } from "../invites.ts";
import { inviteUrl, requestBaseUrl, START_LINK_DAYS } from "../links.ts";
import {
  payAccessOf,
  payCaller,
  requirePayAdmin,
  visibleRepIds,
} from "./access.ts";
import { readObject } from "./body.ts";
import { loadPayPlan, repNames, type PayPlan } from "./plan-data.ts";

/** GET .../pay/me: the caller's pay access and the reps they see. */
export async function payMe(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{
  admin: boolean;
  repId: string | null;
  repName: string | null;
  visibleRepIds: string[];
}> {
  const { access } = await payCaller(context, request, planId);
  const plan = loadPayPlan(context.storage, planId);
  const names = repNames(plan);
  return {
    admin: access.admin,
    repId: access.repId,
    repName: access.repId === null ? null : (names.get(access.repId) ?? null),
    visibleRepIds: visibleRepIds(
      access,
      [...names.keys()],
      plan.incentives.managers,
    ),
  };
}

/** A plan member with their pay access, as GET .../pay/people lists them. */
export interface PayPersonEntry {
  personId: string;
  name: string;
  admin: boolean;
  repId: string | null;
}

/** GET .../pay/people (administrators): every member and their pay access. */
export async function listPayPeople(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{ people: PayPersonEntry[] }> {
  const caller = await payCaller(context, request, planId);
  requirePayAdmin(caller, planId, "list pay access");
  return { people: payPeople(context, planId) };
}

/**
 * PUT .../pay/people/<personId> `{ admin?, repId? }` (administrators): sets
 * a member's pay access. A change that would leave the plan without an
 * administrator is a 409.
 */
export async function setPayPerson(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  personId: string,
): Promise<PayPersonEntry> {
  const caller = await payCaller(context, request, planId);
  requirePayAdmin(caller, planId, "change pay access");
  const fields = await readObject(request);
  const member = context.storage.people.get(planId, personId);
  if (!member || member.removedAt !== null) {
    throw new HttpError(
      404,
      "PERSON_NOT_FOUND",
      `Person "${personId}" is not a member of plan "${planId}". List the people with GET /api/plans/${planId}/pay/people.`,
    );
  }

  const current = payAccessOf(context.storage, planId, personId);
  const admin = readAdmin(fields.admin, current.admin);
  const repId =
    fields.repId === undefined
      ? current.repId
      : readRepId(fields.repId, loadPayPlan(context.storage, planId));
  context.storage.transaction(() => {
    context.storage.pay.members.set({
      planId,
      personId,
      admin,
      repId,
      updatedAt: Date.now(),
      updatedBy: caller.claims.sub,
    });
    requireAnAdmin(context, planId);
  });
  context.logger.info(
    {
      plan: planId,
      person: personId,
      admin,
      rep: repId,
      by: caller.claims.sub,
    },
    "pay access set",
  );
  return { personId, name: member.name, admin, repId };
}

/**
 * POST .../pay/invites `{ repId } | { payRole: "admin" }, days?`
 * (administrators): records a pay invite. A rep's invite is personal and
 * works once, with the plan role viewer. An administrator invite has the
 * plan role editor.
 */
export async function createPayInvite(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{ url: string; inviteId: string; expiresAt: string }> {
  const caller = await payCaller(context, request, planId);
  requirePayAdmin(caller, planId, "create pay invites");
  const fields = await readObject(request);
  const days = readDays(fields.days);
  const isAdmin = fields.payRole === "admin";
  if (!isAdmin && fields.payRole !== undefined) {
    throw new HttpError(
      400,
      "PAY_ROLE_INVALID",
      `"payRole" ${JSON.stringify(fields.payRole)} is not "admin". Send { "payRole": "admin" } or { "repId": "<rep id>" }.`,
    );
  }
  if (isAdmin === (fields.repId !== undefined)) {
    throw new HttpError(
      400,
      "PAY_INVITE_INVALID",
      'Send exactly one of "repId" (a rep\'s personal invite) and "payRole": "admin".',
    );
  }
  const repId = isAdmin
    ? null
    : readRepId(fields.repId, loadPayPlan(context.storage, planId));
  if (!isAdmin && repId === null) {
    throw new HttpError(
      400,
      "REP_INVALID",
      '"repId" is null; send the id of the rep the invite is for.',
    );
  }

  const { invite, token } = await mintInvite(context.storage, context.secret, {
    planId,
    role: isAdmin ? "editor" : "viewer",
    days,
    createdBy: caller.claims.sub,
    payRole: isAdmin ? "admin" : null,
    repId,
  });
  context.logger.info(
    {
      plan: planId,
      invite: invite.id,
      payRole: invite.payRole,
      rep: repId,
      by: caller.claims.sub,
    },
    "pay invite created",
  );
  const base = requestBaseUrl(request, context.publicBaseUrl());
  return {
    url: inviteUrl(base, planId, token),
    inviteId: invite.id,
    expiresAt: new Date(invite.expiresAt).toISOString(),
  };
}

function payPeople(context: ApiContext, planId: string): PayPersonEntry[] {
  return context.storage.people.listMembers(planId).map((member) => {
    const access = payAccessOf(context.storage, planId, member.personId);
    return {
      personId: member.personId,
      name: member.name,
      admin: access.admin,
      repId: access.repId,
    };
  });
}

function requireAnAdmin(context: ApiContext, planId: string): void {
  if (payPeople(context, planId).some((person) => person.admin)) return;
  throw new HttpError(
    409,
    "LAST_PAY_ADMIN",
    `This change would leave plan "${planId}" without an incentives administrator. Make another member an administrator first.`,
  );
}

function readAdmin(value: unknown, current: boolean): boolean {
  if (value === undefined) return current;
  if (typeof value === "boolean") return value;
  throw new HttpError(
    400,
    "FIELD_INVALID",
    `"admin" is ${JSON.stringify(value)}; send true or false.`,
  );
}

/** Checks that `value` is null or the id of a planning rep of the plan. */
export function readRepId(value: unknown, plan: PayPlan): string | null {
  if (value === null) return null;
  const names = repNames(plan);
  if (typeof value === "string" && names.has(value)) return value;
  const known = [...names.keys()].slice(0, 10).join(", ") || "none";
  throw new HttpError(
    400,
    "REP_NOT_FOUND",
    `"repId" ${JSON.stringify(value)} is not a rep of plan "${plan.meta.planId}". Use the id of a rep listed in the Capacity view (known: ${known}).`,
  );
}

function readDays(value: unknown): number {
  if (value === undefined || value === null) return START_LINK_DAYS;
  if (
    typeof value === "number" &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= MAX_INVITE_DAYS
  ) {
    return value;
  }
  throw new HttpError(
    400,
    "DAYS_INVALID",
    `"days" ${JSON.stringify(value)} is not a whole number from 1 to ${MAX_INVITE_DAYS}.`,
  );
}
