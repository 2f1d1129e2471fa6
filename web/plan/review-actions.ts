import type { ReviewAction, ReviewStatus } from "../session/review-api.ts";
import type { Role } from "../session/types.ts";

const STATUS_LABELS: Record<ReviewStatus, string> = {
  draft: "Draft",
  "in-review": "In review",
  approved: "Approved",
  published: "Published",
};

/** Badge text of a status, such as "Approved: void" for a changed plan. */
export function reviewLabel(status: ReviewStatus, isVoid: boolean): string {
  return isVoid ? `${STATUS_LABELS[status]}: void` : STATUS_LABELS[status];
}

/**
 * Review actions that `role` can take in `status`. The server checks the
 * same rules again and rejects the rest.
 */
export function availableActions(
  role: Role,
  status: ReviewStatus,
  isVoid: boolean,
): ReviewAction[] {
  if (role === "reviewer") {
    return status === "in-review" ? ["approve", "send-back"] : [];
  }
  if (role !== "editor") return [];

  switch (status) {
    case "draft":
      return ["request-review"];
    case "in-review":
      return ["withdraw"];
    case "approved":
      return isVoid ? ["request-review"] : ["publish"];
    case "published":
      return isVoid ? ["request-review"] : [];
  }
}
