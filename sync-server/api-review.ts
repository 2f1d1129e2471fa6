import type { IncomingMessage } from "node:http";
import * as Y from "yjs";
import { planContentHash } from "../model/doc/plan-content.ts";
import { randomId } from "../model/doc/plan-doc.ts";
import {
  authenticatePerson,
  requireMember,
  type ApiContext,
} from "./api-auth.ts";
import { MAX_BODY_BYTES } from "./api.ts";
import { HttpError, readJsonBody } from "./http-json.ts";
import type { ReviewEvent } from "./review-store.ts";
import {
  isApprovalVoid,
  isReviewAction,
  MAX_REVIEW_COMMENT_CHARS,
  nextReviewStatus,
  readReviewState,
  REVIEW_ACTIONS,
  type ReviewStatus,
} from "./review-status.ts";
import type { Storage } from "./storage.ts";

/** One entry of the review log, as the review API returns it. */
export interface ReviewEventEntry {
  action: string;
  /** Plan status after the action. */
  status: string;
  comment: string;
  personId: string;
  /** The person's display name in the plan, or null for an unknown person. */
  name: string | null;
  /** ISO 8601 time. */
  at: string;
  /** Canonical content hash of the plan when the action was taken. */
  contentHash: string;
  /** Seq of the plan room's last stored update at that moment. */
  planSeq: number;
}

/** A plan's review status, as GET and POST /api/plans/<planId>/review return it. */
export interface ReviewBody {
  status: ReviewStatus;
  /** True when the plan is approved or published but changed since the approval. */
  void: boolean;
  /** Content hash of the approval in force, or null when none is. */
  approvedHash: string | null;
  /** Canonical content hash of the plan as the server stores it now. */
  contentHash: string;
  /** Oldest first. */
  events: ReviewEventEntry[];
}

/** GET /api/plans/<planId>/review: the plan's review status and log. */
export async function readReview(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<ReviewBody> {
  const claims = await authenticatePerson(context, request);
  requireMember(context, claims, planId);
  const current = readCurrentPlan(context.storage, planId);
  return describeReview(context.storage, planId, current.contentHash);
}

/**
 * POST /api/plans/<planId>/review `{ action, comment? }`: takes one review
 * action and stores it as a review event. An approval records the content
 * hash and the last update seq of the plan as the server stores it.
 */
export async function changeReview(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<ReviewBody> {
  const claims = await authenticatePerson(context, request);
  requireMember(context, claims, planId);
  const fields = await readReviewFields(request);
  const action = readAction(fields.action);
  const comment = readComment(fields.comment);

  // Everything below runs synchronously, so no other action on this plan
  // can store an event between reading the status and storing the next one.
  const storage = context.storage;
  const current = readCurrentPlan(storage, planId);
  const state = readReviewState(storage.reviews.list(planId));
  const isVoid = isApprovalVoid(state, current.contentHash);
  const status = nextReviewStatus(state, isVoid, {
    planId,
    action,
    role: claims.role,
    comment,
  });

  const event: ReviewEvent = {
    id: randomId(),
    planId,
    action,
    status,
    contentHash: current.contentHash,
    planSeq: current.planSeq,
    comment,
    personId: claims.sub,
    createdAt: Date.now(),
  };
  storage.reviews.insert(event);
  context.logger.info(
    {
      plan: planId,
      action,
      status,
      seq: current.planSeq,
      hash: current.contentHash,
      by: claims.sub,
    },
    "review status changed",
  );
  return describeReview(storage, planId, current.contentHash);
}

/** The plan's content hash and last stored update seq, read together. */
interface CurrentPlan {
  contentHash: string;
  planSeq: number;
}

// The server stores every update before it applies it to a loaded room, so
// the stored room is never behind the live one.
// NOTE: this rebuilds the document from storage on every request, so a plan
// with many updates since its last snapshot costs more to read.
function readCurrentPlan(storage: Storage, planId: string): CurrentPlan {
  const stored = storage.loadRoom(planId);
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    return { contentHash: planContentHash(doc), planSeq: stored.lastSeq };
  } finally {
    doc.destroy();
  }
}

function describeReview(
  storage: Storage,
  planId: string,
  contentHash: string,
): ReviewBody {
  const events = storage.reviews.list(planId);
  const state = readReviewState(events);
  const names = new Map<string, string | null>();
  const nameOf = (personId: string) => {
    if (!names.has(personId)) {
      names.set(personId, storage.people.get(planId, personId)?.name ?? null);
    }
    return names.get(personId) ?? null;
  };

  return {
    status: state.status,
    void: isApprovalVoid(state, contentHash),
    approvedHash: state.approvedHash,
    contentHash,
    events: events.map((event) => ({
      action: event.action,
      status: event.status,
      comment: event.comment,
      personId: event.personId,
      name: nameOf(event.personId),
      at: new Date(event.createdAt).toISOString(),
      contentHash: event.contentHash,
      planSeq: event.planSeq,
    })),
  };
}

/** Reads the JSON object body of a review action. */
async function readReviewFields(
  request: IncomingMessage,
): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    return body as Record<string, unknown>;
  }
  throw new HttpError(
    400,
    "REVIEW_BODY_INVALID",
    `The request body is ${Array.isArray(body) ? "a JSON array" : `the JSON value ${JSON.stringify(body)}`}, but it must be a JSON object with an action, such as {"action": "request-review"}. Actions: ${REVIEW_ACTIONS.join(", ")}.`,
  );
}

function readAction(value: unknown) {
  if (isReviewAction(value)) return value;
  if (value === undefined) {
    throw new HttpError(
      400,
      "REVIEW_ACTION_INVALID",
      `The request body has no "action" field. Send a JSON object with an action, such as {"action": "request-review"}. Actions: ${REVIEW_ACTIONS.join(", ")}.`,
    );
  }
  throw new HttpError(
    400,
    "REVIEW_ACTION_INVALID",
    `Review action ${JSON.stringify(value ?? null)} is not known. Send one of: ${REVIEW_ACTIONS.join(", ")}.`,
  );
}

/** Reads an optional comment of at most 2000 characters after trimming. */
function readComment(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") {
    throw new HttpError(
      400,
      "REVIEW_COMMENT_INVALID",
      `Review comment ${JSON.stringify(value)} is not a string. Send text of at most ${MAX_REVIEW_COMMENT_CHARS} characters, or leave the comment out.`,
    );
  }
  const comment = value.trim();
  const length = [...comment].length;
  if (length > MAX_REVIEW_COMMENT_CHARS) {
    throw new HttpError(
      400,
      "REVIEW_COMMENT_INVALID",
      `Review comment has ${length} characters. Shorten it to at most ${MAX_REVIEW_COMMENT_CHARS} characters.`,
    );
  }
  return comment;
}
