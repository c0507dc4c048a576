import { checkJobCostSync, costCodeKey, type GeneralSettings } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { BudgetsRepository } from '../../budgets/budgets.repository.js';
import { ProjectCostCodesRepository } from '../../projects/project-cost-codes.repository.js';
import type { PhaseRow } from '../spectrum-rows.js';

export interface ProjectCostCodeOutcome {
  codesCreated: number;
  costTypesCreated: number;
  costTypesSyncFlagChanged: number;
  budgetLinesAdded: number;
  directCostsUpdated: number;
}

interface Combo {
  code: string;
  costType: string;
  description: string;
  jtdCents: number;
}

const comboKey = (code: string, costType: string) =>
  `${costCodeKey(code)}\u001f${costType.trim().toUpperCase()}`;

/**
 * Brings one linked project in line with its Spectrum job's phases (state-based, so a run that was cut short is
 * completed by the next one, and a run without change writes nothing):
 * - WBS-3: the project's cost codes and cost types are the job's phase × cost type rows, marked synced with Spectrum
 *   (a pair Spectrum no longer has is marked not synced);
 * - WBS-4: with "automatically add" on, each pair new to the project becomes a zero budget line;
 * - JC-1: with direct costs populated from the ERP, each budget line's direct costs are the pair's job-to-date cost.
 */
@Injectable()
export class ProjectCostCodesSync {
  constructor(
    @Inject(ProjectCostCodesRepository) private readonly costCodes: ProjectCostCodesRepository,
    @Inject(BudgetsRepository) private readonly budgets: BudgetsRepository,
  ) {}

  async apply(
    project: { id: string; budgetToolEnabled: boolean; jobNumber: string },
    phases: readonly PhaseRow[],
    options: { settings: GeneralSettings; autoAddNewCombos: boolean },
  ): Promise<ProjectCostCodeOutcome> {
    const out: ProjectCostCodeOutcome = {
      codesCreated: 0,
      costTypesCreated: 0,
      costTypesSyncFlagChanged: 0,
      budgetLinesAdded: 0,
      directCostsUpdated: 0,
    };
    const desired = new Map<string, { description: string; types: Map<string, Combo> }>();
    const combos = new Map<string, Combo>();
    for (const p of phases) {
      const code = p.phaseCode.trim();
      const costType = p.costType.trim();
      if (code === '' || costType === '') continue;
      let d = desired.get(code);
      if (!d) {
        d = { description: p.description.trim(), types: new Map() };
        desired.set(code, d);
      }
      const key = comboKey(code, costType);
      const prev = combos.get(key);
      const combo: Combo = {
        code,
        costType,
        description: p.description.trim(),
        jtdCents: (prev?.jtdCents ?? 0) + p.jtdActualCents,
      };
      combos.set(key, combo);
      d.types.set(costType, combo);
    }

    const existing = await this.costCodes.costCodeStates(project.id);
    const newCombos: Combo[] = [];
    const toSync: string[] = [];
    const toUnsync: string[] = [];
    const newTypes: { projectCostCodeId: string; costType: string }[] = [];
    for (const [code, d] of desired) {
      let cc = existing.get(code);
      if (!cc) {
        const created = await this.costCodes.createCostCode(project.id, code, d.description);
        out.codesCreated++;
        cc = { id: created.id, code, description: d.description, types: new Map() };
      }
      for (const [costType, combo] of d.types) {
        const t = cc.types.get(costType);
        if (!t) {
          newTypes.push({ projectCostCodeId: cc.id, costType });
          newCombos.push(combo);
        } else if (!t.synced) {
          toSync.push(t.id);
        }
      }
    }
    for (const cc of existing.values()) {
      const d = desired.get(cc.code);
      for (const [costType, t] of cc.types) if (t.synced && !d?.types.has(costType)) toUnsync.push(t.id);
    }
    out.costTypesCreated = await this.costCodes.createSyncedCostTypes(newTypes);
    out.costTypesSyncFlagChanged =
      (await this.costCodes.setCostTypesSynced(toSync, true)) +
      (await this.costCodes.setCostTypesSynced(toUnsync, false));

    if (!project.budgetToolEnabled) return out;
    const jobCosts = checkJobCostSync(
      { tools: { budget: project.budgetToolEnabled, primeContracts: false }, jobNumber: project.jobNumber },
      options.settings,
    ).ok;
    const addLines =
      options.autoAddNewCombos && options.settings.autoAddCostCodesToBudgets && newCombos.length > 0;
    if (!addLines && !jobCosts) return out;
    const budget = await this.budgets.ensureOfProject(project.id);
    const lineKeys = new Set(budget.lines.map((l) => comboKey(l.costCode, l.costType)));
    if (addLines) {
      const lines = newCombos
        .filter((c) => !lineKeys.has(comboKey(c.code, c.costType)))
        .map((c) => ({
          costCode: c.code,
          costType: c.costType,
          description: c.description || null,
          amountCents: 0,
          directCostsCents: jobCosts ? c.jtdCents : null,
        }));
      out.budgetLinesAdded = await this.budgets.insertLines(budget.id, lines);
    }
    if (jobCosts) {
      for (const line of budget.lines) {
        const c = combos.get(comboKey(line.costCode, line.costType));
        if (c && line.directCostsCents !== c.jtdCents) {
          await this.budgets.updateLine(line.id, { directCostsCents: c.jtdCents });
          out.directCostsUpdated++;
        }
      }
    }
    return out;
  }
}
