import {
  allOf,
  type Budget,
  type Check,
  checkBudgetChangeExport,
  checkBudgetEdit,
  checkBudgetExport,
  checkFrom,
  type Project,
  type Reason,
  reason,
  type SpectrumPreflightFacts,
  stripPhaseDashes,
  sumCents,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { syncFields } from '../links/item-view.js';
import type { LinkView } from '../links/links.repository.js';
import { type Page, toPage } from '../platform/http/pagination.js';
import { conflict, notFound } from '../platform/http/problem.js';
import { CLOCK, type Clock } from '../platform/tokens.js';
import { assertCheck, conflictOnUnique, type Tx } from '../projects/pm-common.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { IntegrationFactsService } from '../settings/integration-facts.service.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import {
  type BudgetChangeRecord,
  type BudgetLinePatch,
  type BudgetRecord,
  BudgetsRepository,
  budgetChangeToDomain,
  budgetToDomain,
} from './budgets.repository.js';

export interface BudgetLineInput {
  costCode: string;
  costType: string;
  description?: string | null | undefined;
  amountCents: number;
  directCostsCents?: number | null | undefined;
  estimatedCostAtCompletionCents?: number | null | undefined;
}

export interface BudgetLineUpdateInput {
  description?: string | null | undefined;
  amountCents?: number | undefined;
  directCostsCents?: number | null | undefined;
  estimatedCostAtCompletionCents?: number | null | undefined;
}

export interface BudgetChangeInput {
  number: string;
  title: string;
  date?: string | null | undefined;
  lines: {
    costCode: string;
    costType: string;
    description?: string | null | undefined;
    amountCents: number;
  }[];
}

const normCode = (code: string) => stripPhaseDashes(code.trim()).toUpperCase();

/** A locked budget is the approved original budget: its lines change only after unlocking. */
const lockedCheck = (b: Budget): Check =>
  checkFrom([
    b.locked && reason('budget-locked', 'BUD-5', 'The budget is locked; unlock it to change its lines.'),
  ]);

/** BCH-1: budget changes are made against a locked budget. */
const notLockedCheck = (b: Budget): Check =>
  checkFrom([!b.locked && reason('budget-not-locked', 'BCH-1', 'Budget changes need a locked budget.')]);

const directCostsReadOnly = (field: string): Reason =>
  reason(
    'direct-costs-read-only',
    'JC-1',
    'Direct costs are filled from Spectrum job costs (general setting "populate from ERP"); they cannot be edited.',
    field,
  );

/** Budgets, budget lines and budget changes (BUD-5, BUD-6, BCH-1, JC-1, FC-1). */
@Injectable()
export class BudgetsService {
  constructor(
    @Inject(BudgetsRepository) private readonly repo: BudgetsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SpectrumPreflightFactsService) private readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  private async load(projectId: string, tx?: Tx) {
    const project = await this.projects.loadDomain(projectId, tx);
    if (!project) throw notFound('Project', projectId);
    let record = await this.repo.forProject(projectId, tx);
    if (tx) {
      // a write: hold the budget row while checking and changing it, then read it again under the lock
      await this.repo.lock(record.id, tx);
      record = await this.repo.forProject(projectId, tx);
    }
    const link = await this.repo.linkFor(record.id, tx);
    // PRE-1: what the last sync saw of the job's phases and the company's cost types
    const spectrum = await this.spectrum.stored(
      {
        jobNumber: project.jobNumber,
        costTypes: true,
        // PRE-4: the contract the budget changes' change requests are written on
        changeRequestContract: {
          jobNumber: project.jobNumber,
          customerCode: await this.projects.primeContractCustomer(projectId, tx),
        },
      },
      tx,
    );
    return { project, record, link, budget: budgetToDomain(record, link), spectrum };
  }

  private budgetView(
    s: {
      project: Project;
      record: BudgetRecord;
      link: LinkView | null;
      budget: Budget;
      spectrum: SpectrumPreflightFacts;
    },
    directCostsEditable: boolean,
  ) {
    const { record: r, budget: b, project } = s;
    const optSum = (vals: (number | null)[]) =>
      vals.some((v) => v !== null) ? sumCents(vals.map((v) => v ?? 0)) : null;
    return {
      id: r.id,
      projectId: r.projectId,
      locked: r.locked,
      everExported: r.everExported,
      exportInFlight: b.exportInFlight,
      importedAt: r.importedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
      directCostsEditable,
      lines: r.lines,
      totals: {
        amountCents: sumCents(r.lines.map((l) => l.amountCents)),
        directCostsCents: optSum(r.lines.map((l) => l.directCostsCents)),
        estimatedCostAtCompletionCents: optSum(r.lines.map((l) => l.estimatedCostAtCompletionCents)),
      },
      ...syncFields('budget', s.link, {
        sendToErp: checkBudgetExport(project, b, s.spectrum),
        unlockBudget: checkBudgetEdit(b, 'unlock'),
        addBudgetLine: allOf(checkBudgetEdit(b, 'add_line'), lockedCheck(b)),
        createBudgetChange: allOf(checkBudgetEdit(b, 'modify'), notLockedCheck(b)),
      }),
    };
  }

  private async directCostsEditable(): Promise<boolean> {
    return (await this.facts.get()).settings.budgetDirectCosts === 'editable';
  }

  async get(projectId: string) {
    const editable = await this.directCostsEditable();
    return this.budgetView(await this.load(projectId), editable);
  }

  async lock(actor: AuthUser, projectId: string) {
    const editable = await this.directCostsEditable();
    const s = await this.repo.transaction(async (tx) => {
      const s = await this.load(projectId, tx);
      if (s.record.locked) return s;
      await this.repo.setLocked(s.record.id, true, tx);
      await this.audit.record(
        { actorId: actor.id, action: 'budget.lock', itemType: 'budget', itemId: s.record.id },
        tx,
      );
      return this.load(projectId, tx);
    });
    return this.budgetView(s, editable);
  }

  /** BUD-6: unlocking is refused while an export of the budget is in flight. */
  async unlock(actor: AuthUser, projectId: string) {
    const editable = await this.directCostsEditable();
    const s = await this.repo.transaction(async (tx) => {
      const s = await this.load(projectId, tx);
      assertCheck(checkBudgetEdit(s.budget, 'unlock'), 'The budget cannot be unlocked now.');
      if (!s.record.locked) return s;
      await this.repo.setLocked(s.record.id, false, tx);
      await this.audit.record(
        { actorId: actor.id, action: 'budget.unlock', itemType: 'budget', itemId: s.record.id },
        tx,
      );
      return this.load(projectId, tx);
    });
    return this.budgetView(s, editable);
  }

  private async costTypeReason(
    projectId: string,
    costCode: string,
    costType: string,
    field: string,
    tx: Tx,
  ): Promise<Reason | null> {
    return (await this.repo.projectHasCostType(projectId, costCode, costType, tx))
      ? null
      : reason(
          'cost-code-not-on-project',
          'WBS-3',
          `Cost code ${costCode} with cost type ${costType} is not one of the project's cost codes.`,
          field,
        );
  }

  /** BUD-6: refused while an export is in flight; refused while the budget is locked. */
  async addLine(actor: AuthUser, projectId: string, input: BudgetLineInput) {
    const editable = await this.directCostsEditable();
    const costCode = normCode(input.costCode);
    const s = await this.repo.transaction(async (tx) => {
      const s = await this.load(projectId, tx);
      assertCheck(
        allOf(
          checkBudgetEdit(s.budget, 'add_line'),
          lockedCheck(s.budget),
          checkFrom([
            await this.costTypeReason(projectId, costCode, input.costType, 'costCode', tx),
            input.directCostsCents != null && !editable && directCostsReadOnly('directCostsCents'),
          ]),
        ),
        'The budget line cannot be added.',
      );
      if (s.record.lines.some((l) => l.costCode === costCode && l.costType === input.costType)) {
        throw conflict(
          'budget-line-exists',
          `The budget already has a line for ${costCode} / ${input.costType}.`,
          'costCode',
        );
      }
      const line = await this.repo.addLine(
        s.record.id,
        {
          costCode,
          costType: input.costType,
          description: input.description ?? null,
          amountCents: input.amountCents,
          directCostsCents: input.directCostsCents ?? null,
          estimatedCostAtCompletionCents: input.estimatedCostAtCompletionCents ?? null,
        },
        tx,
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'budget.line.add',
          itemType: 'budget',
          itemId: s.record.id,
          after: line,
        },
        tx,
      );
      return this.load(projectId, tx);
    });
    return this.budgetView(s, editable);
  }

  /**
   * BUD-6: every change is refused while an export is in flight. A locked budget keeps its amounts and
   * descriptions; its forecast (FC-1 estimated cost at completion) and, when editable (GEN-4), direct costs change.
   */
  async updateLine(actor: AuthUser, projectId: string, lineId: string, input: BudgetLineUpdateInput) {
    const editable = await this.directCostsEditable();
    const s = await this.repo.transaction(async (tx) => {
      const s = await this.load(projectId, tx);
      const before = s.record.lines.find((l) => l.id === lineId);
      if (!before) throw notFound('Budget line', lineId);
      const touchesOriginal = input.amountCents !== undefined || input.description !== undefined;
      assertCheck(
        allOf(
          checkBudgetEdit(s.budget, 'modify'),
          touchesOriginal ? lockedCheck(s.budget) : { ok: true },
          checkFrom([
            input.directCostsCents !== undefined && !editable && directCostsReadOnly('directCostsCents'),
          ]),
        ),
        'The budget line cannot be changed now.',
      );
      const patch: BudgetLinePatch = {};
      if (input.description !== undefined) patch.description = input.description;
      if (input.amountCents !== undefined) patch.amountCents = input.amountCents;
      if (input.directCostsCents !== undefined) patch.directCostsCents = input.directCostsCents;
      if (input.estimatedCostAtCompletionCents !== undefined)
        patch.estimatedCostAtCompletionCents = input.estimatedCostAtCompletionCents;
      const after = await this.repo.updateLine(lineId, patch, tx);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'budget.line.update',
          itemType: 'budget',
          itemId: s.record.id,
          before,
          after,
        },
        tx,
      );
      return this.load(projectId, tx);
    });
    return this.budgetView(s, editable);
  }

  private changeView(
    c: BudgetChangeRecord,
    link: LinkView | null | undefined,
    project: Project,
    budget: Budget,
    spectrum: SpectrumPreflightFacts,
  ) {
    const change = budgetChangeToDomain(c, link);
    return {
      id: c.id,
      projectId: c.projectId,
      number: c.number,
      title: c.title,
      date: c.date,
      createdAt: c.createdAt.toISOString(),
      lines: c.lines,
      totalCents: sumCents(c.lines.map((l) => l.amountCents)),
      ...syncFields('budget_change', link, {
        sendToErp: checkBudgetChangeExport(project, budget, change, spectrum),
      }),
    };
  }

  /** BUD-6: refused while a budget export is in flight; BCH-1: against a locked budget, on the project's codes. */
  async createChange(actor: AuthUser, projectId: string, input: BudgetChangeInput) {
    const lines = input.lines.map((l) => ({
      costCode: normCode(l.costCode),
      costType: l.costType,
      description: l.description ?? null,
      amountCents: l.amountCents,
    }));
    return this.repo
      .transaction(async (tx) => {
        const s = await this.load(projectId, tx);
        const lineReasons: (Reason | null)[] = [];
        for (const [i, l] of lines.entries()) {
          lineReasons.push(
            await this.costTypeReason(projectId, l.costCode, l.costType, `lines[${i}].costCode`, tx),
          );
        }
        assertCheck(
          allOf(checkBudgetEdit(s.budget, 'modify'), notLockedCheck(s.budget), checkFrom(lineReasons)),
          'The budget change cannot be created.',
        );
        const c = await this.repo.createChange(
          {
            projectId,
            number: input.number,
            title: input.title,
            date: input.date ?? null,
            lines,
            createdAt: this.clock.now(),
          },
          tx,
        );
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'budget_change.create',
            itemType: 'budget_change',
            itemId: c.id,
            after: input,
          },
          tx,
        );
        return this.changeView(c, null, s.project, s.budget, s.spectrum);
      })
      .catch(
        conflictOnUnique(() =>
          conflict('budget-change-number-taken', `Budget change ${input.number} already exists.`, 'number'),
        ),
      );
  }

  async listChanges(projectId: string, afterId: string | undefined, limit: number): Promise<Page<unknown>> {
    const s = await this.load(projectId);
    const rows = await this.repo.listChanges(projectId, afterId, limit + 1);
    const links = await this.repo.changeLinksFor(rows.map((r) => r.id));
    return toPage(rows, limit, (r) => this.changeView(r, links.get(r.id), s.project, s.budget, s.spectrum));
  }

  async getChange(id: string) {
    const c = await this.repo.findChange(id);
    if (!c) throw notFound('Budget change', id);
    const s = await this.load(c.projectId);
    const link = (await this.repo.changeLinksFor([id])).get(id);
    return this.changeView(c, link, s.project, s.budget, s.spectrum);
  }
}
