import { apiRequest } from "./api.ts";
import { newerStoredToken } from "./token-renewal.ts";

export type ReviewStatus = "draft" | "in-review" | "approved" | "published";

export type ReviewAction =
  "request-review" | "approve" | "send-back" | "publish" | "withdraw";

/** One entry of a plan's review log. */
export interface ReviewEventEntry {
  action: ReviewAction;
  /** Plan status after the action. */
  status: ReviewStatus;
  comment: string;
  personId: string;
  /** Display name in the plan, or null for a person the server does not know. */
  name: string | null;
  /** ISO 8601 time. */
  at: string;
  contentHash: string;
}

/** A plan's review status as the server stores it. */
export interface ReviewReply {
  status: ReviewStatus;
  /** True when the plan changed on the server after its approval. */
  void: boolean;
  /** Content hash of the approval in force, or null when none is. */
  approvedHash: string | null;
  /** Content hash of the plan as the server stores it. */
  contentHash: string;
  /** Oldest first. */
  events: ReviewEventEntry[];
}

/**
 * The review endpoint of one plan, called with a person token, or with the
 * plan's stored session once that was renewed.
 */
export class ReviewApi {
  readonly #path: string;
  readonly #planId: string;
  readonly #token: string;

  constructor(planId: string, token: string) {
    this.#planId = planId;
    this.#path = `/api/plans/${encodeURIComponent(planId)}/review`;
    this.#token = token;
  }

  #currentToken(): string {
    return newerStoredToken(this.#planId, this.#token);
  }

  async read(): Promise<ReviewReply> {
    return (await apiRequest(this.#path, {
      headers: {
        authorization: `Bearer ${this.#currentToken()}`,
      },
    })) as ReviewReply;
  }

  /** Takes one review action. Raises ApiError with the server's reason when the action is not allowed. */
  async act(action: ReviewAction, comment: string): Promise<ReviewReply> {
    return (await apiRequest(this.#path, {
      method: "POST",
      headers: {
        authorization: `Bearer ${this.#currentToken()}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ action, comment }),
    })) as ReviewReply;
  }
}
