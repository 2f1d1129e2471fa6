import fs from "node:fs";
import { describe, expect, test, vi } from "vitest";
import { useTempDir } from "./cli-fixture.ts";
import { CLI_TEST_TIMEOUT_MS, runCli } from "./run-cli.ts";

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

const dir = useTempDir("meridian-balance-", "file");

/** Runs `meridian balance` with the options and returns the result and the CSV rows it wrote. */
function balance(args: string[], out = dir.file("out.csv")) {
  fs.rmSync(out, { force: true });
  const result = runCli(["balance", ...args, "--out", out]);
  const csv = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : null;
  return { ...result, csv, out };
}

function rows(csv: string): [string, string][] {
  return csv
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",") as [string, string]);
}

const colorado = [
  "--state",
  "CO",
  "--territories",
  "4",
  "--metric",
  "population",
  "--seed",
  "1",
];

describe("meridian balance", () => {
  test("writes a CSV with the header and zero-padded unit ids", () => {
    const result = balance(colorado);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.csv!.split("\n");
    expect(lines[0]).toBe("unit_id,territory");
    const written = rows(result.csv!);
    expect(written).toHaveLength(64);
    expect(written[0][0]).toBe("08001");
    for (const [unitId, territory] of written) {
      expect(unitId).toMatch(/^08\d{3}$/);
      expect(territory).toMatch(/^T[1-4]$/);
    }
    expect(result.stdout).toContain(
      "Colorado (CO): 64 counties into 4 territories by population",
    );
    expect(result.stdout).toMatch(
      /Max deviation: \d+\.\d%, tolerance 5% met\./,
    );
    expect(result.stdout).toContain("Pieces per territory: 1, 1, 1, 1.");
    expect(result.stdout).toContain(
      "Units moved: 64 of 64 (no starting design).",
    );
    expect(result.stdout).toMatch(/Time: \d+ ms\./);
  });

  test("same seed writes the same file; FIPS code works too", () => {
    const first = balance(colorado, dir.file("first.csv"));
    const byFips = balance(
      ["--state", "08", ...colorado.slice(2)],
      dir.file("second.csv"),
    );
    expect(byFips.status).toBe(0);
    expect(byFips.csv).toBe(first.csv);
  });

  test("potential metric prints totals in dollars and cents", () => {
    const result = balance([
      "--state",
      "IA",
      "--territories",
      "3",
      "--metric",
      "potential",
      "--seed",
      "2",
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/T1\s+\d+\s+\d+\.\d{2}\s/);
  });

  test("reports an unreachable tolerance honestly", () => {
    const result = balance([
      "--state",
      "CA",
      "--territories",
      "10",
      "--metric",
      "population",
      "--seed",
      "1",
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("tolerance 5% not met.");
    expect(result.stdout).toContain(
      "Tolerance not reachable: unit 06037 (Los Angeles) alone exceeds the mean by 152.5%.",
    );
  });

  test("repairing a balanced design moves no unit", () => {
    const start = balance(colorado, dir.file("start.csv"));
    const result = balance([
      ...colorado,
      "--mode",
      "minimize-disruption",
      "--from",
      start.out,
    ]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Units moved: 0 of 64.");
    expect(result.csv).toBe(start.csv);
  });

  test("repairing an edited design keeps names and moves few units", () => {
    const start = balance(colorado, dir.file("named.csv"));
    const names: Record<string, string> = {
      T1: "North",
      T2: "South",
      T3: "East",
      T4: "West",
    };
    // Rename, and hand the first 8 units of one territory to another.
    const edited = rows(start.csv!).map(([unitId, t]) => [unitId, names[t]]);
    const south = edited.filter(([, t]) => t === "South").slice(0, 8);
    for (const row of south) row[1] = "North";
    const from = dir.file("edited.csv");
    fs.writeFileSync(
      from,
      ["unit_id,territory", ...edited.map((r) => r.join(","))].join("\n"),
    );

    const result = balance([
      "--state",
      "CO",
      "--metric",
      "population",
      "--seed",
      "1",
      "--mode",
      "minimize-disruption",
      "--from",
      from,
    ]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(new Set(rows(result.csv!).map(([, t]) => t))).toEqual(
      new Set(["North", "South", "East", "West"]),
    );
    const moved = Number(/Units moved: (\d+) of 64\./.exec(result.stdout)![1]);
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThanOrEqual(8);
  });

  test("locked territory of --from keeps its rows", () => {
    const start = balance(colorado, dir.file("lock-start.csv"));
    const result = balance([
      "--state",
      "CO",
      "--territories",
      "4",
      "--metric",
      "population",
      "--seed",
      "5",
      "--from",
      start.out,
      "--lock",
      "T2",
    ]);
    expect(result.status).toBe(0);
    const t2 = (csv: string) => rows(csv).filter(([, t]) => t === "T2");
    expect(t2(result.csv!)).toEqual(t2(start.csv!));
  });

  test("stripped unit ids in --from are rejected line by line", () => {
    const from = dir.file("stripped.csv");
    fs.writeFileSync(from, "unit_id,territory\n8001,T1\n08003,T2\n8005,T1\n");

    const result = balance([
      ...colorado,
      "--mode",
      "minimize-disruption",
      "--from",
      from,
    ]);
    expect(result.status).toBe(1);
    expect(result.csv).toBeNull();
    expect(result.stderr).toContain(
      "has 2 invalid line(s), so nothing was read",
    );
    expect(result.stderr).toContain(
      'line 2: unit id "8001" looks stripped of its leading zeros; the unit is "08001".',
    );
    expect(result.stderr).toContain('line 4: unit id "8005" looks stripped');
  });

  test("units of another state in --from are rejected", () => {
    const from = dir.file("other-state.csv");
    fs.writeFileSync(from, "unit_id,territory\n08001,T1\n19153,T2\n");
    const result = balance([...colorado, "--from", from]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'line 3: unit "19153" is not in Colorado (CO)',
    );
  });

  test("bad options exit with a usage error", () => {
    const cases: [string[], string][] = [
      [["--state", "ZZ", ...colorado.slice(2)], 'Unknown state "ZZ".'],
      [["--state", "8", ...colorado.slice(2)], "did you mean 08 (CO)?"],
      [
        [
          "--state",
          "CO",
          "--territories",
          "0",
          "--metric",
          "population",
          "--seed",
          "1",
        ],
        'Invalid --territories "0": give a whole number from 1 to 64',
      ],
      [
        [
          "--state",
          "CO",
          "--territories",
          "65",
          "--metric",
          "population",
          "--seed",
          "1",
        ],
        'Invalid --territories "65"',
      ],
      [
        [
          "--state",
          "CO",
          "--territories",
          "4",
          "--metric",
          "revenue",
          "--seed",
          "1",
        ],
        'Unknown metric "revenue": use one of population, potential, accounts.',
      ],
      [
        ["--state", "CO", "--territories", "4", "--metric", "population"],
        "Missing --seed",
      ],
      [
        [...colorado, "--mode", "minimize-disruption"],
        "--mode minimize-disruption needs --from",
      ],
      [[...colorado, "--tolerance", "five"], 'Invalid tolerance "five"'],
    ];
    for (const [args, message] of cases) {
      const result = balance(args);
      expect({ args, status: result.status }).toEqual({
        args,
        status: 2,
      });
      expect(result.stderr).toContain(message);
      expect(result.csv).toBeNull();
    }
  });
});
