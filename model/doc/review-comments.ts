import * as Y from "yjs";
import { AnchorError, parseAnchor, type Anchor } from "../review/anchor.ts";
import { REVIEW_COMMENTS } from "./schema.ts";

/** Maximum length of a comment or reply body, after trimming. */
export const MAX_COMMENT_LENGTH = 4000;

/** Person who wrote a comment, resolved a thread or replied. */
export interface CommentAuthor {
  personId: string;
  name: string;
}

/** A reply in a thread. */
export interface CommentReply {
  id: string;
  personId: string;
  name: string;
  body: string;
  /** Person ids mentioned in the body. */
  mentions: string[];
  /** Time of writing as an ISO 8601 string. */
  at: string;
}

/** Resolution of a thread: the person who resolved it, and the time. */
export interface CommentResolution {
  /** Person id of the person who resolved the thread. */
  by: string;
  name: string;
  /** Time of resolution as an ISO 8601 string. */
  at: string;
}

/** A comment on one object of the plan, with its replies. */
export interface CommentThread {
  id: string;
  anchor: Anchor;
  author: CommentAuthor;
  body: string;
  /** Person ids mentioned in the body. */
  mentions: string[];
  /** Time of writing as an ISO 8601 string. */
  at: string;
  resolved: CommentResolution | null;
  /** Replies, oldest first. */
  replies: CommentReply[];
  /** Latest of the thread's time, its replies' times and its resolution time. */
  lastActivity: string;
}

/** A new thread or reply as its writer submits it. */
export interface NewComment {
  personId: string;
  name: string;
  body: string;
  mentions: readonly string[];
  at: string;
}

/** A comment, reply or resolution that was rejected before anything was written. */
export class CommentError extends Error {
  override name = "CommentError";
}

/**
 * Reads and writes the comment threads of a plan's review document, which
 * reviewers and editors may write. Each thread is a Y.Map under a random id
 * with `anchor`, `author`, `body`, `mentions`, `at`, `resolved` and
 * `replies`.
 *
 * `resolved` is one value, so two people resolving at once end with one
 * whole resolution. `replies` is a Y.Array created with the thread, so
 * replies written on two replicas at once both survive the merge.
 *
 * A thread names its object by id only, so a county repainted to another
 * territory, or a territory renamed, keeps its comments.
 */
export class ReviewComments {
  readonly threads: Y.Map<unknown>;

  /**
   * `origin` is the transaction origin of every write, so a caller can tell
   * its own writes apart.
   */
  constructor(
    readonly doc: Y.Doc,
    readonly origin: unknown = null,
  ) {
    this.threads = doc.getMap(REVIEW_COMMENTS);
  }

  /**
   * Returns every thread, newest activity first, without entries of unknown
   * shape or with an invalid anchor.
   */
  read(): CommentThread[] {
    const list: CommentThread[] = [];
    this.threads.forEach((entry, id) => {
      const thread = entry instanceof Y.Map ? readThread(id, entry) : null;
      if (thread) list.push(thread);
    });
    return sortByActivity(list);
  }

  /** Returns the threads of one object, newest activity first. */
  threadsOf(anchor: Anchor): CommentThread[] {
    return this.read().filter(
      (thread) =>
        thread.anchor.kind === anchor.kind && thread.anchor.id === anchor.id,
    );
  }

  /** Returns one thread, or null when the document has no valid thread with this id. */
  get(id: string): CommentThread | null {
    const entry = this.threads.get(id);
    return entry instanceof Y.Map ? readThread(id, entry) : null;
  }

  /**
   * Starts a thread on an object and returns its id. Raises a CommentError,
   * writing nothing, when the anchor, the writer, the body, a mention or the
   * time is invalid.
   */
  add(anchor: Anchor, comment: NewComment): string {
    const checkedAnchor = checkAnchor(anchor);
    const fields = checkComment(comment, "comment");

    const id = globalThis.crypto.randomUUID();
    this.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      entry.set("anchor", checkedAnchor);
      entry.set("author", { personId: fields.personId, name: fields.name });
      entry.set("body", fields.body);
      entry.set("mentions", fields.mentions);
      entry.set("at", fields.at);
      entry.set("resolved", null);
      entry.set("replies", new Y.Array<unknown>());
      this.threads.set(id, entry);
    }, this.origin);
    return id;
  }

  /**
   * Appends a reply to a thread, open or resolved, and returns the reply's
   * id. Raises a CommentError, writing nothing, when the thread is missing
   * or the reply is invalid.
   */
  reply(threadId: string, comment: NewComment): string {
    const entry = this.#entry(threadId);
    const replies = entry.get("replies");
    if (!(replies instanceof Y.Array)) {
      throw new CommentError(
        `Thread ${threadId} has no list of replies, so it cannot take one; start a new thread on the object instead.`,
      );
    }
    const fields = checkComment(comment, "reply");

    const id = globalThis.crypto.randomUUID();
    const reply: CommentReply = { id, ...fields };
    this.doc.transact(() => replies.push([reply]), this.origin);
    return id;
  }

  /**
   * Marks an open thread resolved. Raises a CommentError when the thread is
   * missing or already resolved, or the person or time is invalid.
   */
  resolve(threadId: string, by: CommentAuthor, at: string): void {
    const entry = this.#entry(threadId);
    const current = readResolution(entry.get("resolved"));
    if (current) {
      throw new CommentError(
        `Thread ${threadId} is already resolved by ${current.name || current.by}; reopen it first to resolve it again.`,
      );
    }
    checkPerson(by.personId, "resolution");
    checkTime(at, "resolution time");

    const resolution: CommentResolution = {
      by: by.personId,
      name: by.name.trim(),
      at,
    };
    this.doc.transact(() => entry.set("resolved", resolution), this.origin);
  }

  /** Reopens a resolved thread. Raises a CommentError when the thread is missing or open. */
  reopen(threadId: string): void {
    const entry = this.#entry(threadId);
    if (!readResolution(entry.get("resolved"))) {
      throw new CommentError(
        `Thread ${threadId} is already open; only a resolved thread can be reopened.`,
      );
    }
    this.doc.transact(() => entry.set("resolved", null), this.origin);
  }

  #entry(threadId: string): Y.Map<unknown> {
    const entry = this.threads.get(threadId);
    if (!(entry instanceof Y.Map)) {
      throw new CommentError(
        `Thread ${threadId} is not in this plan's review document; reload the comments.`,
      );
    }
    return entry;
  }
}

/** Sorts threads in place by latest activity, newest first with ties by id, and returns them. */
export function sortByActivity(threads: CommentThread[]): CommentThread[] {
  return threads.sort(
    (a, b) =>
      b.lastActivity.localeCompare(a.lastActivity) || a.id.localeCompare(b.id),
  );
}

function checkAnchor(anchor: Anchor): Anchor {
  try {
    return parseAnchor(anchor);
  } catch (error) {
    if (error instanceof AnchorError) throw new CommentError(error.message);
    throw error;
  }
}

function checkComment(
  comment: NewComment,
  what: "comment" | "reply",
): Omit<CommentReply, "id"> {
  checkPerson(comment.personId, what);
  checkTime(comment.at, `${what} time`);
  return {
    personId: comment.personId,
    name: comment.name.trim(),
    body: checkBody(comment.body, what),
    mentions: checkMentions(comment.mentions, what),
    at: comment.at,
  };
}

function checkBody(body: string, what: string): string {
  const text = body.trim();
  if (text === "") {
    throw new CommentError(`The ${what} is empty; write some text first.`);
  }
  if (text.length > MAX_COMMENT_LENGTH) {
    throw new CommentError(
      `The ${what} has ${text.length} characters, more than the maximum of ${MAX_COMMENT_LENGTH}; shorten it or split it into replies.`,
    );
  }
  return text;
}

// Keeps each person once, in the order given.
function checkMentions(mentions: readonly string[], what: string): string[] {
  const unique: string[] = [];
  for (const personId of mentions) {
    if (typeof personId !== "string" || personId === "") {
      throw new CommentError(
        `The ${what} mentions an invalid person id: ${JSON.stringify(personId)}. Pick the person from the list of plan members.`,
      );
    }
    if (!unique.includes(personId)) unique.push(personId);
  }
  return unique;
}

function checkPerson(personId: string, what: string): void {
  if (personId === "") {
    throw new CommentError(
      `The ${what} names no person; join the plan with an invite link first.`,
    );
  }
}

function checkTime(text: string, what: string): void {
  if (!Number.isFinite(Date.parse(text))) {
    throw new CommentError(
      `Invalid ${what}: ${JSON.stringify(text)}. Give an ISO 8601 time such as "2026-03-04T10:00:00Z".`,
    );
  }
}

function readThread(id: string, entry: Y.Map<unknown>): CommentThread | null {
  let anchor: Anchor;
  try {
    anchor = parseAnchor(entry.get("anchor"));
  } catch (error) {
    if (error instanceof AnchorError) return null;
    throw error;
  }
  const author = readAuthor(entry.get("author"));
  const resolved = readResolution(entry.get("resolved"));
  const replies = readReplies(entry.get("replies"));
  const at = textOf(entry.get("at"));

  let lastActivity = at;
  for (const time of [...replies.map((reply) => reply.at), resolved?.at]) {
    if (time !== undefined && time > lastActivity) lastActivity = time;
  }
  return {
    id,
    anchor,
    author,
    body: textOf(entry.get("body")),
    mentions: readMentions(entry.get("mentions")),
    at,
    resolved,
    replies,
    lastActivity,
  };
}

function readAuthor(value: unknown): CommentAuthor {
  const fields = objectOf(value);
  return { personId: textOf(fields.personId), name: textOf(fields.name) };
}

function readResolution(value: unknown): CommentResolution | null {
  if (value === null || typeof value !== "object") return null;
  const fields = value as Record<string, unknown>;
  return {
    by: textOf(fields.by),
    name: textOf(fields.name),
    at: textOf(fields.at),
  };
}

// Replies of unknown shape are left out; concurrent replies keep the order
// Yjs gives them, the same on every replica.
function readReplies(value: unknown): CommentReply[] {
  if (!(value instanceof Y.Array)) return [];
  const replies: CommentReply[] = [];
  for (const item of value.toArray()) {
    const fields = objectOf(item);
    if (typeof fields.id !== "string" || typeof fields.body !== "string") {
      continue;
    }
    replies.push({
      id: fields.id,
      personId: textOf(fields.personId),
      name: textOf(fields.name),
      body: fields.body,
      mentions: readMentions(fields.mentions),
      at: textOf(fields.at),
    });
  }
  return replies;
}

function readMentions(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is string => typeof item === "string" && item !== "",
  );
}

function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object"
    ? (value as Record<string, unknown>)
    : {};
}

function textOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}
