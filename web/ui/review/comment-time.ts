/** Formats a comment's ISO 8601 time in the reader's locale, or returns the text unchanged when it is invalid. */
export function formatCommentTime(iso: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return iso;
  return new Date(time).toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });
}
