import {
  readOverride,
  removeOverride,
  setOverride,
} from "../../../model/doc/account-overrides.ts";
import type { PlanDoc } from "../../../model/doc/plan-doc.ts";
import {
  adjustmentChange,
  priorBookingsChange,
  settingChange,
  targetChange,
  type PlanningChange,
} from "../../../model/doc/planning-edits.ts";
import { applyPlanningChanges } from "../../../model/doc/planning-write.ts";
import type { PlanningDoc } from "../../../model/doc/planning-doc.ts";
import type { Territory } from "../../../model/doc/schema.ts";
import type { QuotaAdjustment } from "../../../model/quota/types.ts";
import { FALLBACK_YEAR, type DemoAccount } from "./outputs.ts";
import type { Random } from "./random.ts";

/** The units and accounts that edits pick from, few enough that replicas collide often. */
export interface EditPool {
  unitIds: readonly string[];
  accounts: readonly DemoAccount[];
}

/** A replica's handles on its document, as an edit needs them. */
export interface EditTarget {
  name: string;
  plan: PlanDoc;
  planning: PlanningDoc;
}

type Edit = (target: EditTarget, random: Random, pool: EditPool) => void;

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];
const SEGMENTS = ["Enterprise", "Public sector"];

// Painting units gets the largest share of edits.
const EDITS: [weight: number, name: string, edit: Edit][] = [
  [30, "assign", assignUnits],
  [8, "unassign", unassignUnits],
  [8, "create territory", createTerritory],
  [12, "update territory", updateTerritory],
  [5, "delete territory", deleteTerritory],
  [8, "set target", setTarget],
  [8, "adjust quota", adjustQuota],
  [3, "set company quota", setCompanyQuota],
  [4, "set prior bookings", setPriorBookings],
  [7, "set override", setAccountOverride],
  [4, "remove override", removeAccountOverride],
];
const TOTAL_WEIGHT = EDITS.reduce((sum, [weight]) => sum + weight, 0);

/**
 * Makes one random edit through the model, chosen among the edits that the
 * replica's own state allows, and returns the edit's name.
 */
export function randomEdit(
  target: EditTarget,
  random: Random,
  pool: EditPool,
): string {
  let roll = random.int(1, TOTAL_WEIGHT);
  for (const [weight, name, edit] of EDITS) {
    roll -= weight;
    if (roll > 0) continue;
    edit(target, random, pool);
    return name;
  }
  throw new Error(`Edit roll ${roll} is outside the total weight.`);
}

function assignUnits({ plan }: EditTarget, random: Random, pool: EditPool) {
  const territory = random.pickOrNull(territoriesOf(plan));
  if (territory === null) return;
  plan.assign(random.sample(pool.unitIds, random.int(1, 6)), territory.id);
}

function unassignUnits({ plan }: EditTarget, random: Random, pool: EditPool) {
  plan.assign(random.sample(pool.unitIds, random.int(1, 4)), null);
}

function createTerritory({ plan }: EditTarget, random: Random) {
  const kind = random.chance(0.2) ? "region" : "territory";
  const regions = regionsOf(plan);
  plan.createTerritory({
    name: random.word(),
    color: random.pick(COLORS),
    parentId:
      kind === "territory" ? (random.pickOrNull(regions)?.id ?? null) : null,
    ownerId: null,
    locked: false,
    kind,
  });
}

function updateTerritory({ plan }: EditTarget, random: Random) {
  const territory = random.pickOrNull(plan.readTerritories());
  if (territory === null) return;

  const field = random.pick(["name", "color", "parentId", "locked"] as const);
  if (field === "name")
    plan.updateTerritory(territory.id, { name: random.word() });
  if (field === "color") {
    plan.updateTerritory(territory.id, { color: random.pick(COLORS) });
  }
  if (field === "parentId" && territory.kind === "territory") {
    const region = random.pickOrNull(regionsOf(plan));
    plan.updateTerritory(territory.id, { parentId: region?.id ?? null });
  }
  if (field === "locked") {
    plan.updateTerritory(territory.id, { locked: !territory.locked });
  }
}

function deleteTerritory({ plan }: EditTarget, random: Random) {
  const unlocked = plan.readTerritories().filter((t) => !t.locked);
  const territory = random.pickOrNull(unlocked);
  if (territory === null) return;

  const others = unlocked.filter(
    (t) => t.id !== territory.id && t.kind === "territory",
  );
  const moveTo = random.chance(0.5) ? random.pickOrNull(others) : null;
  plan.deleteTerritory(territory.id, moveTo?.id ?? null);
}

function setTarget(target: EditTarget, random: Random) {
  const month = String(random.int(1, 12)).padStart(2, "0");
  const amount = random.chance(0.8)
    ? randomAmount(random, 10_000, 500_000)
    : null;
  apply(target, [
    targetChange(
      target.planning,
      random.pick(SEGMENTS),
      `FY${FALLBACK_YEAR}-M${month}`,
      amount,
    ),
  ]);
}

function adjustQuota(target: EditTarget, random: Random) {
  const node = random.pickOrNull(target.plan.readTerritories());
  if (node === null) return;

  let adjustment: QuotaAdjustment | null = null;
  if (random.chance(0.4)) {
    adjustment = { amount: randomAmount(random, 50_000, 900_000) };
  } else if (random.chance(0.8)) {
    const sign = random.chance(0.5) ? "-" : "";
    adjustment = { delta: `${sign}${randomAmount(random, 100, 20_000)}` };
  }
  apply(target, [adjustmentChange(target.planning, node.id, adjustment)]);
}

function setCompanyQuota(target: EditTarget, random: Random) {
  const amount = random.chance(0.7)
    ? randomAmount(random, 1_000_000, 9_000_000)
    : null;
  apply(target, [settingChange(target.planning, "companyQuota", amount)]);
}

function setPriorBookings(target: EditTarget, random: Random) {
  const territory = random.pickOrNull(territoriesOf(target.plan));
  if (territory === null) return;

  const amount = random.chance(0.8)
    ? randomAmount(random, 10_000, 800_000)
    : null;
  apply(target, [priorBookingsChange(target.planning, territory.id, amount)]);
}

// The override form rejects an account that a locked territory keeps, so
// the edit picks only accounts and territories that no lock keeps.
function setAccountOverride(
  { plan }: EditTarget,
  random: Random,
  pool: EditPool,
) {
  const locked = plan.lockedTerritoryIds();
  const territory = random.pickOrNull(
    territoriesOf(plan).filter((t) => !locked.has(t.id)),
  );
  if (territory === null) return;
  const account = random.pick(pool.accounts);
  const current = readOverride(plan, account.id);
  const holders = current
    ? [current.territoryId]
    : [plan.territoryOf(account.unitId)];
  if (holders.some((id) => id !== null && locked.has(id))) return;

  const from = random.chance(0.5)
    ? `${FALLBACK_YEAR}-0${random.int(1, 6)}-01`
    : null;
  const to = random.chance(0.3) ? `${FALLBACK_YEAR}-12-31` : null;
  setOverride(
    plan,
    {
      accountId: account.id,
      territoryId: territory.id,
      effectiveFrom: from,
      effectiveTo: to,
    },
    account.unitId,
  );
}

function removeAccountOverride(
  { plan }: EditTarget,
  random: Random,
  pool: EditPool,
) {
  const withOverride = new Set(plan.readOverrides().map((o) => o.accountId));
  const account = random.pickOrNull(
    pool.accounts.filter((a) => withOverride.has(a.id)),
  );
  if (account === null) return;
  const locked = plan.lockedTerritoryIds();
  const holders = [
    readOverride(plan, account.id)?.territoryId ?? null,
    plan.territoryOf(account.unitId),
  ];
  if (holders.some((id) => id !== null && locked.has(id))) return;

  removeOverride(plan, account.id, account.unitId);
}

function apply({ name, planning }: EditTarget, changes: PlanningChange[]) {
  applyPlanningChanges(planning, changes, {
    personId: name,
    name,
    at: `${FALLBACK_YEAR}-01-15T09:00:00.000Z`,
    fallbackYear: FALLBACK_YEAR,
  });
}

function territoriesOf(plan: PlanDoc): Territory[] {
  return plan.readTerritories().filter((t) => t.kind === "territory");
}

function regionsOf(plan: PlanDoc): Territory[] {
  return plan.readTerritories().filter((t) => t.kind === "region");
}

/** Returns a whole-dollar amount from `min` to `max` as a decimal string with cents. */
function randomAmount(random: Random, min: number, max: number): string {
  return `${random.int(min, max)}.00`;
}
