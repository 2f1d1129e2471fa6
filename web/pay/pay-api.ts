import type { DealRowError } from "../../model/incentives/deals/types.ts";
import type { Statement } from "../../model/incentives/statements/types.ts";
import { ApiError, apiRequest } from "../session/api.ts";
import { newerStoredToken } from "../session/token-renewal.ts";
import type {
  DealsImportResult,
  Dispute,
  DisputeResolution,
  HypotheticalDeal,
  ManualAdjustment,
  PayAccess,
  PayPerson,
  StatementDetail,
  StatementList,
} from "./types.ts";

/**
 * The pay endpoints of one plan, called with one person token. Every method
 * raises ApiError with the server's code and message when it rejects the
 * request, and with status 0 when the server cannot be reached.
 */
export class PayApi {
  readonly #base: string;
  readonly #planId: string;
  readonly #token: string;

  constructor(planId: string, token: string) {
    this.#base = `/api/plans/${encodeURIComponent(planId)}/pay`;
    this.#planId = planId;
    this.#token = token;
  }

  // A renewal stores a newer token for the plan; later requests use it.
  #currentToken(): string {
    return newerStoredToken(this.#planId, this.#token);
  }

  me(): Promise<PayAccess> {
    return this.#send("GET", "/me") as Promise<PayAccess>;
  }

  statements(): Promise<StatementList> {
    return this.#send("GET", "/statements") as Promise<StatementList>;
  }

  /** Raises ApiError 404 STATEMENT_NOT_FOUND for a rep this person may not see. */
  statement(repId: string, periodId: string): Promise<StatementDetail> {
    return this.#send(
      "GET",
      statementPath(repId, periodId),
    ) as Promise<StatementDetail>;
  }

  submit(repId: string, periodId: string): Promise<unknown> {
    return this.#send("POST", `${statementPath(repId, periodId)}/submit`, {});
  }

  /** Raises ApiError 409 STATEMENT_VOID when the statement changed since it was submitted. */
  approve(repId: string, periodId: string): Promise<unknown> {
    return this.#send("POST", `${statementPath(repId, periodId)}/approve`, {});
  }

  async whatIf(
    repId: string,
    periodId: string,
    deal: HypotheticalDeal,
  ): Promise<Statement> {
    const body = (await this.#send(
      "POST",
      `${statementPath(repId, periodId)}/what-if`,
      deal,
    )) as { statement: Statement };
    return body.statement;
  }

  raiseDispute(
    repId: string,
    periodId: string,
    lineId: string,
    reason: string,
  ): Promise<Dispute> {
    return this.#send("POST", `${statementPath(repId, periodId)}/disputes`, {
      lineId,
      reason,
    }) as Promise<Dispute>;
  }

  addMessage(disputeId: string, text: string): Promise<unknown> {
    return this.#send(
      "POST",
      `/disputes/${encodeURIComponent(disputeId)}/messages`,
      { text },
    );
  }

  resolveDispute(
    disputeId: string,
    resolution: DisputeResolution,
  ): Promise<unknown> {
    return this.#send(
      "POST",
      `/disputes/${encodeURIComponent(disputeId)}/resolve`,
      resolution,
    );
  }

  async people(): Promise<PayPerson[]> {
    const body = (await this.#send("GET", "/people")) as {
      people: PayPerson[];
    };
    return body.people;
  }

  setAccess(
    personId: string,
    access: { admin?: boolean; repId?: string | null },
  ): Promise<unknown> {
    return this.#send("PUT", `/people/${encodeURIComponent(personId)}`, access);
  }

  /** Creates a single-use invite link that links whoever joins with it to the rep. */
  async repInvite(
    repId: string,
    days: number,
  ): Promise<{ url: string; inviteId: string }> {
    return (await this.#send("POST", "/invites", { repId, days })) as {
      url: string;
      inviteId: string;
    };
  }

  addAdjustment(adjustment: ManualAdjustment): Promise<unknown> {
    return this.#send("POST", "/adjustments", adjustment);
  }

  /**
   * Imports a deals CSV, all or nothing. A file with bad rows returns every
   * row with its line and reason instead of raising.
   */
  async importDeals(csv: string): Promise<DealsImportResult> {
    const response = await this.#fetch("POST", "/deals", { csv });
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 422) {
      const error = (body as { error?: DealsInvalidBody })?.error;
      if (error?.code === "DEALS_INVALID") {
        return {
          ok: false,
          message: error.message ?? "The deals file has invalid rows.",
          rows: Array.isArray(error.rows) ? error.rows : [],
        };
      }
    }
    if (!response.ok) throw errorOf(body, response.status, "POST /pay/deals");
    const reply = body as { imported: number; total: number };
    return { ok: true, imported: reply.imported, total: reply.total };
  }

  /** Fetches the CSV of every visible statement's lines, of one period or of all when null. */
  async statementsCsv(periodId: string | null): Promise<string> {
    const query =
      periodId === null ? "" : `?period=${encodeURIComponent(periodId)}`;
    const response = await this.#fetch("GET", `/statements.csv${query}`);
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      throw errorOf(body, response.status, "GET /pay/statements.csv");
    }
    return response.text();
  }

  #send(method: string, path: string, body?: unknown): Promise<unknown> {
    return apiRequest(this.#base + path, this.#init(method, body));
  }

  async #fetch(method: string, path: string, body?: unknown) {
    try {
      return await fetch(this.#base + path, this.#init(method, body));
    } catch {
      throw new ApiError(
        "unreachable",
        `Could not reach the Meridian server at ${window.location.host}. Check your connection or that the server is running, then try again.`,
        0,
      );
    }
  }

  #init(method: string, body: unknown): RequestInit {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#currentToken()}`,
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    return {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    };
  }
}

interface DealsInvalidBody {
  code?: string;
  message?: string;
  rows?: DealRowError[];
}

function statementPath(repId: string, periodId: string): string {
  return `/statements/${encodeURIComponent(repId)}/${encodeURIComponent(periodId)}`;
}

function errorOf(body: unknown, status: number, request: string): ApiError {
  const error = (body as { error?: { code?: string; message?: string } })
    ?.error;
  return new ApiError(
    error?.code ?? `http_${status}`,
    error?.message ?? `The server rejected ${request} with HTTP ${status}.`,
    status,
  );
}
