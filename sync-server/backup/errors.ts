/**
 * A backup that cannot be made, or a backup file that an import rejects:
 * a stable code for programs and a sentence that states why and what to do.
 */
export class BackupError extends Error {
  override name = "BackupError";

  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type BackupErrorCode =
  | "PLAN_NOT_FOUND"
  | "DATASET_MISSING"
  | "BACKUP_TOO_LARGE"
  | "BACKUP_NOT_GZIP"
  | "BACKUP_DAMAGED"
  | "BACKUP_NOT_JSON"
  | "BACKUP_WRONG_FORMAT"
  | "BACKUP_WRONG_VERSION"
  | "BACKUP_CHECKSUM_MISMATCH"
  | "BACKUP_INVALID"
  | "BACKUP_UPDATE_INVALID"
  | "DATASET_HASH_MISMATCH"
  | "PLAN_ID_INVALID"
  | "PLAN_EXISTS";
