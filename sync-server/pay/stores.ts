import type Database from "better-sqlite3";
import { DealStore } from "./deal-store.ts";
import { DisputeStore } from "./dispute-store.ts";
import { LedgerStore } from "./ledger-store.ts";
import { PayMemberStore } from "./members-store.ts";

/** The pay tables of storage version 3, which no Yjs document ever contains. */
export class PayStores {
  readonly members: PayMemberStore;
  readonly deals: DealStore;
  readonly ledger: LedgerStore;
  readonly disputes: DisputeStore;

  constructor(db: Database.Database, requireTables: () => void) {
    this.members = new PayMemberStore(db, requireTables);
    this.deals = new DealStore(db, requireTables);
    this.ledger = new LedgerStore(db, requireTables);
    this.disputes = new DisputeStore(db, requireTables);
  }
}
