import { computeInsights } from "../../model/insights/insights.ts";
import { buildPlanKpiInput } from "../../model/insights/plan-input.ts";
import type {
  Kpi,
  PayKpiInput,
  PlanKpiInput,
} from "../../model/insights/types.ts";
import {
  territoryAccounts,
  type TerritoryAccounts,
} from "../../model/insights/territory-accounts.ts";
import { yearTarget } from "../../model/plan/targets.ts";
import type { PlanInsights } from "../insights/insights.svelte.ts";
import type { Planning } from "../planning/planning.svelte.ts";
import type { Workspace } from "../plan/workspace.svelte.ts";
import type { PlanStructure } from "./kpi-drill.ts";
import { countyNames, planStructure } from "./kpi-structure.ts";
import { fetchPayInsights, type PayInsightsResult } from "./pay-insights.ts";

/**
 * The open plan's KPIs, derived from the same mirrored document, override
 * figures and quota cascade as the map and the planning views, so every
 * stroke and edit moves them at once. Pay-side inputs come from the server,
 * which serves them only to people whose role may see pay.
 */
export class Dashboard {
  /** Pay-side inputs, or the reason they are missing; null until loaded. */
  pay = $state.raw<PayInsightsResult | null>(null);

  readonly #workspace: Workspace;
  readonly #insights: PlanInsights;
  readonly #planning: Planning;

  constructor(
    workspace: Workspace,
    insights: PlanInsights,
    planning: Planning,
  ) {
    this.#workspace = workspace;
    this.#insights = insights;
    this.#planning = planning;
  }

  /** Plan-side KPI inputs, or null before the datasets and the plan load. */
  readonly planInput: PlanKpiInput | null = $derived.by(() => {
    const workspace = this.#workspace;
    const overrides = this.#insights.overrides.figures;
    const inputs = this.#planning.inputs;
    const model = this.#planning.model;
    if (overrides === null || inputs === null) return null;

    return {
      ...buildPlanKpiInput({
        units: workspace.mirror.territories,
        assignments: workspace.mirror.assignments,
        index: overrides.index,
        pinned: overrides.base,
        reps: inputs.reps,
        hires: inputs.hires,
        quotas: model?.quota?.quotas ?? [],
        companyTargetCents:
          model?.targets == null ? null : yearTarget(model.targets).cents,
        quotaAdjustments: Object.keys(inputs.adjustments).length,
        accountOverrides: this.#insights.overrides.rows.length,
      }),
    };
  });

  /** Pay-side inputs when the server served them, else undefined. */
  get payInput(): PayKpiInput | undefined {
    const pay = this.pay;
    return pay !== null && pay.kind === "loaded" ? pay.input : undefined;
  }

  /** Every KPI, or null before the plan loads. */
  readonly kpis: Kpi[] | null = $derived.by(() => {
    const plan = this.planInput;
    if (plan === null) return null;
    return computeInsights(plan, this.payInput);
  });

  /** Currency of the plan's money KPIs. */
  get currency(): string {
    return this.#workspace.mirror.meta?.currency ?? "USD";
  }

  /** Regions, territories and reps a drill-down walks, or null before the plan loads. */
  readonly structure: PlanStructure | null = $derived.by(() => {
    const inputs = this.#planning.inputs;
    if (inputs === null) return null;
    return planStructure(this.#workspace.mirror.territories, inputs.reps);
  });

  // Derived on first read, so only a person who opens an account list pays for it.
  readonly #countyNames: ReadonlyMap<string, string> = $derived.by(() =>
    countyNames(this.#workspace.reference?.units ?? []),
  );

  /**
   * Returns the accounts a territory covers as the KPIs count them, or null
   * before the datasets load. It is computed on each call from the live
   * assignments and overrides, so call it inside a derivation for the one
   * territory on screen.
   */
  territoryAccounts(territoryId: string): TerritoryAccounts | null {
    const reference = this.#workspace.reference;
    const overrides = this.#insights.overrides.figures;
    if (reference === null || overrides === null) return null;
    return territoryAccounts(territoryId, {
      accounts: reference.accounts,
      assignments: this.#workspace.mirror.assignments,
      applied: overrides.applied,
      unitNames: this.#countyNames,
    });
  }

  /** Loads the pay-side inputs again, as after a deals import. */
  async loadPay(): Promise<void> {
    const session = this.#workspace.session;
    this.pay = await fetchPayInsights(session.planId, session.token);
  }
}
