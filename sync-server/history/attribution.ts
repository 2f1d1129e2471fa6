import type { Storage } from "../storage.ts";
import type { FieldValue, HistoryKind } from "./object-fields.ts";
import type { RecordedChange } from "./plan-history.ts";

/**
 * How a change's person was found:
 * - `client`: the person registered to the Yjs client that created the value;
 * - `sender`: a deletion, which Yjs records without a client, credited to
 *   the person whose connection sent the update;
 * - `unattributed`: the creating client is not registered to any person yet.
 */
export type Attribution = "client" | "sender" | "unattributed";

/** One change as the history API returns it. */
export interface HistoryEntry {
  seq: number;
  /** ISO 8601 UTC time the server stored the change. */
  time: string;
  kind: HistoryKind;
  id: string;
  /** `county:06037`, or `territory:<id>.name` for kinds with several fields. */
  object: string;
  field: string;
  from: FieldValue;
  to: FieldValue;
  fromName: string | null;
  toName: string | null;
  clientId: number | null;
  attribution: Attribution;
  /** The credited person, or null when unattributed. */
  personId: string | null;
  personName: string | null;
  /** Person whose connection sent the update, or null for the server's own writes. */
  sentBy: string | null;
  sentByName: string | null;
}

/** Kinds whose object name includes the field, because they have several. */
const MULTI_FIELD_KINDS = new Set<HistoryKind>(["territory", "account"]);

/**
 * Credits recorded changes to people with the plan room's client ids as
 * registered now, so a client that registers later gets the credit for
 * edits that reached the server before it.
 */
export function attributeChanges(
  storage: Storage,
  planId: string,
  changes: readonly RecordedChange[],
): HistoryEntry[] {
  const owners = storage.clientIds.read(planId);
  const names = new Map<string, string | null>();
  const nameOf = (personId: string | null): string | null => {
    if (personId === null) return null;
    if (!names.has(personId))
      names.set(personId, storage.people.get(planId, personId)?.name ?? null);
    return names.get(personId)!;
  };

  return changes.map((change) => {
    const owner =
      change.clientId === null ? undefined : owners.get(change.clientId);
    const attribution: Attribution =
      change.clientId === null
        ? "sender"
        : owner === undefined
          ? "unattributed"
          : "client";
    const personId =
      attribution === "client"
        ? owner!
        : attribution === "sender"
          ? change.sentBy
          : null;
    return {
      seq: change.seq,
      time: new Date(change.at).toISOString(),
      kind: change.kind,
      id: change.id,
      object: objectName(change.kind, change.id, change.field),
      field: change.field,
      from: change.from,
      to: change.to,
      fromName: change.fromName,
      toName: change.toName,
      clientId: change.clientId,
      attribution,
      personId,
      personName: nameOf(personId),
      sentBy: change.sentBy,
      sentByName: nameOf(change.sentBy),
    };
  });
}

/** Names a changed field for the audit: `county:06037` or `territory:<id>.name`. */
export function objectName(
  kind: HistoryKind,
  id: string,
  field: string,
): string {
  const object = `${kind}:${id}`;
  return MULTI_FIELD_KINDS.has(kind) ? `${object}.${field}` : object;
}
