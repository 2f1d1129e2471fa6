import type { CapacityResult } from "../../model/capacity/capacity.ts";
import {
  capacityTable,
  type PlanningTable,
  type RoleLabel,
} from "../../model/io/planning-tables.ts";
import { planningFileName } from "./table-export.ts";

/** Builds the capacity export's file name, such as "acme-capacity-fy2028". */
export function capacityFileName(planName: string, yearId: string): string {
  return planningFileName(planName, "capacity", yearId);
}

/** Builds the capacity table with role names in its headers. */
export function capacityExportTable(
  result: CapacityResult,
  roles: readonly RoleLabel[],
): PlanningTable {
  return capacityTable(result, roles);
}
