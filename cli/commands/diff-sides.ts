import * as Y from "yjs";
import { loadRoomDoc } from "../../sync-server/plans.ts";
import type { Storage } from "../../sync-server/storage.ts";
import type { VersionRecord } from "../../sync-server/versions-store.ts";
import { CliError } from "../errors.ts";

/** Value of --from or --to that names the plan's latest stored state. */
export const NOW = "now";

/** One side of a comparison, rebuilt from storage. */
export interface DiffSide {
  /** "now", or the version's name and id, for messages. */
  label: string;
  doc: Y.Doc;
}

/**
 * Rebuilds the side that `value` names: `now` is the latest stored state,
 * anything else a version id of the plan, or a version name that exactly
 * one of its versions has. `option` names the flag in messages.
 */
export function readSide(
  storage: Storage,
  planId: string,
  value: string,
  option: "--from" | "--to",
): DiffSide {
  if (value === NOW) return { label: NOW, doc: loadRoomDoc(storage, planId) };

  const version = findVersion(storage, planId, value, option);
  const stored = storage.versions.readStateAt(planId, version.seq);
  const doc = new Y.Doc();
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  return { label: `version "${version.name}" (${version.id})`, doc };
}

function findVersion(
  storage: Storage,
  planId: string,
  value: string,
  option: string,
): VersionRecord {
  const byId = storage.versions.get(value);
  if (byId !== null && byId.planId === planId) return byId;

  const versions = storage.versions.list(planId);
  const named = versions.filter((version) => version.name === value);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    throw new CliError(
      `${option} "${value}" names ${named.length} versions of plan "${planId}": ${named.map((v) => v.id).join(", ")}. Give one of these ids instead.`,
      2,
    );
  }
  throw new CliError(
    `${option} "${value}" is neither "now" nor a version of plan "${planId}". ${describeVersions(versions)}`,
    2,
  );
}

function describeVersions(versions: readonly VersionRecord[]): string {
  if (versions.length === 0) {
    return 'The plan has no versions yet: save one in the app, or compare with "now".';
  }
  const lines = versions.map(
    (v) =>
      `  ${v.id}  ${JSON.stringify(v.name)}  ${new Date(v.createdAt).toISOString()}`,
  );
  return `Its versions, newest first:\n${lines.join("\n")}`;
}
