import {
  allOf,
  type Budget,
  checkBudgetChangeExport,
  checkBudgetEdit,
  checkFrom,
  type Project,
  type Reason,
  type SpectrumPreflightFacts,
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
import { sideBySide, TransactionHost, type TxHost } from '../platform/transactions.js';
import { assertCheck, conflictOnUnique } from '../projects/pm-edits.js';
import { BudgetContext, normCode, notLockedCheck } from './budget-context.js';
import { type BudgetChangeRecord, BudgetsRepository, budgetChangeToDomain } from './budgets.repository.js';

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

/** Budget changes (BCH-1; BUD-6 while a budget export is in flight). */
@Injectable()
export class BudgetChangesService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(BudgetsRepository) private readonly repo: BudgetsRepository,
    @Inject(BudgetContext) private readonly context: BudgetContext,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
    return this.txHost
      .withTransaction(async () => {
        const s = await this.context.load(projectId);
        const lineReasons: (Reason | null)[] = [];
        for (const [i, l] of lines.entries()) {
          lineReasons.push(
            await this.context.costTypeReason(projectId, l.costCode, l.costType, `lines[${i}].costCode`),
          );
        }
        assertCheck(
          allOf(checkBudgetEdit(s.budget, 'modify'), notLockedCheck(s.budget), checkFrom(lineReasons)),
          'The budget change cannot be created.',
        );
        const c = await this.repo.createChange({
          projectId,
          number: input.number,
          title: input.title,
          date: input.date ?? null,
          lines,
          createdAt: this.clock.now(),
        });
        await this.audit.record({
          actorId: actor.id,
          action: 'budget_change.create',
          itemType: 'budget_change',
          itemId: c.id,
          after: input,
        });
        return this.changeView(c, null, s.project, s.budget, s.spectrum);
      })
      .catch(
        conflictOnUnique(() =>
          conflict('budget-change-number-taken', `Budget change ${input.number} already exists.`, 'number'),
        ),
      );
  }

  async listChanges(projectId: string, afterId: string | undefined, limit: number): Promise<Page<unknown>> {
    const [s, rows] = await sideBySide(
      () => this.context.load(projectId),
      () => this.repo.listChanges(projectId, afterId, limit + 1),
    );
    const links = await this.repo.changeLinksFor(rows.map((r) => r.id));
    return toPage(rows, limit, (r) => this.changeView(r, links.get(r.id), s.project, s.budget, s.spectrum));
  }

  async getChange(id: string) {
    const c = await this.repo.findChange(id);
    if (!c) throw notFound('Budget change', id);
    const [s, links] = await sideBySide(
      () => this.context.load(c.projectId),
      () => this.repo.changeLinksFor([id]),
    );
    const link = links.get(id);
    return this.changeView(c, link, s.project, s.budget, s.spectrum);
  }
}
