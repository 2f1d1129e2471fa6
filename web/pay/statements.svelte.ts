import type { Statement } from "../../model/incentives/statements/types.ts";
import { downloadPlanningWorkbook } from "../export/download-workbook.ts";
import { planningFileName } from "../planning/table-export.ts";
import type { PersonalSession } from "../session/types.ts";
import { PayApi } from "./pay-api.ts";
import { statementRows } from "./statement-rows.ts";
import { detailTables, summaryTable } from "./statement-tables.ts";
import type {
  DisputeResolution,
  HypotheticalDeal,
  PayAccess,
  StatementDetail,
  StatementList,
  StatementSummary,
} from "./types.ts";

/** A request that runs while the view shows its progress, named for the message. */
export type PayAction =
  | "submit"
  | "approve"
  | "dispute"
  | "message"
  | "resolve"
  | "what-if"
  | "csv"
  | "xlsx";

/**
 * The Statements view's state: the person's pay access, the statements the
 * server lets them see, the open statement and the actions on it. Every
 * change reloads what it touched, so the view shows what the server stored.
 */
export class PayStatements {
  access = $state.raw<PayAccess | null>(null);
  list = $state.raw<StatementList | null>(null);
  /** Period the list shows, or null for every period. */
  periodId = $state<string | null>(null);
  selected = $state.raw<{ repId: string; periodId: string } | null>(null);
  detail = $state.raw<StatementDetail | null>(null);
  whatIf = $state.raw<{ deal: HypotheticalDeal; statement: Statement } | null>(
    null,
  );
  /** True while the access and the list load. */
  loading = $state(false);
  detailLoading = $state(false);
  busy = $state<PayAction | null>(null);
  /** Message of a failed load of the access or the list. */
  loadError = $state<string | null>(null);
  detailError = $state<string | null>(null);
  actionError = $state<string | null>(null);

  readonly api: PayApi;
  readonly #planName: () => string;
  #detailRequest = 0;

  constructor(session: PersonalSession, planName: () => string) {
    this.api = new PayApi(session.planId, session.token);
    this.#planName = planName;
  }

  /** Rows of the list for the chosen period. */
  readonly rows: StatementSummary[] = $derived.by(() => {
    const list = this.list;
    if (list === null) return [];
    const periodIds = list.periods.map((period) => period.id);
    return statementRows(list.statements, periodIds, this.periodId);
  });

  /** Loads the person's pay access, then the statements when they have any. */
  async load(): Promise<void> {
    this.loading = true;
    this.loadError = null;
    try {
      const access = await this.api.me();
      this.access = access;
      if (access.admin || access.repId !== null) await this.reloadList();
    } catch (error) {
      this.loadError = messageOf(error);
    } finally {
      this.loading = false;
    }
  }

  async reloadList(): Promise<void> {
    const list = await this.api.statements();
    this.list = list;
    if (this.periodId === null && list.periods.length > 0) {
      this.periodId = firstPeriodWithStatements(list);
    }
  }

  /** Opens one statement and drops a reply that arrives for an earlier selection. */
  async open(repId: string, periodId: string): Promise<void> {
    const current = this.selected;
    if (current?.repId !== repId || current.periodId !== periodId) {
      this.detail = null;
    }
    this.selected = { repId, periodId };
    this.whatIf = null;
    this.actionError = null;
    await this.#loadDetail();
  }

  close(): void {
    this.selected = null;
    this.detail = null;
    this.whatIf = null;
    this.detailError = null;
  }

  submit(): Promise<boolean> {
    return this.#act("submit", (s) => this.api.submit(s.repId, s.periodId));
  }

  approve(): Promise<boolean> {
    return this.#act("approve", (s) => this.api.approve(s.repId, s.periodId));
  }

  raiseDispute(lineId: string, reason: string): Promise<boolean> {
    return this.#act("dispute", (s) =>
      this.api.raiseDispute(s.repId, s.periodId, lineId, reason),
    );
  }

  addMessage(disputeId: string, text: string): Promise<boolean> {
    return this.#act("message", () => this.api.addMessage(disputeId, text));
  }

  resolve(disputeId: string, resolution: DisputeResolution): Promise<boolean> {
    return this.#act("resolve", () =>
      this.api.resolveDispute(disputeId, resolution),
    );
  }

  /** Computes the open statement with one more deal, and stores nothing. */
  async runWhatIf(deal: HypotheticalDeal): Promise<void> {
    const selected = this.selected;
    if (selected === null || this.busy !== null) return;
    this.busy = "what-if";
    this.actionError = null;
    // A result left from an earlier deal must not show beside a new error.
    this.whatIf = null;
    try {
      const statement = await this.api.whatIf(
        selected.repId,
        selected.periodId,
        deal,
      );
      this.whatIf = { deal, statement };
    } catch (error) {
      this.actionError = messageOf(error);
    } finally {
      this.busy = null;
    }
  }

  /** Downloads the server's CSV of every visible statement of the chosen period. */
  exportCsv(): Promise<void> {
    return this.#download("csv", async () => {
      const text = await this.api.statementsCsv(this.periodId);
      downloadText(text, `${this.#fileName()}.csv`, "text/csv;charset=utf-8");
    });
  }

  /** Downloads the list as XLSX, with the open statement's credits and lines as more sheets. */
  exportXlsx(): Promise<void> {
    return this.#download("xlsx", async () => {
      const tables = [summaryTable(this.rows)];
      const detail = this.detail;
      if (detail !== null) {
        tables.push(
          ...detailTables(detail.statement, detail.status, detail.deals),
        );
      }
      await downloadPlanningWorkbook(tables, this.#fileName());
    });
  }

  async #loadDetail(): Promise<void> {
    const selected = this.selected;
    if (selected === null) return;
    const request = ++this.#detailRequest;
    this.detailLoading = true;
    this.detailError = null;
    try {
      const detail = await this.api.statement(
        selected.repId,
        selected.periodId,
      );
      if (request !== this.#detailRequest) return;
      this.detail = detail;
    } catch (error) {
      if (request !== this.#detailRequest) return;
      this.detail = null;
      this.detailError = messageOf(error);
    } finally {
      if (request === this.#detailRequest) this.detailLoading = false;
    }
  }

  // Runs one change to the open statement at a time, then reloads the
  // statement and the list, whose status and payable it may have changed.
  // Returns false when the change failed, with its message in actionError.
  async #act(
    action: PayAction,
    work: (selected: { repId: string; periodId: string }) => Promise<unknown>,
  ): Promise<boolean> {
    const selected = this.selected;
    if (selected === null || this.busy !== null) return false;
    this.busy = action;
    this.actionError = null;
    try {
      await work(selected);
    } catch (error) {
      this.actionError = messageOf(error);
      this.busy = null;
      return false;
    }
    try {
      await Promise.all([this.#loadDetail(), this.reloadList()]);
    } catch (error) {
      this.loadError = messageOf(error);
    } finally {
      this.busy = null;
    }
    return true;
  }

  async #download(action: PayAction, work: () => Promise<void>) {
    if (this.busy !== null) return;
    this.busy = action;
    this.actionError = null;
    try {
      await work();
    } catch (error) {
      this.actionError = messageOf(error);
    } finally {
      this.busy = null;
    }
  }

  #fileName(): string {
    return planningFileName(
      this.#planName(),
      "statements",
      this.periodId ?? "all-periods",
    );
  }
}

/** Returns the message to show for a failed request. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function firstPeriodWithStatements(list: StatementList): string | null {
  const withRows = new Set(list.statements.map((row) => row.periodId));
  const found = list.periods.find((period) => withRows.has(period.id));
  return found?.id ?? list.periods[0]?.id ?? null;
}

/** Starts a browser download of text as a file. */
function downloadText(text: string, fileName: string, type: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download at once, so the URL can be freed next.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
