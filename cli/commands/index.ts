import type { Command } from "../command.ts";
import { balanceCommand } from "./balance.ts";
import { capacityCommand } from "./capacity.ts";
import { dataCommand } from "./data.ts";
import { diffCommand } from "./diff.ts";
import { exportCommand } from "./export.ts";
import { forecastCommand } from "./forecast.ts";
import { importCommand } from "./import.ts";
import { insightsCommand } from "./insights.ts";
import { inviteCommand } from "./invite.ts";
import { payoutsCommand } from "./payouts.ts";
import { planCommand } from "./plan.ts";
import { quotaCommand } from "./quota.ts";
import { segmentCommand } from "./segment.ts";

// Each subcommand registers here, in the order the help lists them.
export const commands: Command[] = [
  dataCommand,
  planCommand,
  inviteCommand,
  importCommand,
  exportCommand,
  balanceCommand,
  capacityCommand,
  quotaCommand,
  payoutsCommand,
  diffCommand,
  insightsCommand,
  segmentCommand,
  forecastCommand,
];
