import fs from "node:fs";
import { describe, expect, test, vi } from "vitest";
import { readWorkbook, rowValues } from "./read-workbook.ts";
import { useTempDir } from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const dir = useTempDir("meridian-capacity-", "file");

/** Returns the worked example of docs/CAPACITY.md: one AE since 2020, a target in M03. */
function workedExample() {
  return {
    calendar: { startMonth: 1, firstFiscalYear: 2027 },
    fiscalYear: 2027,
    roles: [
      {
        id: "ae",
        name: "AE",
        onTargetEarnings: "160000.00",
        loadedCost: "240000.00",
        annualProductivity: "1200000.00",
        rampPercents: ["50", "100"],
        annualAttritionPercent: "12",
        backfillMonths: 1,
      },
    ],
    reps: [{ id: "r-1", roleId: "ae", startDate: "2020-03-01" }],
    hires: [] as { roleId: string; monthId: string; count: number }[],
    targets: [
      { segment: "Enterprise", period: "FY2027-M03", amount: "130000.00" },
    ] as unknown[] | undefined,
  };
}

const EXPECTED_CSV = `period,month,headcount_ae,capacity_ae,cost_of_sales_ae,total_headcount,total_capacity,total_cost_of_sales,target,gap
FY2027-M01,Jan 2027,1.0000,100000.00,20000.00,1.0000,100000.00,20000.00,0.00,-100000.00
FY2027-M02,Feb 2027,0.9900,99000.00,19800.00,0.9900,99000.00,19800.00,0.00,-99000.00
FY2027-M03,Mar 2027,0.9901,98510.00,19802.00,0.9901,98510.00,19802.00,130000.00,31490.00
FY2027-M04,Apr 2027,0.9901,98514.90,19801.98,0.9901,98514.90,19801.98,0.00,-98514.90
FY2027-M05,May 2027,0.9901,98514.85,19801.98,0.9901,98514.85,19801.98,0.00,-98514.85
FY2027-M06,Jun 2027,0.9901,98514.85,19801.98,0.9901,98514.85,19801.98,0.00,-98514.85
FY2027-M07,Jul 2027,0.9901,98514.85,19801.98,0.9901,98514.85,19801.98,0.00,-98514.85
FY2027-M08,Aug 2027,0.9901,98514.85,19801.98,0.9901,98514.85,19801.98,0.00,-98514.85
FY2027-M09,Sep 2027,0.9901,98514.85,19801.98,0.9901,98514.85,19801.98,0.00,-98514.85
FY2027-M10,Oct 2027,0.9901,98514.85,19801.98,0.9901,98514.85,19801.98,0.00,-98514.85
FY2027-M11,Nov 2027,0.9901,98514.85,19801.98,0.9901,98514.85,19801.98,0.00,-98514.85
FY2027-M12,Dec 2027,0.9901,98514.85,19801.98,0.9901,98514.85,19801.98,0.00,-98514.85

gap_period,role,hires,start_period,capacity_per_hire,note
FY2027-M03,ae,1,FY2027-M02,99000.00,
`;

describe("meridian capacity", () => {
  test("worked example writes the exact CSV", () => {
    const input = dir.writeJson("example.json", workedExample());

    const result = runCli(["capacity", input]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(EXPECTED_CSV);
  });

  test("--out writes the same CSV to a file", () => {
    const input = dir.writeJson("example.json", workedExample());
    const out = dir.file("capacity.csv");

    const result = runCli(["capacity", input, "--out", out]);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(fs.readFileSync(out, "utf8")).toBe(EXPECTED_CSV);
  });

  test("json carries figures with trace text", () => {
    const input = dir.writeJson("example.json", workedExample());

    const result = runCli(["capacity", input, "--format", "json"]);

    expect(result.status).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.fiscalYear).toBe("FY2027");
    expect(body.months).toHaveLength(12);
    const march = body.months[2];
    expect(march.period).toBe("FY2027-M03");
    expect(march.label).toBe("Mar 2027");
    expect(march.capacity.amount).toBe("98510.00");
    expect(march.capacity.trace).toBe(
      "Capacity FY2027-M03 = 98510.00: sum over roles",
    );
    expect(march.gap.trace).toBe(
      "Gap FY2027-M03 = 31490.00: target - capacity (positive is a shortfall) (target 130000.00, capacity 98510.00)",
    );
    expect(march.costOfSales.amount).toBe("19802.00");
    expect(march.roles[0].capacity.traceDetail.parts).toHaveLength(2);
    expect(body.hiresNeeded.recommendations).toEqual([
      {
        gapPeriod: "FY2027-M03",
        roleId: "ae",
        count: 1,
        startPeriod: "FY2027-M02",
        capacityPerHire: "99000.00",
        trace:
          "Hires for FY2027-M03 = 1: ceiling(shortfall / capacity per hire), plus one hire while rounding to the cent leaves a shortfall (shortfall 31490.00, capacity per hire 99000.00, role AE, start month FY2027-M02)",
        traceDetail: expect.objectContaining({ value: "1" }),
      },
    ]);
    expect(body.hiresNeeded.unclosable).toEqual([]);
  });

  test("without targets, target, gap and hires are empty", () => {
    const data = workedExample();
    delete data.targets;
    const input = dir.writeJson("no-targets.json", data);

    const result = runCli(["capacity", input]);

    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(13);
    expect(lines[1]).toBe(
      "FY2027-M01,Jan 2027,1.0000,100000.00,20000.00,1.0000,100000.00,20000.00,,",
    );
  });

  test("--hire-role lists unclosable months in order", () => {
    const data = workedExample();
    data.roles.push({
      id: "sdr",
      name: "SDR",
      onTargetEarnings: "90000.00",
      loadedCost: "120000.00",
      annualProductivity: "240000.00",
      rampPercents: ["0", "100"],
      annualAttritionPercent: "0",
      backfillMonths: 0,
    });
    data.hires = [{ roleId: "sdr", monthId: "FY2027-M02", count: 2 }];
    data.targets = [
      { segment: "Enterprise", period: "FY2027-M01", amount: "150000.00" },
      { segment: "Enterprise", period: "FY2027-M03", amount: "160000.00" },
    ];
    const input = dir.writeJson("two-roles.json", data);

    const result = runCli(["capacity", input, "--hire-role", "sdr"]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe(
      "period,month,headcount_ae,capacity_ae,cost_of_sales_ae,headcount_sdr,capacity_sdr,cost_of_sales_sdr,total_headcount,total_capacity,total_cost_of_sales,target,gap",
    );
    expect(lines[3]).toBe(
      "FY2027-M03,Mar 2027,0.9901,98510.00,19802.00,2.0000,40000.00,20000.00,2.9901,138510.00,39802.00,160000.00,21490.00",
    );
    expect(lines.slice(13)).toEqual([
      "",
      "gap_period,role,hires,start_period,capacity_per_hire,note",
      'FY2027-M01,sdr,,,,"unclosable shortfall of 50000.00: Role ""SDR"" ramps at 0% in tenure month 1, so no hire starting in this fiscal year adds capacity in FY2027-M01. Plan earlier hires as existing reps or choose another role."',
      "FY2027-M03,sdr,2,FY2027-M02,20000.00,",
    ]);
  });

  test("--hire-role without targets is rejected", () => {
    const data = workedExample();
    delete data.targets;
    const input = dir.writeJson("no-targets.json", data);

    const result = runCli(["capacity", input, "--hire-role", "ae"]);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      "--hire-role ae needs targets to close, but the file has none.",
    );
  });

  test("bad ramp prints the model error, writes nothing", () => {
    const data = workedExample();
    data.roles[0].rampPercents = ["50", "90"];
    const input = dir.writeJson("bad-ramp.json", data);
    const out = dir.file("bad.csv");
    fs.rmSync(out, { force: true });

    const result = runCli(["capacity", input, "--out", out]);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      'meridian capacity: CapacityInputError: Ramp curve of role "AE" ends at 90%; the last month must reach 100%.\n',
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  test("bad target period prints TargetError", () => {
    const data = workedExample();
    data.targets = [{ segment: "Enterprise", period: "M3", amount: "1.00" }];
    const input = dir.writeJson("bad-target.json", data);

    const result = runCli(["capacity", input]);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      'TargetError: Target for segment "Enterprise" names period "M3", which is not a month or quarter of FY2027.',
    );
  });

  test("unknown hire role prints the model error", () => {
    const input = dir.writeJson("example.json", workedExample());

    const result = runCli(["capacity", input, "--hire-role", "sdr"]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'CapacityInputError: Role "sdr" chosen for hiring is not defined.',
    );
  });

  test("missing roles array is rejected", () => {
    const data: Record<string, unknown> = workedExample();
    delete data.roles;
    const input = dir.writeJson("no-roles.json", data);

    const result = runCli(["capacity", input]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'Field "roles" of ' + input + " is missing. Give an array of objects",
    );
  });

  test("invalid JSON is rejected", () => {
    const input = dir.file("broken.json");
    fs.writeFileSync(input, "{ roles: ");

    const result = runCli(["capacity", input]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${input} is not valid JSON`);
  });

  test("missing file and unknown format are usage errors", () => {
    const noFile = runCli(["capacity"]);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain("Missing the input FILE.json.");

    const input = dir.writeJson("example.json", workedExample());
    const badFormat = runCli(["capacity", input, "--format", "xml"]);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain(
      'Unknown format "xml": use one of csv, json, xlsx.',
    );
  });

  test("--help lists the options", () => {
    const result = runCli(["capacity", "--help"]);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "Usage: meridian capacity FILE.json [--format csv|json|xlsx] [--out FILE]",
    );
    expect(result.stdout).toContain("--hire-role ROLE");
    expect(result.stdout).toContain("--out FILE");
  });

  test("xlsx writes capacity and hires sheets", async () => {
    const input = dir.writeJson("example.json", workedExample());
    const out = dir.file("capacity.xlsx");

    const result = runCli([
      "capacity",
      input,
      "--format",
      "xlsx",
      "--out",
      out,
    ]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    const workbook = await readWorkbook(out);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(["Capacity", "Hires needed"]);

    const capacity = workbook.getWorksheet("Capacity")!;
    expect(rowValues(capacity, 1)).toEqual([
      ...["Period", "Month", "AE headcount", "AE capacity"],
      ...["AE cost of sales", "Total headcount", "Total capacity"],
      ...["Cost of sales", "Target", "Gap"],
    ]);
    expect(capacity.rowCount).toBe(13);
    expect(rowValues(capacity, 4)).toEqual([
      ...["FY2027-M03", "Mar 2027", 0.9901, 98510, 19802, 0.9901, 98510],
      ...[19802, 130000, 31490],
    ]);
    expect(capacity.getCell("D5").value).toBe(98514.9);
    expect(capacity.getCell("D5").numFmt).toBe("#,##0.00");
    expect(capacity.getCell("C5").numFmt).toBe("0.0000");

    const hires = workbook.getWorksheet("Hires needed")!;
    expect(rowValues(hires, 1)).toEqual([
      ...["Shortfall period", "Role", "Hires", "Start period"],
      ...["Capacity per hire", "Note"],
    ]);
    expect(rowValues(hires, 2)).toEqual([
      ...["FY2027-M03", "ae", 1, "FY2027-M02", 99000, null],
    ]);
  });

  test("xlsx without targets has one sheet", async () => {
    const data = workedExample();
    delete data.targets;
    const input = dir.writeJson("no-targets.json", data);
    const out = dir.file("no-targets.xlsx");

    const result = runCli([
      "capacity",
      input,
      "--format",
      "xlsx",
      "--out",
      out,
    ]);

    expect(result.status).toBe(0);
    const workbook = await readWorkbook(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Capacity",
    ]);
    const sheet = workbook.getWorksheet("Capacity")!;
    expect(rowValues(sheet, 2).slice(8)).toEqual([null, null]);
  });

  test("xlsx without --out exits 2", () => {
    const input = dir.writeJson("example.json", workedExample());

    const result = runCli(["capacity", input, "--format", "xlsx"]);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      'meridian capacity: --format xlsx writes a binary file, so it needs --out FILE.xlsx. Run "meridian capacity --help" for the options.\n',
    );
  });
});
