import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { RunningServer } from "../../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  startTestServer,
  synced,
  type Fixture,
  type TestClient,
} from "../helpers.ts";
import {
  ANA,
  BEN,
  call,
  importJanuaryDeals,
  PAY_PLAN,
  payPath,
  payTeam,
  send,
  type PayTeam,
} from "./pay-fixture.ts";

let fixture: Fixture;
let server: RunningServer;
let team: PayTeam;
const clients: TestClient[] = [];

beforeEach(async () => {
  fixture = createFixture();
  server = await startTestServer(fixture);
  team = await payTeam(server);
  await importJanuaryDeals(server, team.admin);
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
  fixture.remove();
});

const JANUARY = "FY2027-M01";

interface Summary {
  repId: string;
  periodId: string;
  payable: string;
}

async function listFor(token: string): Promise<Summary[]> {
  const reply = await call(server, "GET", payPath("/statements"), { token });
  expect(reply.status).toBe(200);
  return reply.body.statements;
}

function repsOf(statements: Summary[]): string[] {
  return [...new Set(statements.map((s) => s.repId))];
}

describe("statement visibility", () => {
  test("administrator sees every rep", async () => {
    const statements = await listFor(team.admin);
    expect(repsOf(statements)).toEqual([ANA, BEN]);
    expect(statements).toHaveLength(24);
    const january = statements.filter((s) => s.periodId === JANUARY);
    expect(january.map((s) => [s.repId, s.payable])).toEqual([
      [ANA, "6500.00"],
      [BEN, "3200.00"],
    ]);
  });

  test("rep lists only their own statements", async () => {
    const reply = await call(server, "GET", payPath("/statements"), {
      token: team.ana,
    });
    expect(repsOf(reply.body.statements)).toEqual([ANA]);
    expect(reply.body.periods).toHaveLength(12);
    expect(reply.body.problems).toEqual([]);
  });

  test("administrator gets the problems", async () => {
    const reply = await call(server, "GET", payPath("/statements"), {
      token: team.admin,
    });
    expect(reply.body.problems).toEqual([
      expect.stringContaining('Rep "rep-mia" has quotas but no comp plan'),
    ]);
  });

  test("manager sees exactly their team", async () => {
    expect(repsOf(await listFor(team.mia))).toEqual([BEN]);
    const ben = await call(
      server,
      "GET",
      payPath(`/statements/${BEN}/${JANUARY}`),
      {
        token: team.mia,
      },
    );
    expect(ben.status).toBe(200);
    expect(ben.body.statement.payable).toBe("3200.00");
    const ana = await call(
      server,
      "GET",
      payPath(`/statements/${ANA}/${JANUARY}`),
      {
        token: team.mia,
      },
    );
    expect(ana.status).toBe(404);
  });

  test("rep gets 404 for another rep's statement", async () => {
    const other = await call(
      server,
      "GET",
      payPath(`/statements/${BEN}/${JANUARY}`),
      {
        token: team.ana,
      },
    );
    const missing = await call(
      server,
      "GET",
      payPath(`/statements/rep-nobody/${JANUARY}`),
      {
        token: team.ana,
      },
    );
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("STATEMENT_NOT_FOUND");
    expect(missing.status).toBe(404);
    expect(other.body.error.message).not.toContain("3200");
  });

  test("rep reads their own statement and its deals", async () => {
    const reply = await call(
      server,
      "GET",
      payPath(`/statements/${ANA}/${JANUARY}`),
      {
        token: team.ana,
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
      server,
      "GET",
      payPath(`/statements.csv?period=${JANUARY}`),
      {
        token: team.ana,
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
    const response = await send(server, "GET", payPath("/statements.csv"), {
      token: team.admin,
    });
    const rows = (await response.text()).trim().split("\r\n").slice(1);
    const payables = rows.filter((row) => row.includes(",payable,"));
    expect(payables).toHaveLength(24);
    expect(payables).toContain(
      `${BEN},Ben Okafor,${JANUARY},draft,payable,Payable,3200.00`,
    );
  });

  test("CSV of unknown period gets 400", async () => {
    const reply = await call(
      server,
      "GET",
      payPath("/statements.csv?period=FY1999-M01"),
      {
        token: team.admin,
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("PERIOD_NOT_FOUND");
  });

  test("what-if of another rep gets 404", async () => {
    const reply = await call(
      server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/what-if`),
      {
        token: team.ana,
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
      server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/what-if`),
      {
        token: team.ben,
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
      server,
      "GET",
      payPath(`/statements/${BEN}/${JANUARY}`),
      {
        token: team.ben,
      },
    );
    expect(stored.body.statement.payable).toBe("3200.00");
  });

  test("what-if with bad input gets 400", async () => {
    const reply = await call(
      server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/what-if`),
      {
        token: team.ben,
        body: { amount: "-5", product: "", closeDate: "2027-03-01" },
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("WHAT_IF_INVALID");
    expect(reply.body.error.problems).toHaveLength(3);
  });

  test("dispute routes hide other reps", async () => {
    const raised = await call(
      server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/disputes`),
      {
        token: team.ben,
        body: {
          lineId: "commission",
          reason: "The EUR deal is missing a split.",
        },
      },
    );
    expect(raised.status).toBe(200);

    const onOther = await call(
      server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/disputes`),
      {
        token: team.ana,
        body: { lineId: "commission", reason: "Mine too" },
      },
    );
    expect(onOther.status).toBe(404);
    const message = await call(
      server,
      "POST",
      payPath(`/disputes/${raised.body.id}/messages`),
      {
        token: team.ana,
        body: { text: "Let me see" },
      },
    );
    expect(message.status).toBe(404);
    expect(message.body.error.code).toBe("DISPUTE_NOT_FOUND");
    const resolve = await call(
      server,
      "POST",
      payPath(`/disputes/${raised.body.id}/resolve`),
      {
        token: team.ana,
        body: { outcome: "accepted", comment: "ok" },
      },
    );
    expect(resolve.status).toBe(403);
    const ownList = await call(
      server,
      "GET",
      payPath(`/statements/${ANA}/${JANUARY}`),
      {
        token: team.ana,
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
      server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/submit`),
      {
        token: team.admin,
      },
    );
    await call(
      server,
      "POST",
      payPath(`/statements/${BEN}/${JANUARY}/disputes`),
      {
        token: team.ben,
        body: { lineId: "commission", reason: "zz-dispute-reason" },
      },
    );
    await call(server, "POST", payPath("/adjustments"), {
      token: team.admin,
      body: {
        repId: BEN,
        periodId: JANUARY,
        amount: "77.77",
        reason: "zz-adjustment-reason",
      },
    });

    const rooms = [PAY_PLAN, `${PAY_PLAN}.review`];
    for (const token of [team.ana, team.admin]) {
      for (const room of rooms) {
        const client = connectClient(server, room, token);
        clients.push(client);
        await synced(client);
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
