import { HttpError } from "./http-json.ts";
import type { Role } from "./roles.ts";

/**
 * Review status of a plan. A plan starts as a draft, goes in review, is
 * approved by a reviewer and then published by an editor.
 */
export const REVIEW_STATUSES = [
  "draft",
  "in-review",
  "approved",
  "published",
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_ACTIONS = [
  "request-review",
  "approve",
  "send-back",
  "publish",
  "withdraw",
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const MAX_REVIEW_COMMENT_CHARS = 2000;

/** Actions as messages name them, before the plan. */
const ACTION_TEXT: Record<ReviewAction, string> = {
  "request-review": "request review of",
  approve: "approve",
  "send-back": "send back",
  publish: "publish",
  withdraw: "withdraw",
};

/** Status words as messages show them. */
const STATUS_TEXT: Record<ReviewStatus, string> = {
  draft: "a draft",
  "in-review": "in review",
  approved: "approved",
  published: "published",
};

/** Roles with their indefinite article, as messages name them. */
const ROLE_WITH_ARTICLE: Record<Role, string> = {
  editor: "an editor",
  reviewer: "a reviewer",
  viewer: "a viewer",
};

/** The fields of a stored review event that the status depends on. */
export interface ReviewStep {
  action: string;
  status: string;
  contentHash: string;
}

/** A plan's review status as its event log leaves it. */
export interface ReviewState {
  status: ReviewStatus;
  /**
   * Content hash of the latest approval while the plan is approved or
   * published, and null in the other statuses.
   */
  approvedHash: string | null;
}

export function isReviewAction(value: unknown): value is ReviewAction {
  return (REVIEW_ACTIONS as readonly unknown[]).includes(value);
}

export function isReviewStatus(value: unknown): value is ReviewStatus {
  return (REVIEW_STATUSES as readonly unknown[]).includes(value);
}

/**
 * Replays a plan's review events, oldest first. A plan without events is a
 * draft. An event with a status this server does not know is skipped.
 */
export function readReviewState(events: readonly ReviewStep[]): ReviewState {
  let status: ReviewStatus = "draft";
  let approvedHash: string | null = null;
  for (const event of events) {
    if (!isReviewStatus(event.status)) continue;
    status = event.status;
    if (event.action === "approve") approvedHash = event.contentHash;
  }
  const approvalHolds = status === "approved" || status === "published";
  return { status, approvedHash: approvalHolds ? approvedHash : null };
}

/**
 * True when the plan is approved or published but its content no longer has
 * the hash that was approved.
 */
export function isApprovalVoid(
  state: ReviewState,
  contentHash: string,
): boolean {
  return state.approvedHash !== null && state.approvedHash !== contentHash;
}

/** A review action as a person requests it. */
export interface ReviewRequest {
  planId: string;
  action: ReviewAction;
  role: Role;
  /** Trimmed comment, "" when the person gave none. */
  comment: string;
}

/**
 * Checks that `request` is allowed in `state` and returns the status it
 * leads to. Throws an HttpError: 403 when the role may not take the action,
 * 409 when the status does not allow it, 400 when a send-back has no
 * comment.
 */
export function nextReviewStatus(
  state: ReviewState,
  isVoid: boolean,
  request: ReviewRequest,
): ReviewStatus {
  requireRole(request);
  const next = transition(state.status, isVoid, request);
  if (request.action === "send-back" && request.comment === "") {
    throw new HttpError(
      400,
      "REVIEW_COMMENT_REQUIRED",
      `Sending plan "${request.planId}" back needs a comment. Say what must change before it can be approved.`,
    );
  }
  return next;
}

const REVIEWER_ACTIONS: readonly ReviewAction[] = ["approve", "send-back"];

/** Returns the role that may take `action`. */
export function roleForAction(action: ReviewAction): Role {
  return REVIEWER_ACTIONS.includes(action) ? "reviewer" : "editor";
}

function requireRole({ planId, action, role }: ReviewRequest): void {
  const needed = roleForAction(action);
  if (role === needed) return;

  throw new HttpError(
    403,
    needed === "reviewer" ? "REVIEWER_REQUIRED" : "EDITOR_REQUIRED",
    `Only ${needed}s can ${ACTION_TEXT[action]} a plan, and your role in plan "${planId}" is ${role}. Ask ${ROLE_WITH_ARTICLE[needed]} of the plan.`,
  );
}

function transition(
  status: ReviewStatus,
  isVoid: boolean,
  { planId, action }: ReviewRequest,
): ReviewStatus {
  const conflict = (reason: string) =>
    new HttpError(
      409,
      "REVIEW_STATUS_CONFLICT",
      `Cannot ${ACTION_TEXT[action]} plan "${planId}": it is ${STATUS_TEXT[status]}. ${reason}`,
    );

  switch (action) {
    case "request-review":
      if (status === "draft") return "in-review";
      if (status === "in-review") {
        throw conflict(
          "Wait for a reviewer to approve it or send it back, or withdraw it.",
        );
      }
      if (!isVoid) {
        throw conflict(
          "Its approval still matches the plan, so there is nothing new to review. Change the plan first.",
        );
      }
      return "in-review";

    case "approve":
    case "send-back":
      if (status === "in-review")
        return action === "approve" ? "approved" : "draft";
      if (status === "draft") {
        throw conflict(
          "Only a plan in review can be approved or sent back. Ask an editor to request review.",
        );
      }
      if (isVoid) {
        throw conflict(
          "Only a plan in review can be approved or sent back. The plan changed after its approval, so ask an editor to request review again.",
        );
      }
      throw conflict(
        "Only a plan in review can be approved or sent back. Its approval still matches the plan, so there is nothing new to review.",
      );

    case "publish":
      if (status === "approved" && !isVoid) return "published";
      if (status === "approved" || status === "published") {
        if (isVoid) {
          throw conflict(
            "The plan changed after its approval, so the approval is void. Request review again.",
          );
        }
        throw conflict(
          "Nothing changed since its approval, so there is nothing new to publish.",
        );
      }
      if (status === "in-review") {
        throw conflict(
          "Only an approved plan can be published. Wait for a reviewer to approve it.",
        );
      }
      throw conflict(
        "Only an approved plan can be published. Request review first.",
      );

    case "withdraw":
      if (status === "in-review") return "draft";
      throw conflict("Only a plan in review can be withdrawn.");
  }
}
