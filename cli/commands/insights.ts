import path from "node:path";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { writeOutputFile } from "../output.ts";
import {
  pinAccounts,
  readCoverageData,
  readPlanAccounts,
  todayUtc,
  uploadedDatasetsIn,
} from "./public-data.ts";
import { PlanningDoc } from "../../model/doc/planning-doc.ts";
import { formatInsightsCsv } from "../../model/insights/csv.ts";
import { computeInsights } from "../../model/insights/insights.ts";
import { buildPlanKpiInput } from "../../model/insights/plan-input.ts";
import { yearTarget } from "../../model/plan/targets.ts";
import { derivePlanning } from "../../model/planning/derive.ts";
import type { PayKpiInput } from "../../model/insights/types.ts";
import { DatasetStore } from "../../sync-server/datasets.ts";
import { HttpError } from "../../sync-server/http-json.ts";
import { computePayInsights } from "../../sync-server/insights/pay-insights.ts";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import { Storage, StorageError } from "../../sync-server/storage.ts";
import { UploadedDatasetStore } from "../../sync-server/uploaded-datasets.ts";

const FORMATS = ["csv", "json"];

const HELP = `Usage: meridian insights --plan ID [--data-dir ./data]
                         [--public-data-dir public/data]
                         [--format csv|json] [--out FILE]

Computes the plan's KPIs: quota alignment, coverage quality and
reconciliation effort from the stored plan, each with its definition, the
trace of inputs and arithmetic that gives it, and its breakdown by region,
territory or rep. docs/INSIGHTS.md defines every KPI.

The command reads the server's SQLite database directly and rebuilds the
plan from its stored updates, so the server need not run. Accounts come
from the plan's accounts dataset as in "meridian export accounts", and
named-account overrides in effect today (UTC) count in their territory.
Pay KPIs (statements, credit, payouts, disputes) come from the server's
pay tables in the same database, computed as GET .../insights/pay computes
them for an incentives administrator, so they cover every rep. A database
without pay tables leaves them "not available".

CSV has the header kpi,label,level,id,name,value,unit,trace: one row per
KPI with the level "plan", then one row per breakdown entry. JSON is the
list of KPIs with their full traces.

Options:
  --plan ID               plan to read (required)
  --data-dir DIR          the server's DATA_DIR (default: ./data)
  --public-data-dir DIR   folder with units.json and accounts.json
                          (default: public/data)
  --format FMT            csv or json (default: csv)
  --out FILE              file to write (default: standard output)`;

export const insightsCommand: Command = {
  name: "insights",
  summary: "Compute a plan's KPIs with their definitions and traces",
  help: HELP,

  async run(argv) {
    const { values, positionals } = parseOptions("insights", argv, {
      plan: { type: "string" },
      "data-dir": { type: "string", default: "./data" },
      "public-data-dir": { type: "string", default: "public/data" },
      format: { type: "string", default: "csv" },
      out: { type: "string" },
    });
    if (positionals.length > 0) {
      throw usage(`Unexpected argument "${positionals[0]}".`);
    }
    if (!values.plan) throw usage("Missing --plan.");
    if (!FORMATS.includes(values.format)) {
      throw usage(
        `Unknown format ${JSON.stringify(values.format)}. Use ${FORMATS.join(" or ")}.`,
      );
    }

    const dataDir = path.resolve(values["data-dir"]);
    const kpis = await planInsights(
      dataDir,
      values.plan,
      values["public-data-dir"],
    );
    const text =
      values.format === "json"
        ? `${JSON.stringify(kpis, null, 2)}\n`
        : formatInsightsCsv(kpis);
    if (values.out) writeOutputFile(values.out, text);
    else process.stdout.write(text);
  },
};

function usage(message: string): CliError {
  return new CliError(
    `${message} Run "meridian insights --help" for the options.`,
    2,
  );
}

async function planInsights(
  dataDir: string,
  planId: string,
  publicDataDir: string,
) {
  const stored = readStoredPlan(dataDir, planId);
  const accounts = await readPlanAccounts(
    stored.meta.datasets.accounts,
    publicDataDir,
    uploadedDatasetsIn(dataDir),
  );
  const data = readCoverageData(publicDataDir, accounts);
  const pins = pinAccounts(
    data,
    stored.overrides,
    stored.territories,
    todayUtc(),
  );

  // The quota cascade weights by the potential the territory design gives.
  const sources = {
    units: stored.territories,
    assignments: stored.assignments,
    index: pins.index,
    pinned: pins.base,
    reps: stored.planning.reps,
    hires: stored.planning.hires,
    quotas: [],
    companyTargetCents: null,
    quotaAdjustments: Object.keys(stored.planning.adjustments).length,
    accountOverrides: stored.overrides.length,
  };
  const design = buildPlanKpiInput(sources);
  const model = derivePlanning(stored.planning, {
    planName: stored.meta.name || "Company",
    units: stored.territories,
    potentialCents: Object.fromEntries(
      design.territories.map((t) => [t.id, t.potentialCents]),
    ),
  });

  const pay = await readPayInput(dataDir, publicDataDir, planId);
  return computeInsights(
    {
      ...design,
      quotas: model.quota?.quotas ?? [],
      companyTargetCents:
        model.targets === null ? null : yearTarget(model.targets).cents,
    },
    pay,
  );
}

/**
 * Pay access of the CLI. Anyone who can read DATA_DIR can read every
 * statement, so the command reads them as an administrator does.
 */
const OPERATOR_ACCESS = { admin: true, repId: null };

/**
 * Computes the pay-side KPI inputs with the server's own code over the
 * database and dataset folders, or returns undefined for a database that
 * predates the pay tables.
 */
async function readPayInput(
  dataDir: string,
  publicDataDir: string,
  planId: string,
): Promise<PayKpiInput | undefined> {
  let storage: Storage | null = null;
  try {
    storage = Storage.open(dataDir, { readonly: true });
    if (storage.version < PAY_TABLES_VERSION) return undefined;
    const sources = {
      datasets: new DatasetStore(publicDataDir),
      uploads: new UploadedDatasetStore(path.join(dataDir, "datasets")),
    };
    const pay = await computePayInsights(
      storage,
      sources,
      planId,
      OPERATOR_ACCESS,
    );
    return pay.input;
  } catch (error) {
    if (error instanceof StorageError || error instanceof HttpError) {
      throw new CliError(error.message);
    }
    throw error;
  } finally {
    storage?.close();
  }
}

/** Storage version that added the pay tables. */
const PAY_TABLES_VERSION = 3;

function readStoredPlan(dataDir: string, planId: string) {
  let storage: Storage | null = null;
  try {
    storage = Storage.open(dataDir, { readonly: true });
    const plan = loadPlanDoc(storage, planId);
    const fallbackYear = new Date().getUTCFullYear() + 1;
    return {
      meta: plan.readMeta(),
      territories: plan.readTerritories(),
      assignments: plan.readAssignments(),
      overrides: plan.readOverrides(),
      planning: new PlanningDoc(plan.doc).read(fallbackYear),
    };
  } catch (error) {
    if (error instanceof StorageError) throw new CliError(error.message);
    throw error;
  } finally {
    storage?.close();
  }
}
