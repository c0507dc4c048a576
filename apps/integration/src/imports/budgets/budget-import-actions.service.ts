import { costCodeKey, hashRow, type RowValue, selectBudgetImportRows } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user.js';
import { BudgetsRepository } from '../../budgets/budgets.repository.js';
import { CLOCK, type Clock } from '../../platform/tokens.js';
import { IMPORT_TX, TransactionHost, type TxHost } from '../../platform/transactions.js';
import { IntegrationFactsService } from '../../settings/integration-facts.service.js';
import { ProjectCostCodesSync } from '../cost-codes/project-cost-codes.sync.js';
import {
  type ActionResult,
  actionResult,
  assertOk,
  ImportActionLinks,
  linkChange,
} from '../import-actions.js';
import { type BudgetFacts, ImportableChecks } from '../importable-checks.js';

const comboKey = (code: string, costType: string) =>
  `${costCodeKey(code)}\u001f${costType.trim().toUpperCase()}`;

const auditLines = (lines: readonly { costCode: string; costType: string; amountCents: number }[]) =>
  lines.map((l) => ({ costCode: l.costCode, costType: l.costType, amountCents: l.amountCents }));

/** The Ready to Import actions of a staged Spectrum estimate (API-1): import, and re-import after confirmation. */
@Injectable()
export class BudgetImportActionsService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(ImportActionLinks) private readonly actions: ImportActionLinks,
    @Inject(BudgetsRepository) private readonly budgets: BudgetsRepository,
    @Inject(ImportableChecks) private readonly checks: ImportableChecks,
    @Inject(ProjectCostCodesSync) private readonly projectSync: ProjectCostCodesSync,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** BUD-1, BUD-2, BUD-7: the Spectrum estimate becomes the project's budget lines (amounts only). */
  async importBudget(id: string, actor: AuthUser): Promise<ActionResult> {
    const settings = (await this.facts.get()).settings;
    return this.txHost.withTransaction(IMPORT_TX, async () => {
      const link = await this.actions.locked(id, 'budget');
      if (link.state === 'synced' && link.pmId) return actionResult(link, false, { budgetId: link.pmId });
      const f = await this.checks.budgetFacts(link);
      assertOk(
        this.checks.budgetChecks(link, f).importBudget,
        `The budget of job ${f.jobNumber} cannot be imported.`,
      );
      const project = f.project as NonNullable<BudgetFacts['project']>;
      const now = this.clock.now();
      const { budgetLines, imported } = selectBudgetImportRows(f.estimates);
      // WBS-3: every imported phase/cost type is a project cost code (BUD-2: rows with a JTD cost or an estimate)
      const wanted = new Set(imported.map((r) => comboKey(r.phaseCode, r.costType)));
      await this.projectSync.apply(
        { id: project.id, budgetToolEnabled: project.budgetToolEnabled, jobNumber: f.jobNumber },
        f.phases.filter((p) => wanted.has(comboKey(p.phaseCode, p.costType))),
        { settings, autoAddNewCombos: false },
      );
      const budget = await this.budgets.ensureOfProject(project.id);
      const before = auditLines(budget.lines);
      const existing = new Map(budget.lines.map((l) => [comboKey(l.costCode, l.costType), l]));
      const amounts = new Map<string, { row: (typeof budgetLines)[number]; cents: number }>();
      for (const r of budgetLines) {
        const k = comboKey(r.phaseCode, r.costType);
        const prev = amounts.get(k);
        amounts.set(k, { row: r, cents: (prev?.cents ?? 0) + r.originalEstimate });
      }
      const inserts = [];
      for (const [k, { row, cents }] of amounts) {
        const line = existing.get(k);
        if (!line) {
          inserts.push({
            costCode: row.phaseCode,
            costType: row.costType,
            description: row.description ?? null,
            amountCents: cents,
          });
        } else if (line.amountCents !== cents) {
          await this.budgets.updateLine(line.id, { amountCents: cents });
        }
      }
      await this.budgets.insertLines(budget.id, inserts);
      await this.budgets.markImported(budget.id, now);
      const after = await this.budgets.findById(budget.id);
      const done = await this.actions.markSynced(
        actor,
        link,
        { pmId: budget.id, hash: hashRow(f.estimates as unknown as RowValue), at: now },
        (done) => ({
          action: 'import.budget',
          itemType: 'budget',
          itemId: budget.id,
          ...linkChange(
            link,
            done,
            { jobNumber: f.jobNumber, lines: after ? auditLines(after.lines) : undefined },
            { lines: before },
          ),
        }),
      );
      return actionResult(done, true, {
        budgetId: budget.id,
        projectId: project.id,
        linesCreated: inserts.length,
        linesFromSpectrum: amounts.size,
      });
    });
  }

  /** BUD-3, BUD-4: overwrites the existing PM lines with the current Spectrum values, after confirmation. */
  async reimportBudget(id: string, confirmed: boolean, actor: AuthUser): Promise<ActionResult> {
    const settings = (await this.facts.get()).settings;
    return this.txHost.withTransaction(IMPORT_TX, async () => {
      const link = await this.actions.locked(id, 'budget');
      const f = await this.checks.budgetFacts(link);
      assertOk(
        this.checks.budgetChecks(link, f, confirmed).reimportBudget,
        `The budget of job ${f.jobNumber} cannot be re-imported.`,
      );
      const budget = f.budget as NonNullable<BudgetFacts['budget']>;
      const spectrum = new Map<string, number>();
      for (const r of f.estimates) {
        const k = comboKey(r.phaseCode, r.costType);
        spectrum.set(k, (spectrum.get(k) ?? 0) + r.originalEstimate);
      }
      const changed: { costCode: string; costType: string; beforeCents: number; afterCents: number }[] = [];
      for (const l of budget.lines) {
        const cents = spectrum.get(comboKey(l.costCode, l.costType));
        if (cents === undefined || cents === l.amountCents) continue;
        await this.budgets.updateLine(l.id, { amountCents: cents });
        changed.push({
          costCode: l.costCode,
          costType: l.costType,
          beforeCents: l.amountCents,
          afterCents: cents,
        });
      }
      // BUD-2, BUD-3: estimate lines posted in Spectrum since the import come over too, with their cost codes (WBS-3)
      const have = new Set(budget.lines.map((l) => comboKey(l.costCode, l.costType)));
      const added = new Map<
        string,
        { phaseCode: string; costType: string; description: string | null; cents: number }
      >();
      for (const r of selectBudgetImportRows(f.estimates).budgetLines) {
        const k = comboKey(r.phaseCode, r.costType);
        if (have.has(k)) continue;
        const prev = added.get(k);
        added.set(k, {
          phaseCode: r.phaseCode,
          costType: r.costType,
          description: r.description ?? null,
          cents: (prev?.cents ?? 0) + r.originalEstimate,
        });
      }
      if (added.size > 0) {
        const project = f.project as NonNullable<BudgetFacts['project']>;
        await this.projectSync.apply(
          { id: project.id, budgetToolEnabled: project.budgetToolEnabled, jobNumber: f.jobNumber },
          f.phases.filter((p) => added.has(comboKey(p.phaseCode, p.costType))),
          { settings, autoAddNewCombos: false },
        );
        await this.budgets.insertLines(
          budget.id,
          [...added.values()].map((a) => ({
            costCode: a.phaseCode,
            costType: a.costType,
            description: a.description,
            amountCents: a.cents,
          })),
        );
        for (const a of added.values())
          changed.push({ costCode: a.phaseCode, costType: a.costType, beforeCents: 0, afterCents: a.cents });
      }
      const now = this.clock.now();
      await this.budgets.markImported(budget.id, now);
      const done = await this.actions.markSynced(
        actor,
        link,
        { hash: hashRow(f.estimates as unknown as RowValue), at: now },
        () => ({
          action: 'reimport.budget',
          itemType: 'budget',
          itemId: budget.id,
          before: {
            pmTotalCents: f.totals.pmTotalCents,
            lines: changed.map((c) => ({ ...c, amountCents: c.beforeCents })),
          },
          after: {
            pmTotalCents: f.totals.newPmTotalCents,
            lines: changed.map((c) => ({ ...c, amountCents: c.afterCents })),
          },
        }),
      );
      return actionResult(done, false, {
        budgetId: budget.id,
        linesUpdated: changed.length - added.size,
        linesAdded: added.size,
        totals: f.totals,
      });
    });
  }
}
