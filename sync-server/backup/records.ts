import {
  MAX_VERSION_NAME_CHARS,
  MAX_VERSION_NOTE_CHARS,
  NAME_CONTROL_CHARACTER,
  NOTE_CONTROL_CHARACTER,
} from "../api-versions.ts";
import { checkDisplayName } from "../person.ts";
import { checkPlanName } from "../plans.ts";
import { HttpError } from "../http-json.ts";
import {
  isApprovalVoid,
  isReviewAction,
  isReviewStatus,
  MAX_REVIEW_COMMENT_CHARS,
  nextReviewStatus,
  readReviewState,
  REVIEW_ACTIONS,
  REVIEW_STATUSES,
  roleForAction,
  type ReviewStep,
} from "../review-status.ts";
import { ROLES, isRole } from "../roles.ts";
import type {
  BackupContent,
  BackupPerson,
  BackupReviewEvent,
  BackupVersion,
} from "./format.ts";

const CONTENT_HASH = /^[0-9a-f]{64}$/;

/**
 * Checks every plan, person, version and review event record of a backup
 * against the rules that the live routes apply when they create one: plan
 * creation, join, the versions API and the review API. Returns one sentence
 * for each problem found, or an empty list. The checksum does not protect
 * these records, because anyone who edits a backup can compute it again.
 */
export function findRecordProblems(content: BackupContent): string[] {
  const lastPlanSeq = content.planRoom.updates.at(-1)?.seq ?? 0;
  const problems: string[] = [];

  const planName = checkPlanName(content.plan.name);
  if (!planName.ok) {
    problems.push(
      `content.plan.name: ${shortenValue(planName.message, content.plan.name)}`,
    );
  }
  content.people.forEach((person, i) => {
    problems.push(...findPersonProblems(person, `content.people[${i}]`));
  });
  content.versions.forEach((version, i) => {
    const at = `content.versions[${i}]`;
    problems.push(...findVersionProblems(version, at, lastPlanSeq));
  });
  content.reviewEvents.forEach((event, i) => {
    const at = `content.reviewEvents[${i}]`;
    problems.push(...findReviewEventProblems(event, at, lastPlanSeq));
  });
  problems.push(
    ...findReviewLogProblems(content.plan.id, content.reviewEvents),
  );
  return problems;
}

function findPersonProblems(person: BackupPerson, at: string): string[] {
  const problems: string[] = [];
  const name = checkDisplayName(person.name);
  if (!name.ok) {
    problems.push(`${at}.name: ${shortenValue(name.message, person.name)}`);
  }
  if (!isRole(person.role)) {
    problems.push(
      `${at}.role is ${preview(person.role)}, expected one of: ${ROLES.join(", ")}.`,
    );
  }
  return problems;
}

function findVersionProblems(
  version: BackupVersion,
  at: string,
  lastPlanSeq: number,
): string[] {
  const problems: string[] = [];
  const name = version.name.trim();
  if (name.length === 0 || name.length > MAX_VERSION_NAME_CHARS) {
    problems.push(
      `${at}.name ${preview(version.name)} has ${name.length} characters (UTF-16 code units) after trimming, expected 1 to ${MAX_VERSION_NAME_CHARS}.`,
    );
  } else if (NAME_CONTROL_CHARACTER.test(name)) {
    problems.push(
      `${at}.name ${preview(version.name)} contains a control character, expected one line of printable text.`,
    );
  }

  const note = version.note.trim();
  if (note.length > MAX_VERSION_NOTE_CHARS) {
    problems.push(
      `${at}.note has ${note.length} characters (UTF-16 code units) after trimming, expected at most ${MAX_VERSION_NOTE_CHARS}.`,
    );
  } else if (NOTE_CONTROL_CHARACTER.test(note)) {
    problems.push(
      `${at}.note contains a control character other than a line break.`,
    );
  }

  if (version.seq > lastPlanSeq) {
    problems.push(
      `${at}.seq is ${version.seq}, but the plan room has updates up to ${lastPlanSeq} only.`,
    );
  }
  return problems;
}

function findReviewEventProblems(
  event: BackupReviewEvent,
  at: string,
  lastPlanSeq: number,
): string[] {
  const problems: string[] = [];
  if (!isReviewAction(event.action)) {
    problems.push(
      `${at}.action is ${preview(event.action)}, expected one of: ${REVIEW_ACTIONS.join(", ")}.`,
    );
  }
  if (!isReviewStatus(event.status)) {
    problems.push(
      `${at}.status is ${preview(event.status)}, expected one of: ${REVIEW_STATUSES.join(", ")}.`,
    );
  }
  if (!CONTENT_HASH.test(event.contentHash)) {
    problems.push(
      `${at}.contentHash is ${preview(event.contentHash)}, expected 64 lowercase hex digits.`,
    );
  }

  // The review API counts comment length in code points after trimming.
  const commentLength = [...event.comment.trim()].length;
  if (commentLength > MAX_REVIEW_COMMENT_CHARS) {
    problems.push(
      `${at}.comment has ${commentLength} characters after trimming, expected at most ${MAX_REVIEW_COMMENT_CHARS}.`,
    );
  }
  if (event.planSeq > lastPlanSeq) {
    problems.push(
      `${at}.planSeq is ${event.planSeq}, but the plan room has updates up to ${lastPlanSeq} only.`,
    );
  }
  return problems;
}

/**
 * Replays the review log with the review API's rules: each action must be
 * allowed in the status the events before it leave, a send-back must have
 * a comment, and each event's status must be the one its action leads to.
 * Events with an unknown action or status are reported elsewhere and
 * skipped here. Roles are not checked, because the backup stores each
 * person's last role only.
 */
function findReviewLogProblems(
  planId: string,
  events: readonly BackupReviewEvent[],
): string[] {
  const problems: string[] = [];
  // readReviewState takes the status from the last event and the approved
  // hash from the last approval, so these two give the state of the log.
  let lastApproval: ReviewStep | null = null;
  let lastEvent: ReviewStep | null = null;

  events.forEach((event, i) => {
    const { action, status } = event;
    if (!isReviewAction(action) || !isReviewStatus(status)) return;

    const at = `content.reviewEvents[${i}]`;
    const earlier = [lastApproval, lastEvent].filter((step) => step !== null);
    const state = readReviewState(earlier);
    const isVoid = isApprovalVoid(state, event.contentHash);
    try {
      const next = nextReviewStatus(state, isVoid, {
        planId,
        action,
        role: roleForAction(action),
        comment: event.comment.trim(),
      });
      if (next !== status) {
        problems.push(
          `${at}.status is "${status}", but "${action}" after the events before it leads to "${next}".`,
        );
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      problems.push(
        error.code === "REVIEW_COMMENT_REQUIRED"
          ? `${at}.comment is empty, but a send-back needs a comment.`
          : `${at}.action "${action}" is not allowed while the plan is ${state.status}${isVoid ? " with a void approval" : ""}, as the events before it leave it.`,
      );
    }

    if (action === "approve") lastApproval = event;
    lastEvent = event;
  });
  return problems;
}

/**
 * Shortens the quoted value inside a message of checkPlanName or
 * checkDisplayName, which quote the whole trimmed value.
 */
function shortenValue(message: string, value: string): string {
  const trimmed = value.trim();
  return message.replace(`"${trimmed}"`, preview(trimmed));
}

/** Returns a value as JSON, cut to 60 characters so a long one stays readable. */
function preview(value: string): string {
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 60)}…` : json;
}
