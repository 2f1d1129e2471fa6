import { describe, expect, test, vi } from "vitest";
import { useTempDir } from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const dir = useTempDir("meridian-forecast-", "file");

/** February to July 2027, 100.00 more each month, with a quota of 10000.00. */
const WEST = {
  bookings: {
    "2027-02": 10_000,
    "2027-03": 20_000,
    "2027-04": 30_000,
    "2027-05": 40_000,
    "2027-06": 50_000,
    "2027-07": 60_000,
  },
  quota: "10000.00",
};

describe("meridian forecast", () => {
  test("writes forecast, error and attainment as csv", () => {
    const file = dir.writeJson("west.json", { territories: { West: WEST } });

    const result = runCli([
      "forecast",
      file,
      "--season",
      "1",
      "--horizon",
      "6",
      "--holdout",
      "2",
      "--fiscal-year-start",
      "2027-02",
    ]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      "territory,month,forecast,low,high",
      "West,2027-08,700.00,700.00,700.00",
      "West,2027-09,800.00,800.00,800.00",
      "West,2027-10,900.00,900.00,900.00",
      "West,2027-11,1000.00,1000.00,1000.00",
      "West,2027-12,1100.00,1100.00,1100.00",
      "West,2028-01,1200.00,1200.00,1200.00",
      "",
      "territory,mae,mape_percent,smape_percent,attainment_percent",
      "West,0.00,0.00,0.00,78.0",
      "",
    ]);
  });

  test("csv escapes formula territory names", () => {
    const file = dir.writeJson("formula.json", {
      territories: { '=HYPERLINK("http://x")': WEST },
    });

    const result = runCli([
      "forecast",
      file,
      "--season",
      "1",
      "--horizon",
      "1",
      "--holdout",
      "2",
    ]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    const name = `"'=HYPERLINK(""http://x"")"`;
    expect(lines[1]).toBe(`${name},2027-08,700.00,700.00,700.00`);
    expect(lines[4]).toBe(`${name},0.00,0.00,0.00,`);
  });

  test("json output carries the traces", () => {
    const file = dir.writeJson("west-json.json", {
      territories: { West: WEST },
    });

    const result = runCli([
      "forecast",
      file,
      "--season",
      "1",
      "--horizon",
      "1",
      "--format",
      "json",
    ]);

    expect(result.status).toBe(0);
    const [report] = JSON.parse(result.stdout);
    expect(report.territory).toBe("West");
    expect(report.forecast.months[0].amount).toBe("700.00");
    expect(report.forecast.traces[0].value).toBe("100.00 + 100.00 x t");
    expect(report.attainment).toBeNull();
  });

  test("short history names territory and months", () => {
    const file = dir.writeJson("short.json", { territories: { West: WEST } });

    const result = runCli(["forecast", file]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Territory "West"');
    expect(result.stderr).toContain("needs at least 27 months (21 more)");
  });

  test("rejects unknown seasonality", () => {
    const file = dir.writeJson("kind.json", { territories: { West: WEST } });

    const result = runCli(["forecast", file, "--seasonality", "weekly"]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown seasonality "weekly"');
  });
});
