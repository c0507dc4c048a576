import {
  allOf,
  type Budget,
  checkBudgetEdit,
  checkBudgetExport,
  checkFrom,
  type Project,
  type Reason,
  reason,
  type SpectrumPreflightFacts,
  sumCents,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { syncFields } from '../links/item-view.js';
import type { LinkView } from '../links/links.repository.js';
import { conflict, notFound } from '../platform/http/problem.js';
import { TransactionHost, type TxHost } from '../platform/transactions.js';
import { assertCheck } from '../projects/pm-edits.js';
import { IntegrationFactsService } from '../settings/integration-facts.service.js';
import { BudgetContext, lockedCheck, normCode, notLockedCheck } from './budget-context.js';
import { type BudgetLinePatch, type BudgetRecord, BudgetsRepository } from './budgets.repository.js';

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

const directCostsReadOnly = (field: string): Reason =>
  reason(
    'direct-costs-read-only',
    'JC-1',
    'Direct costs are filled from Spectrum job costs (general setting "populate from ERP"); they cannot be edited.',
    field,
  );

/** Budgets and their lines (BUD-5, BUD-6, JC-1, FC-1); budget changes are `BudgetChangesService`'s. */
@Injectable()
export class BudgetsService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(BudgetsRepository) private readonly repo: BudgetsRepository,
    @Inject(BudgetContext) private readonly context: BudgetContext,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

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
    return this.budgetView(await this.context.load(projectId), editable);
  }

  async lock(actor: AuthUser, projectId: string) {
    const editable = await this.directCostsEditable();
    const s = await this.txHost.withTransaction(async () => {
      const s = await this.context.load(projectId);
      if (s.record.locked) return s;
      await this.repo.setLocked(s.record.id, true);
      await this.audit.record({
        actorId: actor.id,
        action: 'budget.lock',
        itemType: 'budget',
        itemId: s.record.id,
      });
      return this.context.load(projectId);
    });
    return this.budgetView(s, editable);
  }

  /** BUD-6: unlocking is refused while an export of the budget is in flight. */
  async unlock(actor: AuthUser, projectId: string) {
    const editable = await this.directCostsEditable();
    const s = await this.txHost.withTransaction(async () => {
      const s = await this.context.load(projectId);
      assertCheck(checkBudgetEdit(s.budget, 'unlock'), 'The budget cannot be unlocked now.');
      if (!s.record.locked) return s;
      await this.repo.setLocked(s.record.id, false);
      await this.audit.record({
        actorId: actor.id,
        action: 'budget.unlock',
        itemType: 'budget',
        itemId: s.record.id,
      });
      return this.context.load(projectId);
    });
    return this.budgetView(s, editable);
  }

  /** BUD-6: refused while an export is in flight; refused while the budget is locked. */
  async addLine(actor: AuthUser, projectId: string, input: BudgetLineInput) {
    const editable = await this.directCostsEditable();
    const costCode = normCode(input.costCode);
    const s = await this.txHost.withTransaction(async () => {
      const s = await this.context.load(projectId);
      assertCheck(
        allOf(
          checkBudgetEdit(s.budget, 'add_line'),
          lockedCheck(s.budget),
          checkFrom([
            await this.context.costTypeReason(projectId, costCode, input.costType, 'costCode'),
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
      const line = await this.repo.addLine(s.record.id, {
        costCode,
        costType: input.costType,
        description: input.description ?? null,
        amountCents: input.amountCents,
        directCostsCents: input.directCostsCents ?? null,
        estimatedCostAtCompletionCents: input.estimatedCostAtCompletionCents ?? null,
      });
      await this.audit.record({
        actorId: actor.id,
        action: 'budget.line.add',
        itemType: 'budget',
        itemId: s.record.id,
        after: line,
      });
      return this.context.load(projectId);
    });
    return this.budgetView(s, editable);
  }

  /**
   * BUD-6: every change is refused while an export is in flight. A locked budget keeps its amounts and
   * descriptions; its forecast (FC-1 estimated cost at completion) and, when editable (GEN-4), direct costs change.
   */
  async updateLine(actor: AuthUser, projectId: string, lineId: string, input: BudgetLineUpdateInput) {
    const editable = await this.directCostsEditable();
    const s = await this.txHost.withTransaction(async () => {
      const s = await this.context.load(projectId);
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
      const after = await this.repo.updateLine(lineId, patch);
      await this.audit.record({
        actorId: actor.id,
        action: 'budget.line.update',
        itemType: 'budget',
        itemId: s.record.id,
        before,
        after,
      });
      return this.context.load(projectId);
    });
    return this.budgetView(s, editable);
  }
}
