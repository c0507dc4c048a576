import {
  type Check,
  checkStandardCostCodeListCreate,
  costCodeKey,
  hashRow,
  type PermissionLevel,
  type RowValue,
  selectBudgetImportRows,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { assertAllowed } from '../auth/authorization.js';
import { BudgetsRepository } from '../budgets/budgets.repository.js';
import { CompaniesRepository, companyView } from '../companies/companies.repository.js';
import { conflict, notFound, unprocessable } from '../platform/http/problem.js';
import { CLOCK, type Clock } from '../platform/tokens.js';
import {
  type PrimeContractSpectrumFields,
  PrimeContractsRepository,
  primeContractView,
} from '../prime-contracts/prime-contracts.repository.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { IntegrationFactsService } from '../settings/integration-facts.service.js';
import { ProjectCostCodesSync } from './cost-codes/project-cost-codes.sync.js';
import { KIND } from './import-context.js';
import { type BudgetFacts, ImportableChecks, type PrimeContractFacts } from './importable-checks.js';
import { ImportsRepository, type ImportTx, type LinkRow } from './imports.repository.js';
import {
  companyFieldsOf,
  isUnitPriceContract,
  type PhaseRow,
  primeContractTitle,
  projectFieldsOf,
} from './spectrum-rows.js';
import { companyDomain } from './vendors/vendors-import.service.js';

/** What an import/link action answers: `created` is false when the request repeated one that already succeeded. */
export interface ActionResult {
  created: boolean;
  importableId: string;
  type: string;
  state: string;
  spectrumKey: string | null;
  pmId: string | null;
  [extra: string]: unknown;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === 'P2002';

function assertOk(check: Check, detail: string): void {
  if (!check.ok) throw unprocessable(detail, check.reasons);
}

const result = (link: LinkRow, created: boolean, extra: Record<string, unknown> = {}): ActionResult => ({
  created,
  importableId: link.id,
  type: link.type,
  state: link.state,
  spectrumKey: link.spectrumKey,
  pmId: link.pmId,
  ...extra,
});

const comboKey = (code: string, costType: string) =>
  `${costCodeKey(code)}\u001f${costType.trim().toUpperCase()}`;

function contractData(f: PrimeContractFacts): PrimeContractSpectrumFields {
  const c = f.contract;
  if (!c) throw new Error('contract facts without a contract');
  return {
    title: primeContractTitle(c),
    status: c.approved ? 'approved' : 'draft',
    unitPrice: isUnitPriceContract(c, f.items),
    originalContractCents: c.originalContractCents,
    lines: f.items.map((i) => ({
      billingItem: i.billingItem.trim(),
      description: i.billingDescription.trim() || null,
      amountCents: i.originalContractCents,
    })),
  };
}

/**
 * The Ready to Import actions (API-1): each checks with `@bridge/rules` before writing anything, writes in one
 * transaction that holds the staged link's row, and is idempotent — a double click or a retried request finds the
 * link already done and answers with the same item instead of creating a second project, company or contract.
 */
@Injectable()
export class ImportActionsService {
  constructor(
    @Inject(ImportsRepository) private readonly repo: ImportsRepository,
    @Inject(CompaniesRepository) private readonly companies: CompaniesRepository,
    @Inject(PrimeContractsRepository) private readonly primeContracts: PrimeContractsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(BudgetsRepository) private readonly budgets: BudgetsRepository,
    @Inject(ImportableChecks) private readonly checks: ImportableChecks,
    @Inject(ProjectCostCodesSync) private readonly projectSync: ProjectCostCodesSync,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async locked(id: string, type: string, tx: ImportTx): Promise<LinkRow> {
    const link = await this.repo.lockLink(id, tx);
    if (!link || link.type !== type || !link.spectrumKey)
      throw notFound(`Importable ${type.replace('_', ' ')}`, id);
    return link;
  }

  /** JOB-1, JOB-4, LIM-3, WBS-2, WBS-3: a project on the Spectrum list, linked to the job, with its cost codes. */
  async importJob(id: string, actor: AuthUser): Promise<ActionResult> {
    const facts = await this.facts.get();
    const settings = facts.settings;
    return this.repo.transaction(async (tx) => {
      const link = await this.locked(id, 'job', tx);
      if (link.state === 'synced' && link.pmId) return result(link, false, { projectId: link.pmId });
      const f = await this.checks.jobFacts(link, facts.templateJob?.jobNumber ?? null, tx);
      assertOk(this.checks.jobChecks(link, f).importJob, `Job ${link.spectrumKey} cannot be imported.`);
      const job = f.job as NonNullable<typeof f.job>;
      const now = this.clock.now();
      const list = await this.repo.ensureStandardList((ids) => checkStandardCostCodeListCreate(ids).ok, tx);
      const created = await this.projects.create(
        { ...projectFieldsOf(job), costCodeListId: list.id, createdAt: now },
        tx,
      );
      const project = { id: created.id, name: created.name, number: created.number };
      const jobNumber = link.spectrumKey as string;
      const phases = (await this.repo.snapshotChildren<PhaseRow>(KIND.phase, jobNumber, tx)).map(
        (r) => r.data,
      );
      await this.projectSync.apply(
        { id: project.id, budgetToolEnabled: true, jobNumber },
        phases,
        { settings, autoAddNewCombos: false },
        tx,
      );
      const done = await this.repo.updateLink(
        link.id,
        { pmId: project.id, state: 'synced', lastSyncedHash: f.hash, lastSyncedAt: now, lastError: null },
        tx,
      );
      if (phases.some((p) => p.currentEstimateCents > 0)) await this.repo.stage('budget', [jobNumber], tx);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'import.job',
          itemType: 'project',
          itemId: project.id,
          before: { importable: link.id, state: link.state, pmId: link.pmId },
          after: { importable: link.id, state: done.state, jobNumber, project },
        },
        tx,
      );
      return result(done, true, { projectId: project.id, project });
    });
  }

  /** VEN-1 (a): a new directory company from the vendor, linked to it. */
  async importVendor(id: string, actor: AuthUser): Promise<ActionResult> {
    return this.repo.transaction(async (tx) => {
      const link = await this.locked(id, 'vendor', tx);
      if (link.state === 'synced' && link.pmId) return result(link, false, { companyId: link.pmId });
      const f = await this.checks.vendorFacts(link, tx);
      assertOk(
        this.checks.vendorChecks(link, f).importVendor,
        `Vendor ${link.spectrumKey} cannot be imported.`,
      );
      const now = this.clock.now();
      const vendor = f.vendor as NonNullable<typeof f.vendor>;
      const company = companyView(
        await this.companies.create({ ...companyFieldsOf(vendor), isCustomer: false }, tx, now),
      );
      const done = await this.repo.updateLink(
        link.id,
        { pmId: company.id, state: 'synced', lastSyncedHash: f.hash, lastSyncedAt: now, lastError: null },
        tx,
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'import.vendor',
          itemType: 'company',
          itemId: company.id,
          before: { importable: link.id, state: link.state, pmId: link.pmId },
          after: { importable: link.id, state: done.state, vendorCode: link.spectrumKey, company },
        },
        tx,
      );
      return result(done, true, { companyId: company.id, company });
    });
  }

  /**
   * VEN-1 (b), VEN-6: links the vendor to an existing directory company. The company keeps its values; later
   * Spectrum changes reach it per GEN-4 (VEN-3).
   */
  async linkVendor(id: string, companyId: string, actor: AuthUser): Promise<ActionResult> {
    try {
      return await this.repo.transaction(async (tx) => {
        const link = await this.locked(id, 'vendor', tx);
        const company = await this.companies.findById(companyId, tx);
        if (!company) throw notFound('Company', companyId);
        if (link.state === 'synced' && link.pmId === companyId)
          return result(link, false, { companyId, linked: false });
        const own = (await this.repo.linksOfPmItems(['vendor', 'company'], [companyId], tx)).find(
          (l) => l.state !== 'unlinked' && l.spectrumKey && l.id !== link.id,
        );
        const f = await this.checks.vendorFacts(link, tx);
        assertOk(
          this.checks.vendorChecks(link, f, { id: company.id, vendorCode: own?.spectrumKey ?? null })
            .linkVendor,
          `Vendor ${link.spectrumKey} cannot be linked to company ${companyId}.`,
        );
        const now = this.clock.now();
        const done = await this.repo.updateLink(
          link.id,
          { pmId: company.id, state: 'synced', lastSyncedHash: f.hash, lastSyncedAt: now, lastError: null },
          tx,
        );
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'link.vendor',
            itemType: 'company',
            itemId: company.id,
            before: { importable: link.id, state: link.state, pmId: link.pmId },
            after: {
              importable: link.id,
              state: done.state,
              vendorCode: link.spectrumKey,
              company: companyDomain(company, link.spectrumKey),
            },
          },
          tx,
        );
        // VEN-1: the company existed already; nothing was created, the link is new
        return result(done, false, { companyId: company.id, linked: true });
      });
    } catch (e) {
      // VEN-6: a concurrent request linked the company to another vendor (one link per company and type)
      if (isUniqueViolation(e))
        throw conflict(
          'company-already-linked',
          `Company ${companyId} is already linked to a Spectrum vendor.`,
          'companyId',
        );
      throw e;
    }
  }

  /** BUD-1, BUD-2, BUD-7: the Spectrum estimate becomes the project's budget lines (amounts only). */
  async importBudget(id: string, actor: AuthUser): Promise<ActionResult> {
    const settings = (await this.facts.get()).settings;
    return this.repo.transaction(async (tx) => {
      const link = await this.locked(id, 'budget', tx);
      if (link.state === 'synced' && link.pmId) return result(link, false, { budgetId: link.pmId });
      const f = await this.checks.budgetFacts(link, tx);
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
        tx,
      );
      const budget = await this.budgets.ensureOfProject(project.id, tx);
      const before = budget.lines.map((l) => ({
        costCode: l.costCode,
        costType: l.costType,
        amountCents: l.amountCents,
      }));
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
          await this.budgets.updateLine(line.id, { amountCents: cents }, tx);
        }
      }
      await this.budgets.insertLines(budget.id, inserts, tx);
      await this.budgets.markImported(budget.id, now, tx);
      const done = await this.repo.updateLink(
        link.id,
        {
          pmId: budget.id,
          state: 'synced',
          lastSyncedHash: hashRow(f.estimates as unknown as RowValue),
          lastSyncedAt: now,
          lastError: null,
        },
        tx,
      );
      const after = await this.budgets.findById(budget.id, tx);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'import.budget',
          itemType: 'budget',
          itemId: budget.id,
          before: { importable: link.id, state: link.state, lines: before },
          after: {
            importable: link.id,
            state: done.state,
            jobNumber: f.jobNumber,
            lines: after?.lines.map((l) => ({
              costCode: l.costCode,
              costType: l.costType,
              amountCents: l.amountCents,
            })),
          },
        },
        tx,
      );
      return result(done, true, {
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
    return this.repo.transaction(async (tx) => {
      const link = await this.locked(id, 'budget', tx);
      const f = await this.checks.budgetFacts(link, tx);
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
        await this.budgets.updateLine(l.id, { amountCents: cents }, tx);
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
          tx,
        );
        await this.budgets.insertLines(
          budget.id,
          [...added.values()].map((a) => ({
            costCode: a.phaseCode,
            costType: a.costType,
            description: a.description,
            amountCents: a.cents,
          })),
          tx,
        );
        for (const a of added.values())
          changed.push({ costCode: a.phaseCode, costType: a.costType, beforeCents: 0, afterCents: a.cents });
      }
      const now = this.clock.now();
      await this.budgets.markImported(budget.id, now, tx);
      const done = await this.repo.updateLink(
        link.id,
        { lastSyncedHash: hashRow(f.estimates as unknown as RowValue), lastSyncedAt: now, lastError: null },
        tx,
      );
      await this.audit.record(
        {
          actorId: actor.id,
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
        },
        tx,
      );
      return result(done, false, {
        budgetId: budget.id,
        linesUpdated: changed.length - added.size,
        linesAdded: added.size,
        totals: f.totals,
      });
    });
  }

  /** PC-1, PC-4: the contract and its billing items into the project linked to its job. */
  async importPrimeContract(id: string, projectId: string, actor: AuthUser): Promise<ActionResult> {
    return this.repo.transaction(async (tx) => {
      const link = await this.locked(id, 'prime_contract', tx);
      if (!(await this.projects.exists(projectId, tx))) throw notFound('Project', projectId);
      const f = await this.checks.primeContractFacts(link, tx);
      if (link.state === 'synced' && f.imported?.projectId === projectId)
        return result(link, false, { primeContractId: f.imported.id, projectId });
      const checks = await this.checks.primeContractChecks(link, f, projectId, tx);
      assertOk(checks.importPrimeContract, `Prime contract ${link.spectrumKey} cannot be imported.`);
      const now = this.clock.now();
      const pc = await this.primeContracts.createImported(
        { projectId, jobNumber: f.jobNumber, customerCode: f.customerCode },
        contractData(f),
        now,
        tx,
      );
      const done = await this.repo.updateLink(
        link.id,
        { pmId: pc.id, state: 'synced', lastSyncedHash: f.hash, lastSyncedAt: now, lastError: null },
        tx,
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'import.prime_contract',
          itemType: 'prime_contract',
          itemId: pc.id,
          before: { importable: link.id, state: link.state, pmId: link.pmId },
          after: { importable: link.id, state: done.state, primeContract: primeContractView(pc) },
        },
        tx,
      );
      return result(done, true, { primeContractId: pc.id, projectId });
    });
  }

  /**
   * PC-2, PC-3, PERM-5: overwrites the PM contract with Spectrum's current values. Needs admin on the ERP tool and
   * admin on the project's prime contracts tool (`primeContractsToolLevel`, from the request context).
   */
  async reimportPrimeContract(
    id: string,
    actor: AuthUser,
    primeContractsToolLevel: PermissionLevel,
  ): Promise<ActionResult> {
    assertAllowed(actor, 'prime_contract.reimport', { primeContractsToolLevel });
    return this.repo.transaction(async (tx) => {
      const link = await this.locked(id, 'prime_contract', tx);
      const f = await this.checks.primeContractFacts(link, tx);
      const checks = await this.checks.primeContractChecks(link, f, f.imported?.projectId ?? null, tx);
      assertOk(checks.reimportPrimeContract, `Prime contract ${link.spectrumKey} cannot be re-imported.`);
      const pc = f.imported as NonNullable<PrimeContractFacts['imported']>;
      const now = this.clock.now();
      const after = await this.primeContracts.overwriteImported(pc.id, contractData(f), now, tx);
      const done = await this.repo.updateLink(
        link.id,
        { lastSyncedHash: f.hash, lastSyncedAt: now, lastError: null },
        tx,
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'reimport.prime_contract',
          itemType: 'prime_contract',
          itemId: pc.id,
          before: primeContractView(pc),
          after: primeContractView(after),
        },
        tx,
      );
      return result(done, false, { primeContractId: pc.id, projectId: pc.projectId });
    });
  }
}
