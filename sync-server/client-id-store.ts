import type Database from "better-sqlite3";
import { lazyStatements } from "./storage-schema.ts";

/**
 * The `client_ids` table: which person each Yjs client id of a room
 * belongs to. The first registration of a client id wins.
 */
export class ClientIdStore {
  private readonly statements;

  constructor(db: Database.Database, requireTable: () => void) {
    this.statements = lazyStatements(requireTable, () => ({
      register: db.prepare(
        `INSERT OR IGNORE INTO client_ids (room, client_id, person_id, registered_at)
         VALUES (?, ?, ?, ?)`,
      ),
      list: db.prepare(
        `SELECT client_id AS clientId, person_id AS personId FROM client_ids
         WHERE room = ?`,
      ),
    }));
  }

  /**
   * Registers `clientId` of `room` to `personId` unless it already belongs
   * to someone. Returns true when this call registered it.
   */
  register(
    room: string,
    clientId: number,
    personId: string,
    at: number,
  ): boolean {
    return (
      this.statements().register.run(room, clientId, personId, at).changes > 0
    );
  }

  /** Client id -> person id of every registered client of `room`. */
  read(room: string): Map<number, string> {
    const rows = this.statements().list.all(room) as {
      clientId: number;
      personId: string;
    }[];
    return new Map(rows.map((row) => [row.clientId, row.personId]));
  }
}
