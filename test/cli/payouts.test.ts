import fs from "node:fs";
import { describe, expect, test, vi } from "vitest";
import { useTempDir } from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const dir = useTempDir("meridian-payouts-", "file");

/*
 * The example of docs/CLI.md, by hand:
 * d1 1000.00 USD, ana 60 / ben 40  -> ana 600.00, ben 400.00 (January)
 * d2  400.00 EUR x 1.25 = 500.00   -> ana 500.00 (January, territory rule)
 * d3  333.33 USD, ana 50 / ben 50  -> ana 166.67, ben 166.66 (February)
 * Commission 10%: ana 110.00 and 16.67, ben 40.00 and 16.67 (half-even).
 */
const DEALS = [
  "id,account,amount,currency,close_date,product,owner,splits",
  "d1,acme,1000.00,USD,2027-01-10,core,ana,ana:60;ben:40",
  "d2,acme,400.00,EUR,2027-01-20,core,ana,",
  "d3,acme,333.33,USD,2027-02-05,core,ana,ana:50;ben:50",
].join("\n");

const PLAN = {
  planCurrency: "USD",
  rates: [{ currency: "EUR", effectiveFrom: "2027-01-01", rate: "1.25" }],
  crediting: {
    territoryHistory: [
      {
        accountId: "acme",
        territoryId: "west",
        effectiveFrom: null,
        effectiveTo: null,
      },
    ],
    territoryReps: [
      {
        territoryId: "west",
        repId: "ana",
        effectiveFrom: null,
        effectiveTo: null,
      },
    ],
    rules: [
      { id: "split", kind: "split", effectiveFrom: null, effectiveTo: null },
      {
        id: "territory",
        kind: "territory",
        effectiveFrom: null,
        effectiveTo: null,
      },
    ],
  },
  plan: {
    components: [
      { id: "comm", label: "Commission", type: "commission", rate: "0.10" },
    ],
  },
  quotas: {
    ana: { "2027-01": "1000.00", "2027-02": "1000.00" },
    ben: { "2027-01": "800.00", "2027-02": "1000.00" },
  },
  periods: [
    { id: "2027-01", start: "2027-01-01", end: "2027-01-31" },
    { id: "2027-02", start: "2027-02-01", end: "2027-02-28" },
  ],
};

/** Writes the deals and plan files and runs `meridian payouts` on them. */
function payouts(deals: string, plan: unknown, args: string[] = []) {
  const dealsFile = dir.file("deals.csv");
  fs.writeFileSync(dealsFile, deals);
  const planFile = dir.writeJson("plan.json", plan);
  return runCli(["payouts", "--deals", dealsFile, "--plan", planFile, ...args]);
}

describe("meridian payouts", () => {
  test("example CSV per rep-period", () => {
    const result = payouts(DEALS, PLAN);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        "rep_id,period_id,credited,quota,attainment,payable",
        "ana,2027-01,1100.00,1000.00,1.1000,110.00",
        "ana,2027-02,166.67,1000.00,0.1667,16.67",
        "ben,2027-01,400.00,800.00,0.5000,40.00",
        "ben,2027-02,166.66,1000.00,0.1667,16.67",
        "",
      ].join("\n"),
    );
  });

  test("CSV escapes formula rep ids", () => {
    const deals = DEALS.replaceAll("ana", "@ana");
    const plan = JSON.parse(JSON.stringify(PLAN).replaceAll('"ana"', '"@ana"'));
    const result = payouts(deals, plan);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")[1]).toBe(
      "'@ana,2027-01,1100.00,1000.00,1.1000,110.00",
    );
  });

  test("JSON statements carry traces", () => {
    const out = dir.file("statements.json");
    const result = payouts(DEALS, PLAN, ["--format", "json", "--out", out]);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    const statements = JSON.parse(fs.readFileSync(out, "utf8"));
    const [first] = statements;
    expect(first.repId).toBe("ana");
    expect(first.credits.map((c: { dealId: string }) => c.dealId)).toEqual([
      "d1",
      "d2",
    ]);
    expect(first.credited.trace.parts).toHaveLength(2);
    expect(first.lines[0].amount).toBe("110.00");
    expect(first.payableTrace.value).toBe("110.00");
  });

  test("bad deals rows all listed", () => {
    const out = dir.file("bad.csv");
    const deals = [
      "id,account,amount,currency,close_date,product,owner",
      "d1,acme,abc,USD,2027-01-10,core,ana",
      "d2,acme,10.00,USD,2027-13-01,core,ana",
      "d3,acme,10.00,USD,2027-01-02,core,ana",
    ].join("\n");
    const result = payouts(deals, PLAN, ["--out", out]);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Invalid deals");
    expect(result.stderr).toContain("(2 errors)");
    expect(result.stderr).toMatch(/line 2, amount "abc"/);
    expect(result.stderr).toMatch(/line 3, close_date "2027-13-01"/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test("missing plan fields rejected", () => {
    const result = payouts(DEALS, { planCurrency: "USD" });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'Missing "rates", "crediting", "quotas", "periods", "plan or plans"',
    );
  });

  test("wrong plan shapes rejected", () => {
    const result = payouts(DEALS, { ...PLAN, crediting: {}, quotas: [] });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      '"crediting.territoryHistory" must be an array, "crediting.territoryReps" must be an array, "crediting.rules" must be an array, "quotas" must be an object',
    );
  });

  test("credits outside the periods warned", () => {
    const deals = `${DEALS}\nd4,acme,50.00,USD,2027-03-02,core,ana,`;
    const result = payouts(deals, PLAN);

    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'Warning: Rep "ana" has 1 credit totalling 50.00 for deals closed on 2027-03-02, outside the periods from 2027-01-01 to 2027-02-28, so no statement shows it. Add periods that contain these dates, or correct the close dates.\n',
    );
    expect(result.stdout).toContain(
      "ana,2027-01,1100.00,1000.00,1.1000,110.00",
    );
  });

  test("missing deals option is usage error", () => {
    const result = runCli(["payouts", "--plan", "plan.json"]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Missing --deals FILE.csv.");
  });

  test("time zone dates close timestamps", () => {
    // 05:00 UTC on 1 February is 21:00 on 31 January in Los Angeles.
    const deals = [
      "id,account,amount,currency,close_date,product,owner",
      "d1,acme,200.00,USD,2027-02-01T05:00:00Z,core,ana",
    ].join("\n");
    const args = ["--time-zone", "America/Los_Angeles"];
    const losAngeles = payouts(deals, PLAN, args);
    const utc = payouts(deals, PLAN);

    expect(losAngeles.status).toBe(0);
    expect(losAngeles.stdout).toContain(
      "ana,2027-01,200.00,1000.00,0.2000,20.00",
    );
    expect(losAngeles.stdout).toContain("ana,2027-02,0.00,1000.00,0.0000,0.00");
    expect(utc.status).toBe(0);
    expect(utc.stdout).toContain("ana,2027-01,0.00,1000.00,0.0000,0.00");
    expect(utc.stdout).toContain("ana,2027-02,200.00,1000.00,0.2000,20.00");
  });

  test("unknown time zone is usage error", () => {
    const result = payouts(DEALS, PLAN, ["--time-zone", "Mars/Olympus_Mons"]);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      'Invalid --time-zone "Mars/Olympus_Mons": it is not an IANA time zone name.',
    );
  });
});
