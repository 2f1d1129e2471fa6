import type Database from "better-sqlite3";
import type { Deal } from "../../model/incentives/deals/types.ts";
import { lazyStatements } from "../storage-schema.ts";

/** The `deals` table: the deals imported into each plan, as JSON. */
export class DealStore {
  private readonly statements;
  private readonly db: Database.Database;

  constructor(db: Database.Database, requireTable: () => void) {
    this.db = db;
    this.statements = lazyStatements(requireTable, () => ({
      list: db.prepare(
        "SELECT deal FROM deals WHERE plan_id = ? ORDER BY imported_at, id",
      ),
      ids: db.prepare("SELECT id FROM deals WHERE plan_id = ?"),
      count: db.prepare(
        "SELECT COUNT(*) AS count FROM deals WHERE plan_id = ?",
      ),
      insert: db.prepare(
        `INSERT INTO deals (plan_id, id, deal, imported_at, imported_by)
         VALUES (?, ?, ?, ?, ?)`,
      ),
    }));
  }

  /** Lists a plan's deals in import order. */
  list(planId: string): Deal[] {
    const rows = this.statements().list.all(planId) as { deal: string }[];
    return rows.map((row) => JSON.parse(row.deal) as Deal);
  }

  /** Returns the ids of a plan's stored deals. */
  ids(planId: string): Set<string> {
    const rows = this.statements().ids.all(planId) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  count(planId: string): number {
    return (this.statements().count.get(planId) as { count: number }).count;
  }

  /**
   * Stores every deal in one transaction, so an id that is already stored
   * aborts the whole import.
   */
  insertAll(planId: string, deals: readonly Deal[], personId: string): void {
    const insert = this.statements().insert;
    const at = Date.now();
    this.db.transaction(() => {
      for (const deal of deals) {
        insert.run(planId, deal.id, JSON.stringify(deal), at, personId);
      }
    })();
  }
}
