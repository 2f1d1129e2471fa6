import fs from "node:fs";
import { describe, expect, test, vi } from "vitest";
import type {
  QuotaCascadeInput,
  QuotaCascadeResult,
} from "../../model/quota/types.ts";
import { readWorkbook, rowValues } from "./read-workbook.ts";
import { useTempDir } from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const dir = useTempDir("meridian-quota-", "file");

/** Builds the example of docs/CLI.md: Acme, two regions, two territories, three reps, Ana adjusted. */
function exampleInput(): QuotaCascadeInput {
  return {
    nodes: [
      { id: "acme", name: "Acme", level: "company", parentId: null },
      { id: "east", name: "East", level: "region", parentId: "acme" },
      { id: "west", name: "West", level: "region", parentId: "acme" },
      { id: "bos", name: "Boston, MA", level: "territory", parentId: "east" },
      { id: "sea", name: "Seattle", level: "territory", parentId: "west" },
      { id: "ana", name: "Ana", level: "rep", parentId: "bos" },
      { id: "ben", name: "Ben", level: "rep", parentId: "bos" },
      { id: "gus", name: "Gus", level: "rep", parentId: "sea" },
    ],
    companyQuota: "1200000.00",
    levels: {
      region: { method: "potential", overAssignmentPercent: "10" },
      territory: { method: "even", overAssignmentPercent: "0" },
      rep: { method: "even", overAssignmentPercent: "0" },
    },
    potentialCents: { bos: 30_000_000, sea: 10_000_000 },
    seasonality: [
      ...["10", "10", "10", "10"],
      ...["7.5", "7.5", "7.5", "7.5", "7.5", "7.5", "7.5", "7.5"],
    ],
    adjustments: { ana: { amount: "500000.00" } },
  };
}

/** Writes the input as JSON and runs `meridian quota` on it with the options. */
function quota(input: unknown, args: string[] = []) {
  return runCli(["quota", dir.writeJson("plan.json", input), ...args]);
}

const HEADER =
  "node_id,level,name,parent_id,annual_quota,source,month_1,month_2,month_3,month_4,month_5,month_6,month_7,month_8,month_9,month_10,month_11,month_12";

/** Builds a CSV row whose months are `high` four times, then `low` eight times. */
function row(fields: string, high: string, low: string): string {
  return [fields, ...Array(4).fill(high), ...Array(8).fill(low)].join(",");
}

describe("meridian quota", () => {
  test("example CSV keeps the adjustment", () => {
    const result = quota(exampleInput());

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        HEADER,
        row("acme,company,Acme,,1200000.00,company", "120000.00", "90000.00"),
        row("east,region,East,acme,990000.00,cascade", "99000.00", "74250.00"),
        row(
          'bos,territory,"Boston, MA",east,990000.00,cascade',
          "99000.00",
          "74250.00",
        ),
        row(
          "ana,rep,Ana,bos,500000.00,adjusted amount",
          "50000.00",
          "37500.00",
        ),
        row("ben,rep,Ben,bos,490000.00,cascade", "49000.00", "36750.00"),
        row("west,region,West,acme,330000.00,cascade", "33000.00", "24750.00"),
        row(
          "sea,territory,Seattle,west,330000.00,cascade",
          "33000.00",
          "24750.00",
        ),
        row("gus,rep,Gus,sea,330000.00,cascade", "33000.00", "24750.00"),
        "",
      ].join("\n"),
    );
  });

  test("overwrite mode skips the adjustment", () => {
    const result = quota(exampleInput(), ["--mode", "overwrite"]);

    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[4]).toBe(
      row("ana,rep,Ana,bos,495000.00,cascade", "49500.00", "37125.00"),
    );
    expect(lines[5]).toBe(
      row("ben,rep,Ben,bos,495000.00,cascade", "49500.00", "37125.00"),
    );
    expect(result.stderr).toBe(
      'Skipped the adjustment of node "ana": overwritten.\n',
    );
  });

  test("JSON output contains trace text", () => {
    const out = dir.file("quota.json");
    const result = quota(exampleInput(), ["--format", "json", "--out", out]);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    const written = JSON.parse(
      fs.readFileSync(out, "utf8"),
    ) as QuotaCascadeResult;
    const ana = written.quotas.find((q) => q.nodeId === "ana");
    expect(ana?.annual).toBe("500000.00");
    expect(ana?.trace.text).toBe(
      'Quota of rep "Ana" = 500,000.00 (manual amount; the cascade share would be 495,000.00)',
    );
    expect(ana?.months[4].trace.text).toBe(
      'Quota of rep "Ana", month 5 = 500,000.00 x 7.5% = 37,500.00',
    );
    expect(written.skippedAdjustments).toEqual([]);
  });

  test("adjustment above pool exits 1", () => {
    const input = exampleInput();
    input.adjustments = { ana: { amount: "1000000.00" } };
    const out = dir.file("rejected.csv");

    const result = quota(input, ["--out", out]);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      'meridian quota: Adjusted quotas under territory "Boston, MA" exceed its pool of 990000.00, leaving -10000.00 for the other children. Lower an adjustment or raise the quota of territory "Boston, MA".\n',
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  test("invalid JSON exits 1", () => {
    const file = dir.file("broken.json");
    fs.writeFileSync(file, "{ nodes: ");

    const result = runCli(["quota", file]);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      `meridian quota: ${file} is not valid JSON`,
    );
  });

  test("unknown mode exits 2", () => {
    const result = quota(exampleInput(), ["--mode", "keep"]);

    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'meridian quota: Unknown --mode "keep": use one of preserve, overwrite. Run "meridian quota --help" for the options.\n',
    );
  });

  test("missing input file exits 2", () => {
    const result = runCli(["quota"]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Missing the input file");
  });

  test("help lists the CSV columns", () => {
    const result = runCli(["quota", "--help"]);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "Usage: meridian quota FILE.json [--mode preserve|overwrite]",
    );
    expect(result.stdout).toContain(
      "node_id,level,name,parent_id,annual_quota,source,month_1,...,month_12",
    );
    expect(result.stdout).toContain("--format FMT    csv, json or xlsx");
  });

  test("xlsx writes the Quotas sheet", async () => {
    const out = dir.file("quota.xlsx");

    const result = quota(exampleInput(), ["--format", "xlsx", "--out", out]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    const workbook = await readWorkbook(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Quotas"]);
    const sheet = workbook.getWorksheet("Quotas")!;
    expect(rowValues(sheet, 1)).toEqual([
      ...["Node id", "Level", "Name", "Parent id", "Annual quota", "Source"],
      ...Array.from({ length: 12 }, (_, i) => `Month ${i + 1}`),
    ]);
    expect(sheet.rowCount).toBe(9);
    expect(rowValues(sheet, 2).slice(0, 8)).toEqual([
      ...["acme", "company", "Acme", null, 1200000, "company"],
      ...[120000, 120000],
    ]);
    expect(rowValues(sheet, 4).slice(0, 6)).toEqual([
      ...["bos", "territory", "Boston, MA", "east", 990000, "cascade"],
    ]);
    expect(rowValues(sheet, 5).slice(4, 6)).toEqual([
      500000,
      "adjusted amount",
    ]);
    expect(sheet.getCell("Q6").value).toBe(36750);
    expect(sheet.getCell("Q6").numFmt).toBe("#,##0.00");
  });

  test("xlsx labels fiscal months", async () => {
    const out = dir.file("quota-fiscal.xlsx");
    const input = {
      ...exampleInput(),
      calendar: { startMonth: 2, firstFiscalYear: 2027 },
      fiscalYear: 2027,
    };

    const result = quota(input, ["--format", "xlsx", "--out", out]);

    expect(result.status).toBe(0);
    const sheet = (await readWorkbook(out)).getWorksheet("Quotas")!;
    expect(rowValues(sheet, 1).slice(6, 8)).toEqual(["Feb 2026", "Mar 2026"]);
    expect(sheet.getCell("R1").value).toBe("Jan 2027");
  });

  test("xlsx keeps the skipped adjustment note", () => {
    const out = dir.file("quota-overwrite.xlsx");

    const result = quota(exampleInput(), [
      ...["--mode", "overwrite", "--format", "xlsx", "--out", out],
    ]);

    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'Skipped the adjustment of node "ana": overwritten.\n',
    );
    expect(fs.existsSync(out)).toBe(true);
  });

  test("xlsx without --out exits 2", () => {
    const result = quota(exampleInput(), ["--format", "xlsx"]);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      'meridian quota: --format xlsx writes a binary file, so it needs --out FILE.xlsx. Run "meridian quota --help" for the options.\n',
    );
  });

  test("calendar without fiscalYear exits 1", () => {
    const out = dir.file("half-calendar.xlsx");
    const input = {
      ...exampleInput(),
      calendar: { startMonth: 2, firstFiscalYear: 2027 },
    };

    const result = quota(input, ["--format", "xlsx", "--out", out]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'has only one of "calendar" and "fiscalYear". Give both',
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  test("invalid fiscal year exits 1", () => {
    const input = {
      ...exampleInput(),
      calendar: { startMonth: 13, firstFiscalYear: 2027 },
      fiscalYear: 2027,
    };

    const result = quota(input);

    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "meridian quota: Fiscal year start month 13 is invalid. Use a whole number from 1 (January) to 12 (December).\n",
    );
  });
});
