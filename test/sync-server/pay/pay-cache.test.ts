import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { setDatasetHash } from "../../../model/doc/datasets.ts";
import { IncentivesDoc } from "../../../model/doc/incentives-doc.ts";
import { setCreditingRule } from "../../../model/doc/incentives-edits.ts";
import { PlanningDoc } from "../../../model/doc/planning-doc.ts";
import { settingChange } from "../../../model/doc/planning-edits.ts";
import { parseMoney, toCents } from "../../../model/money.ts";
import { computePay } from "../../../sync-server/pay/compute.ts";
import { DatasetStore } from "../../../sync-server/datasets.ts";
import { UploadedDatasetStore } from "../../../sync-server/uploaded-datasets.ts";
import { untilServer, type TestClient } from "../helpers.ts";
import { ANA, BEN, call, PAY_PLAN, payPath } from "./pay-fixture.ts";
import { usePayServer } from "./pay-suite.ts";

const api = usePayServer();

afterEach(() => {
  vi.useRealTimers();
});

const JANUARY = "FY2027-M01";

interface Figures {
  credited: string;
  quota: string;
  payable: string;
  status: string;
}

/** Figures of one rep's January statement, read through the API. */
async function january(repId: string): Promise<Figures> {
  const reply = await call(api.server, "GET", payPath("/statements"), {
    token: api.team.admin,
  });
  expect(reply.status).toBe(200);
  const row = reply.body.statements.find(
    (s: { repId: string; periodId: string }) =>
      s.repId === repId && s.periodId === JANUARY,
  );
  return {
    credited: row.credited,
    quota: row.quota,
    payable: row.payable,
    status: row.status,
  };
}

function cents(amount: string): number {
  return toCents(parseMoney(amount, "amount"));
}

/** Computes the plan's pay in this process, as a pay request does. */
function computeDirect() {
  return computePay(
    api.server.storage,
    {
      datasets: new DatasetStore(api.server.config.publicDataDir),
      uploads: new UploadedDatasetStore(
        path.join(api.server.config.dataDir, "datasets"),
      ),
    },
    PAY_PLAN,
  );
}

function editor(): Promise<TestClient> {
  return api.connectSynced(PAY_PLAN, api.team.admin);
}

/** Uploads an accounts dataset the way an accounts import stores one, and returns its sha256. */
function uploadAccounts(accounts: object[]): string {
  const bytes = Buffer.from(JSON.stringify({ accounts }));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const uploads = path.join(api.server.config.dataDir, "datasets");
  fs.writeFileSync(path.join(uploads, `${sha256}.json`), bytes);
  return sha256;
}

describe("pay cache", () => {
  test("repeat read returns equal figures", async () => {
    const first = await call(api.server, "GET", payPath("/statements"), {
      token: api.team.admin,
    });
    const second = await call(api.server, "GET", payPath("/statements"), {
      token: api.team.admin,
    });
    expect(second.body).toEqual(first.body);
    expect(first.body.statements.length).toBeGreaterThan(0);
  });

  test("repeat computation is shared", async () => {
    const first = await computeDirect();
    const second = await computeDirect();
    expect(second).toBe(first);
  });

  test("room update recomputes", async () => {
    expect((await january(ANA)).quota).toBe("50000.40");
    const client = await editor();
    const planning = new PlanningDoc(client.doc);
    client.doc.transact(() =>
      settingChange(planning, "companyQuota", "2400000.00").write(planning),
    );
    await untilServer(
      api.server,
      PAY_PLAN,
      (plan) =>
        new PlanningDoc(plan.doc).settings.get("companyQuota") === "2400000.00",
    );

    expect((await january(ANA)).quota).toBe("100000.80");
  });

  test("deal import recomputes", async () => {
    const before = await january(ANA);
    const reply = await call(api.server, "POST", payPath("/deals"), {
      token: api.team.admin,
      body: {
        csv: [
          "id,account,amount,currency,close_date,product,owner,splits",
          "d-ana-2,acct-1,5000.00,USD,2027-01-28,Platform,rep-ana,rep-ana:100",
        ].join("\n"),
      },
    });
    expect(reply.status).toBe(200);

    const after = await january(ANA);
    expect(cents(after.credited) - cents(before.credited)).toBe(500_000);
  });

  test("ledger record recomputes", async () => {
    expect((await january(ANA)).status).toBe("draft");
    const reply = await call(
      api.server,
      "POST",
      payPath(`/statements/${ANA}/${JANUARY}/submit`),
      { token: api.team.admin, body: {} },
    );
    expect(reply.status).toBe(200);

    expect((await january(ANA)).status).toBe("pending");
  });

  test("adjustment recomputes", async () => {
    const before = await january(ANA);
    const reply = await call(api.server, "POST", payPath("/adjustments"), {
      token: api.team.admin,
      body: {
        repId: ANA,
        periodId: JANUARY,
        amount: "250.00",
        reason: "Spiff for the Acme renewal",
      },
    });
    expect(reply.status).toBe(201);

    const after = await january(ANA);
    expect(cents(after.payable) - cents(before.payable)).toBe(25_000);
  });

  test("accounts dataset change recomputes", async () => {
    const client = await editor();
    setCreditingRule(client.doc, {
      id: "by-territory",
      kind: "territory",
      effectiveFrom: null,
      effectiveTo: null,
    });
    await untilServer(api.server, PAY_PLAN, (plan) =>
      new IncentivesDoc(plan.doc)
        .read()
        .creditingRules.some((rule) => rule.id === "by-territory"),
    );
    expect((await january(BEN)).credited).toBe("46000.00");

    // Bolt moves to a unit of no territory, so its deals credit no one.
    const sha256 = uploadAccounts([
      { id: "acct-1", unitId: "01001", segment: "All", potential: "1000.00" },
      { id: "acct-2", unitId: "99999", segment: "All", potential: "3000.00" },
    ]);
    setDatasetHash(client.plan, "accounts", sha256);
    await untilServer(
      api.server,
      PAY_PLAN,
      (plan) => plan.readMeta().datasets.accounts === sha256,
    );

    expect((await january(BEN)).credited).toBe("30000.00");
  });

  test("next day recomputes", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    const today = await computeDirect();
    vi.setSystemTime(Date.now() + 86_400_000);
    const tomorrow = await computeDirect();

    expect(tomorrow).not.toBe(today);
    expect(tomorrow.settled).toEqual(today.settled);
  });
});
