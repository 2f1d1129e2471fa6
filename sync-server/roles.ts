import { PLAN_ID_PATTERN, REVIEW_ROOM_SUFFIX } from "../model/doc/schema.ts";

export const ROLES = ["editor", "reviewer", "viewer"] as const;

/** A person's role in one plan. */
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return ROLES.some((role) => role === value);
}

/** A room name split into its plan id and the document it syncs. */
export interface RoomName {
  name: string;
  planId: string;
  kind: "plan" | "review";
}

/** Parses `<planId>` or `<planId>.review`; returns null for anything else. */
export function parseRoomName(name: string): RoomName | null {
  const isReview = name.endsWith(REVIEW_ROOM_SUFFIX);
  const planId = isReview ? name.slice(0, -REVIEW_ROOM_SUFFIX.length) : name;
  if (!PLAN_ID_PATTERN.test(planId)) return null;
  return { name, planId, kind: isReview ? "review" : "plan" };
}

/**
 * Editors write both documents of a plan, reviewers write only the review
 * document, viewers write neither.
 */
export function canWrite(role: Role, kind: RoomName["kind"]): boolean {
  if (role === "editor") return true;
  if (role === "reviewer") return kind === "review";
  return false;
}
