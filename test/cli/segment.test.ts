import { describe, expect, it, vi } from "vitest";
import { useTempDir } from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const ACCOUNTS = {
  accounts: [
    {
      id: "w1",
      name: "West, one",
      potential: "1000.00",
      population: 1000,
      lon: -120,
      lat: 45,
    },
    {
      id: "w2",
      name: "West two",
      potential: "1200.00",
      population: 2000,
      lon: -121,
      lat: 46,
    },
    {
      id: "e1",
      name: "East one",
      potential: "100000.00",
      population: 100000,
      lon: -75,
      lat: 40,
    },
    {
      id: "e2",
      name: "East two",
      potential: "120000.00",
      population: 200000,
      lon: -74,
      lat: 41,
    },
  ],
};

const dir = useTempDir("meridian-segment-");

describe("meridian segment", () => {
  it("writes one CSV row per account", () => {
    const file = dir.writeJson("accounts.json", ACCOUNTS);
    const result = runCli([
      "segment",
      "--accounts",
      file,
      "--k",
      "2",
      "--format",
      "csv",
    ]);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe("account_id,account_name,segment,segment_name");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^w1,"West, one",\d,"Low potential, North-west"$/);
    expect(lines[3]).toMatch(/^e1,East one,\d,"High potential, South-east"$/);
  });

  it("escapes formula account names", () => {
    const [first, ...rest] = ACCOUNTS.accounts;
    const file = dir.writeJson("accounts.json", {
      accounts: [{ ...first, name: '=HYPERLINK("http://x")' }, ...rest],
    });
    const result = runCli([
      "segment",
      "--accounts",
      file,
      "--k",
      "2",
      "--format",
      "csv",
    ]);

    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[1]).toMatch(/^w1,"'=HYPERLINK\(""http:\/\/x""\)",\d,/);
  });

  it("writes segments and assignments as JSON", () => {
    const file = dir.writeJson("accounts.json", ACCOUNTS);
    const result = runCli([
      "segment",
      "--accounts",
      file,
      "--k",
      "2",
      "--seed",
      "3",
    ]);
    const output = JSON.parse(result.stdout);

    expect(result.status).toBe(0);
    expect(output.k).toBe(2);
    expect(output.seed).toBe(3);
    expect(output.segments).toHaveLength(2);
    expect(output.accounts).toHaveLength(4);
    const west = output.segments[output.accounts[0].segment];
    expect(west.centroid.potential).toBe("1100.00");
    expect(west.accountCount).toBe(2);
  });

  it("rejects k above the account count", () => {
    const file = dir.writeJson("accounts.json", ACCOUNTS);
    const result = runCli(["segment", "--accounts", file, "--k", "5"]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("k is 5, but there are only 4 accounts");
  });

  it("rejects a k that is not a number", () => {
    const result = runCli(["segment", "--k", "many"]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--k needs a whole number, got "many"');
  });

  it("rejects a missing accounts file", () => {
    const result = runCli([
      "segment",
      "--accounts",
      "/nonexistent/accounts.json",
    ]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "Cannot read accounts from /nonexistent/accounts.json",
    );
  });
});
