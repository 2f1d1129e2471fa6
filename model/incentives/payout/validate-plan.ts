import type { CompPlan, PlanComponent, TierBand } from "./plan.ts";
import { PayoutPlanError } from "./errors.ts";
import { isDecimalText, ProblemList } from "./checks.ts";

const COMPONENT_TYPES = ["commission", "tiered", "bonus", "spif"];

/** Ids of the lines the payout adds itself, so no component may use them. */
const RESERVED_IDS = ["totalCap", "draw", "drawRecovery", "clawback"];

/** Checks a whole plan and raises PayoutPlanError listing every problem. */
export function validatePlan(plan: CompPlan): void {
  const list = new ProblemList();
  if (!Array.isArray(plan.components) || plan.components.length === 0) {
    list.add("components", "missing. Add at least one plan component.");
  } else {
    checkComponents(list, plan.components);
  }

  if (plan.totalCap !== undefined) list.decimal("totalCap", plan.totalCap);
  if (plan.draw !== undefined) {
    const kinds = ["recoverable", "nonRecoverable"];
    if (!kinds.includes(plan.draw.kind)) {
      list.add(
        "draw.kind",
        `unknown kind ${JSON.stringify(plan.draw.kind)}. Use "recoverable" or "nonRecoverable".`,
      );
    }
    list.decimal("draw.amount", plan.draw.amount);
  }
  if (plan.clawback !== undefined) {
    const days = plan.clawback.windowDays;
    if (!Number.isSafeInteger(days) || days < 0) {
      list.add(
        "clawback.windowDays",
        `invalid window ${JSON.stringify(days)}. Use a whole number of days, zero or more.`,
      );
    }
  }

  if (list.problems.length > 0) throw new PayoutPlanError(list.problems);
}

function checkComponents(list: ProblemList, components: PlanComponent[]) {
  const seen = new Set<string>();
  components.forEach((component, index) => {
    const path = `components[${index}]`;
    list.text(`${path}.id`, component.id);
    list.text(`${path}.label`, component.label);
    if (seen.has(component.id)) {
      list.add(
        `${path}.id`,
        `duplicate id ${JSON.stringify(component.id)}. Give each component its own id.`,
      );
    }
    seen.add(component.id);
    if (RESERVED_IDS.includes(component.id)) {
      list.add(
        `${path}.id`,
        `reserved id ${JSON.stringify(component.id)}. Use an id other than ${RESERVED_IDS.join(", ")}.`,
      );
    }
    if (/^(correction|adjustment):/.test(component.id)) {
      list.add(
        `${path}.id`,
        `reserved id prefix in ${JSON.stringify(component.id)}. Use an id that does not start with "correction:" or "adjustment:".`,
      );
    }

    if (component.cap !== undefined) list.decimal(`${path}.cap`, component.cap);
    if (component.gate !== undefined) {
      list.decimal(`${path}.gate`, component.gate);
    }
    checkComponentRule(list, path, component);
  });
}

function checkComponentRule(
  list: ProblemList,
  path: string,
  component: PlanComponent,
): void {
  switch (component.type) {
    case "commission":
      list.rate(`${path}.rate`, component.rate);
      return;
    case "tiered":
      checkTiered(list, path, component.mode, component.basis);
      checkBands(list, `${path}.bands`, component.bands);
      return;
    case "bonus":
      list.decimal(`${path}.threshold`, component.threshold);
      list.decimal(`${path}.amount`, component.amount);
      return;
    case "spif":
      checkSpif(list, path, component);
      return;
    default:
      list.add(
        `${path}.type`,
        `unknown type ${JSON.stringify((component as { type: unknown }).type)}. Use one of ${COMPONENT_TYPES.join(", ")}.`,
      );
  }
}

function checkTiered(
  list: ProblemList,
  path: string,
  mode: unknown,
  basis: unknown,
): void {
  if (mode !== "marginal" && mode !== "retroactive") {
    list.add(
      `${path}.mode`,
      `unknown mode ${JSON.stringify(mode)}. Use "marginal" or "retroactive".`,
    );
  }
  if (basis !== undefined && basis !== "period" && basis !== "yearToDate") {
    list.add(
      `${path}.basis`,
      `unknown basis ${JSON.stringify(basis)}. Use "period" or "yearToDate".`,
    );
  }
}

/**
 * Checks that bands start at 0, each band starts where the previous one
 * ends, each ends above its start, and only the last is open above.
 */
export function checkBands(
  list: ProblemList,
  path: string,
  bands: TierBand[],
): void {
  if (!Array.isArray(bands) || bands.length === 0) {
    list.add(path, "missing. Add at least one band starting at 0.");
    return;
  }
  bands.forEach((band, index) => {
    const previous = index > 0 ? bands[index - 1] : undefined;
    const last = index === bands.length - 1;
    checkBand(list, `${path}[${index}]`, band, previous, last);
  });
}

function checkBand(
  list: ProblemList,
  at: string,
  band: TierBand,
  previous: TierBand | undefined,
  last: boolean,
): void {
  const from = list.decimal(`${at}.from`, band.from);
  list.rate(`${at}.rate`, band.rate);

  if (previous === undefined && from !== undefined && !from.isZero()) {
    list.add(`${at}.from`, `is ${band.from}. The first band must start at 0.`);
  }
  const previousEnd = previous?.to;
  const endsWhereStarts =
    previousEnd === undefined ||
    !isDecimalText(previousEnd) ||
    from === undefined ||
    from.equals(previousEnd);
  if (!endsWhereStarts) {
    list.add(
      `${at}.from`,
      `is ${band.from} but the previous band ends at ${previousEnd}. Bands must be contiguous: start each band where the previous one ends.`,
    );
  }

  if (last && band.to !== undefined) {
    list.add(
      `${at}.to`,
      `is ${band.to}. Leave the last band open above and limit earnings with a cap.`,
    );
  }
  if (!last && band.to === undefined) {
    list.add(`${at}.to`, "missing. Only the last band may be open above.");
  }
  if (!last && band.to !== undefined) {
    const to = list.decimal(`${at}.to`, band.to);
    if (from !== undefined && to !== undefined && !to.greaterThan(from)) {
      list.add(
        `${at}.to`,
        `is ${band.to}, not above its start ${band.from}. Bands must ascend.`,
      );
    }
  }
}

function checkSpif(
  list: ProblemList,
  path: string,
  spif: {
    product: string;
    from: string;
    to: string;
    perDeal?: string;
    rate?: string;
  },
): void {
  list.text(`${path}.product`, spif.product);
  const from = list.date(`${path}.from`, spif.from);
  const to = list.date(`${path}.to`, spif.to);
  if (from !== undefined && to !== undefined && to < from) {
    list.add(
      `${path}.to`,
      `is ${spif.to}, before from ${spif.from}. Swap the dates.`,
    );
  }

  if ((spif.perDeal === undefined) === (spif.rate === undefined)) {
    list.add(path, "needs exactly one of perDeal or rate.");
  }
  if (spif.perDeal !== undefined) list.decimal(`${path}.perDeal`, spif.perDeal);
  if (spif.rate !== undefined) list.rate(`${path}.rate`, spif.rate);
}
