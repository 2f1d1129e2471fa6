import * as Y from "yjs";
import { describe, expect, test, vi } from "vitest";
import { PlanningDoc } from "../../../model/doc/planning-doc.ts";
import { type TestClient } from "../helpers.ts";
import {
  ANA,
  BEN,
  call,
  creatorToken,
  PAY_PLAN,
  payPath,
  send,
} from "./pay-fixture.ts";
import { usePayServer } from "./pay-suite.ts";

const api = usePayServer();

const JANUARY = "FY2027-M01";

interface Summary {
  repId: string;
  periodId: string;
  payable: string;
}

async function listFor(token: string): Promise<Summary[]> {
  const reply = await call(api.server, "GET", payPath("/statements"), {
    token,
  });
  expect(reply.status).toBe(200);
  return reply.body.statements;
}

function repsOf(statements: Summary[]): string[] {
  return [...new Set(statements.map((s) => s.repId))];
}

describe("statement visibility", () => {
  test("administrator sees every rep", async () => {
    const statements = await listFor(api.team.admin);
    expect(repsOf(statements)).toEqual([ANA, BEN]);
    expect(statements).toHaveLength(24);
    const january = statements.filter((s) => s.periodId === JANUARY);
    expect(january.map((s) => [s.repId, s.payable])).toEqual([
      [ANA, "6500.00"],
      [BEN, "3200.00"],
    ]);
  });

  test("rep lists only their own statements", async () => {
    const reply = await call(api.server, "GET", payPath("/statements"), {
      token: api.team.ana,
    });
    expect(repsOf(reply.body.statements)).toEqual([ANA]);
    expect(reply.body.periods).toHaveLength(12);
    expect(reply.body.problems).toEqual([]);
  });

  test("administrator gets the problems", async () => {
    const reply = await call(api.server, "GET", payPath("/statements"), {
      token: api.team.admin,
    });
    expect(reply.body.problems).toEqual([
      expect.stringContaining('Rep "rep-mia" has quotas but no comp plan'),
    ]);
  });

  test("manager sees exactly their team", async () => {
    expect(repsOf(await listFor(api.team.mia))).toEqual([BEN]);
    const ben = await call(
      api.server,
      "GET",
      payPath(`/statements/${BEN}/${JANUARY}`),
      {
        token: api.team.mia,
      },
    );
    expect(ben.status).toBe(200);
    expect(ben.body.statement.payable).toBe("3200.00");
    const ana = await call(
      api.server,
      "GET",
      payPath(`/statements/${ANA}/${JANUARY}`),
      {
        token: api.team.mia,
      },
    );
    expect(ana.status).toBe(404);
  });

  test("rep gets 404 for another rep's statement", async () => {
    const other = await call(
      api.server,
      "GET",
      payPath(`/statements/${BEN}/${JANUARY}`),
      {
        token: api.team.ana,
      },
    );
    const missing = await call(
      api.server,
      "GET",
      payPath(`/statements/rep-nobody/${JANUARY}`),
      {
        token: api.team.ana,
      },
    );
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("STATEMENT_NOT_FOUND");
    expect(missing.status).toBe(404);
    expect(other.body.error.message).not.toContain("3200");
  });

  test("rep reads their own statement and its deals", async () => {
    const reply = await call(
      api.server,
      "GET",
      payPath(`/statements/${ANA}/${JANUARY}`),
      {
        token: api.team.ana,
      },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.statement.payable).toBe("6500.00");
    expect(reply.body.status).toBe("draft");
    expect(reply.body.deals.map((d: { id: string }) => d.id)).toEqual([
      "d-ana-1",
    ]);
    expect(reply.body.disputes).toEqual([]);
  });

  test("rep CSV holds only their lines", async () => {
    const response = await send(
      api.server,
      "GET",
      payPath(`/statements.csv?period=${JANUARY}`),
      {
        token: api.team.ana,
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const text = await response.text();
    expect(text).not.toContain(BEN);
    expect(text).not.toContain("3200");
    expect(text.split("\r\n")).toEqual([
      "rep_id,rep_name,period_id,status,line,label,amount",
      `${ANA},Ana Ribeiro,${JANUARY},draft,commission,Commission,6000.00`,
      `${ANA},Ana Ribeiro,${JANUARY},draft,bonus,Quota bonus,500.00`,
      expect.stringMatching(
        new RegExp(`^${ANA},Ana Ribeiro,${JANUARY},draft,[^,]+,[^,]+,0\\.00$`),
      ),
      `${ANA},Ana Ribeiro,${JANUARY},draft,payable,Payable,6500.00`,
      "",
    ]);
  });

  test("administrator CSV holds every rep", async () => {
    const response = await send(api.server, "GET", payPath("/statements.csv"), {
      token: api.team.admin,
    });
    const rows = (await response.text()).trim().split("\r\n").slice(1);
    const payables = rows.filter((row) => row.includes(",payable,"));
    expect(payables).toHaveLength(24);
    expect(payables).toContain(
      `${BEN},Ben Okafor,${JANUARY},draft,payable,Payable,3200.00`,
    );
  });

  test("CSV escapes a formula rep name", async () => {
    const editor = await api.connectSynced(PAY_PLAN, await creatorToken());
    const formula = '=HYPERLINK("http://x","y")';
    new PlanningDoc(editor.doc).reps.get(ANA)?.set("name", formula);

    const escaped = `"'=HYPERLINK(""http://x"",""y"")"`;
    await vi.waitFor(
      async () => {
        const response = await send(
          api.server,
          "GET",
          payPath(`/statements.csv?period=${JANUARY}`),
          { token: api.team.ana },
        );
        const rows = (await response.text()).split("\r\n");
        expect(rows[1]).toBe(
          `${ANA},${escaped},${JANUARY},draft,commission,Commission,6000.00`,
        );
      },
      { timeout: 5_000, interval: 100 },
    );
  });

  test("CSV of unknown period gets 400", async () => {
    const reply = await call(
      api.server,
      "GET",
      payPath("/statements.csv?period=FY1999-M01"),
      {
        token: api.team.admin,
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("PERIOD_NOT_FOUND");
  });

  test("what-if of another rep gets 404", async () => {
    const reply = await call(
      api.server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/what-if`),
      {
        token: api.team.ana,
        body: {
          amount: "1000.00",
          product: "Platform",
          closeDate: "2027-01-10",
        },
      },
    );
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("STATEMENT_NOT_FOUND");
  });

  test("what-if adds one deal to own statement", async () => {
    const reply = await call(
      api.server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/what-if`),
      {
        token: api.team.ben,
        body: {
          amount: "20000.00",
          product: "Platform",
          closeDate: "2027-01-10",
        },
      },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.statement.credited.amount).toBe("52000.00");
    expect(reply.body.statement.payable).toBe("5700.00");
    const stored = await call(
      api.server,
      "GET",
      payPath(`/statements/${BEN}/${JANUARY}`),
      {
        token: api.team.ben,
      },
    );
    expect(stored.body.statement.payable).toBe("3200.00");
  });

  test("what-if with bad input gets 400", async () => {
    const reply = await call(
      api.server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/what-if`),
      {
        token: api.team.ben,
        body: { amount: "-5", product: "", closeDate: "2027-03-01" },
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("WHAT_IF_INVALID");
    expect(reply.body.error.problems).toHaveLength(3);
  });

  test("dispute routes hide other reps", async () => {
    const raised = await call(
      api.server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/disputes`),
      {
        token: api.team.ben,
        body: {
          lineId: "commission",
          reason: "The EUR deal is missing a split.",
        },
      },
    );
    expect(raised.status).toBe(200);

    const onOther = await call(
      api.server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/disputes`),
      {
        token: api.team.ana,
        body: { lineId: "commission", reason: "Mine too" },
      },
    );
    expect(onOther.status).toBe(404);
    const message = await call(
      api.server,
      "POST",
      payPath(`/disputes/${raised.body.id}/messages`),
      {
        token: api.team.ana,
        body: { text: "Let me see" },
      },
    );
    expect(message.status).toBe(404);
    expect(message.body.error.code).toBe("DISPUTE_NOT_FOUND");
    const resolve = await call(
      api.server,
      "POST",
      payPath(`/disputes/${raised.body.id}/resolve`),
      {
        token: api.team.ana,
        body: { outcome: "accepted", comment: "ok" },
      },
    );
    expect(resolve.status).toBe(403);
    const ownList = await call(
      api.server,
      "GET",
      payPath(`/statements/${ANA}/${JANUARY}`),
      {
        token: api.team.ana,
      },
    );
    expect(ownList.body.disputes).toEqual([]);
  });
});

/** Returns a synced document's encoded state as text, to search for strings. */
function syncedText(client: TestClient): string {
  return Buffer.from(Y.encodeStateAsUpdate(client.doc)).toString("latin1");
}

describe("synced documents", () => {
  test("carry no pay data", async () => {
    await call(
      api.server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/submit`),
      {
        token: api.team.admin,
      },
    );
    await call(
      api.server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/disputes`),
      {
        token: api.team.ben,
        body: { lineId: "commission", reason: "zz-dispute-reason" },
      },
    );
    await call(api.server, "POST", payPath("/adjustments"), {
      token: api.team.admin,
      body: {
        repId: BEN,
        periodId: JANUARY,
        amount: "77.77",
        reason: "zz-adjustment-reason",
      },
    });

    const rooms = [PAY_PLAN, `${PAY_PLAN}.review`];
    for (const token of [api.team.ana, api.team.admin]) {
      for (const room of rooms) {
        const client = await api.connectSynced(room, token);
        const text = syncedText(client);
        if (room === PAY_PLAN) expect(text).toContain("Ben Okafor");
        for (const secret of [
          "d-ben-1",
          "d-ana-1",
          "3200.00",
          "zz-dispute-reason",
          "zz-adjustment-reason",
          "77.77",
        ]) {
          expect(text, `${secret} in room ${room}`).not.toContain(secret);
        }
      }
    }
  });
});
