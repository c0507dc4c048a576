import {
  allOf,
  type Budget,
  budgetReimportTotals,
  type Check,
  checkBudgetEdit,
  checkBudgetImport,
  checkBudgetReimport,
  checkFrom,
  checkImportDirection,
  checkJobImport,
  checkPrimeContractImport,
  checkPrimeContractReimport,
  checkVendorImport,
  checkVendorLink,
  type Project,
  type Reason,
  reason,
  type SpectrumEstimateRow,
  type StagedPrimeContractFacts,
  type StagedVendorFacts,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { type BudgetRecord, BudgetsRepository } from '../budgets/budgets.repository.js';
import type { CompanyRecord } from '../companies/companies.repository.js';
import { type LinkRow, LinksRepository } from '../links/links.repository.js';
import type { PrimeContractRecord } from '../prime-contracts/prime-contract-records.js';
import { PrimeContractsRepository } from '../prime-contracts/prime-contracts.repository.js';
import { type ProjectBasics, ProjectsRepository } from '../projects/projects.repository.js';
import { KIND, splitKey } from './import-context.js';
import { ImportsRepository } from './imports.repository.js';
import {
  type ContractItemRow,
  type ContractRow,
  isUnitPriceContract,
  type JobRow,
  type PhaseRow,
  primeContractTitle,
  type VendorRow,
} from './spectrum-rows.js';

/** A staged record whose Spectrum row vanished cannot be imported (its data is gone). */
function goneReason(rule: string, what: string, key: string, vanished: boolean | undefined): Reason | null {
  return vanished === false
    ? null
    : reason('spectrum-record-gone', rule, `${what} ${key} is no longer in Spectrum; it cannot be imported.`);
}

/** The link's PM item while it is linked. */
const linkedPmId = (l: LinkRow | null) => (l && l.state !== 'unlinked' && l.pmId ? l.pmId : null);

/** A Spectrum record as last synced. */
type SnapshotRecord<T> = { data: T; hash: string; vanished: boolean };

export interface JobFacts {
  job: JobRow | null;
  hash: string | null;
  vanished: boolean;
  linkedProjectId: string | null;
  /** JOB-3: the template job of the general settings is offered for nothing. */
  templateJobNumber: string | null;
}

export interface VendorFacts {
  vendor: VendorRow | null;
  hash: string | null;
  vanished: boolean;
  staged: StagedVendorFacts;
}

export interface BudgetFacts {
  jobNumber: string;
  project: ProjectBasics | null;
  projectDomain: Project;
  budget: BudgetRecord | null;
  budgetDomain: Budget;
  phases: PhaseRow[];
  estimates: SpectrumEstimateRow[];
  totals: { spectrumTotalCents: number; pmTotalCents: number; newPmTotalCents: number };
}

export interface PrimeContractFacts {
  jobNumber: string;
  customerCode: string;
  contract: ContractRow | null;
  items: ContractItemRow[];
  hash: string | null;
  vanished: boolean;
  unitPrice: boolean;
  jobProjectId: string | null;
  imported: PrimeContractRecord | null;
  staged: StagedPrimeContractFacts;
}

export const estimateRowsOf = (phases: readonly PhaseRow[]): SpectrumEstimateRow[] =>
  phases.map((p) => ({
    phaseCode: p.phaseCode.trim(),
    costType: p.costType.trim(),
    description: p.description.trim() || null,
    originalEstimate: p.currentEstimateCents,
    jobToDateCost: p.jtdActualCents,
  }));

/** Joins checks, keeping one reason per code (two rules may refuse for the same cause). */
function mergeByCode(...checks: Check[]): Check {
  const seen = new Set<string>();
  const reasons: Reason[] = [];
  for (const c of checks) {
    if (c.ok) continue;
    for (const r of c.reasons) {
      if (seen.has(r.code)) continue;
      seen.add(r.code);
      reasons.push(r);
    }
  }
  return checkFrom(reasons);
}

/**
 * The facts of one staged importable and the `@bridge/rules` checks of each action on it. The list (API-4
 * `blockedBy`) and the actions use the same checks, so a button is greyed out exactly when the action is refused.
 */
@Injectable()
export class ImportableChecks {
  constructor(
    @Inject(ImportsRepository) private readonly repo: ImportsRepository,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(PrimeContractsRepository) private readonly primeContracts: PrimeContractsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(BudgetsRepository) private readonly budgets: BudgetsRepository,
  ) {}

  // ───────────────────────────── jobs (JOB-1, JOB-4, LIM-3) ─────────────────────────────

  /** `templateJobNumber`: the settings' template job (read by the caller, outside any transaction). */
  /** `known`: the job's snapshot record read already with the others of a list page (undefined: read it here). */
  async jobFacts(
    link: LinkRow,
    templateJobNumber: string | null,
    known?: SnapshotRecord<JobRow> | null,
  ): Promise<JobFacts> {
    const key = link.spectrumKey as string;
    const rec = known !== undefined ? known : await this.repo.snapshotRecord<JobRow>(KIND.job, key);
    return {
      job: rec?.data ?? null,
      hash: rec?.hash ?? null,
      vanished: rec ? rec.vanished : true,
      linkedProjectId: linkedPmId(link),
      templateJobNumber,
    };
  }

  jobChecks(link: LinkRow, f: JobFacts): { importJob: Check } {
    const key = link.spectrumKey as string;
    return {
      importJob: allOf(
        checkImportDirection('job'),
        checkJobImport({
          jobNumber: key,
          masterJob: f.job?.masterJob ?? null,
          linkedProjectId: f.linkedProjectId,
          templateJobNumber: f.templateJobNumber,
          statusCode: f.job?.statusCode ?? null,
        }),
        checkFrom([goneReason('JOB-1', 'Job', key, f.vanished)]),
      ),
    };
  }

  // ───────────────────────────── vendors (VEN-1, VEN-6) ─────────────────────────────

  /** `known`: the vendor's snapshot record read already with the others of a list page (undefined: read it here). */
  async vendorFacts(link: LinkRow, known?: SnapshotRecord<VendorRow> | null): Promise<VendorFacts> {
    const key = link.spectrumKey as string;
    const rec = known !== undefined ? known : await this.repo.snapshotRecord<VendorRow>(KIND.vendor, key);
    return {
      vendor: rec?.data ?? null,
      hash: rec?.hash ?? null,
      vanished: rec ? rec.vanished : true,
      staged: {
        vendorCode: key,
        readyToImport: link.state === 'ready_to_import',
        linkedCompanyId: linkedPmId(link),
        status: rec?.data.status ?? null,
      },
    };
  }

  /** `company` (with its own vendor code, if linked) for `linkVendor`; without one, only the vendor's side. */
  vendorChecks(
    link: LinkRow,
    f: VendorFacts,
    company: Pick<CompanyRecord, 'id'> & { vendorCode: string | null } = { id: '', vendorCode: null },
  ): { importVendor: Check; linkVendor: Check } {
    const key = link.spectrumKey as string;
    const gone = checkFrom([goneReason('VEN-1', 'Vendor', key, f.vanished)]);
    return {
      importVendor: allOf(checkImportDirection('vendor'), checkVendorImport(f.staged), gone),
      linkVendor: allOf(checkVendorLink(f.staged, company), gone),
    };
  }

  // ───────────────────────────── budgets (BUD-1…4, BUD-6) ─────────────────────────────

  async budgetFacts(link: LinkRow): Promise<BudgetFacts> {
    const jobNumber = link.spectrumKey as string;
    const jobLink = await this.links.rowByKey('job', jobNumber);
    const projectId = jobLink?.state === 'synced' ? jobLink.pmId : null;
    const project = projectId ? await this.projects.findBasics(projectId) : null;
    const budget = project ? await this.budgets.findOfProject(project.id) : null;
    const phases = (await this.repo.snapshotChildren<PhaseRow>(KIND.phase, jobNumber)).map((r) => r.data);
    const estimates = estimateRowsOf(phases);
    const projectDomain: Project = {
      id: project?.id ?? '',
      name: project?.name ?? '',
      number: project?.number ?? null,
      createdAt: (project?.createdAt ?? new Date(0)).toISOString(),
      costCodeListId: project?.costCodeListId ?? null,
      costCodes: [],
      jobNumber: project ? jobNumber : null,
      isSubJob: project?.isSubJob ?? false,
      tools: {
        budget: project?.budgetToolEnabled ?? true,
        primeContracts: project?.primeContractsToolEnabled ?? true,
      },
    };
    const budgetDomain: Budget = {
      projectId: project?.id ?? '',
      locked: budget?.locked ?? false,
      everExported: budget?.everExported ?? false,
      exportInFlight: budget?.exportInFlight ?? false,
      lines: (budget?.lines ?? []).map((l) => ({
        costCode: l.costCode,
        costType: l.costType,
        description: l.description,
        amount: l.amountCents,
      })),
    };
    const t = budgetReimportTotals(budgetDomain.lines, estimates);
    return {
      jobNumber,
      project,
      projectDomain,
      budget,
      budgetDomain,
      phases,
      estimates,
      totals: { spectrumTotalCents: t.spectrumTotal, pmTotalCents: t.pmTotal, newPmTotalCents: t.newPmTotal },
    };
  }

  budgetChecks(
    link: LinkRow,
    f: BudgetFacts,
    confirmed = true,
  ): { importBudget: Check; reimportBudget: Check } {
    const spectrum = {
      // Spectrum's Get services only return posted estimates; an estimate > 0 on the job means one was posted.
      estimatesPosted: f.estimates.some((e) => e.originalEstimate > 0),
      // Spectrum's web services expose no "budget finalized" flag: a posted estimate counts as final [I].
      finalized: true,
    };
    // BUD-6, API-4: while the budget's export is waiting or running, that is the reason (not "never imported")
    const inFlight =
      f.budgetDomain.exportInFlight || link.state === 'ready_to_export' || link.state === 'exporting';
    const budget = { ...f.budgetDomain, exportInFlight: inFlight };
    const importCheck = allOf(
      checkBudgetImport(f.projectDomain, budget, spectrum),
      checkBudgetEdit(budget, 'import'),
    );
    const imported =
      (link.state === 'synced' && link.pmId !== null) || (f.budget?.importedAt ?? null) !== null;
    return {
      importBudget: allOf(
        importCheck,
        checkFrom([
          imported &&
            reason(
              'budget-already-imported',
              'BUD-3',
              'The budget was imported already; re-import it to overwrite it with the current Spectrum values.',
            ),
        ]),
      ),
      reimportBudget: mergeByCode(
        checkBudgetReimport(f.budgetDomain, { confirmed }),
        checkFrom([
          !imported &&
            !inFlight &&
            !budget.everExported &&
            reason('budget-not-imported', 'BUD-3', 'The budget was never imported; import it first.'),
        ]),
        importCheck,
      ),
    };
  }

  // ───────────────────────────── prime contracts (PC-1…4) ─────────────────────────────

  async primeContractFacts(link: LinkRow): Promise<PrimeContractFacts> {
    const key = link.spectrumKey as string;
    const [jobNumber = '', customerCode = ''] = splitKey(key);
    const rec = await this.repo.snapshotRecord<ContractRow>(KIND.contract, key);
    const items = (await this.repo.snapshotChildren<ContractItemRow>(KIND.contractItem, key)).map(
      (r) => r.data,
    );
    const jobLink = await this.links.rowByKey('job', jobNumber);
    const jobProjectId = jobLink?.state === 'synced' ? jobLink.pmId : null;
    const imported = await this.primeContracts.findByKey(jobNumber, customerCode);
    const unitPrice = rec ? isUnitPriceContract(rec.data, items) : false;
    return {
      jobNumber,
      customerCode,
      contract: rec?.data ?? null,
      items,
      hash: rec?.hash ?? null,
      vanished: rec ? rec.vanished : true,
      unitPrice,
      jobProjectId,
      imported,
      staged: {
        jobNumber,
        customerCode,
        unitPrice,
        jobProjectId,
        importedIntoProjectIds: imported ? [imported.projectId] : [],
      },
    };
  }

  /** PC-3: Spectrum has contract values or billing items that the PM contract does not have yet. */
  hasUnsyncedChanges(f: PrimeContractFacts): boolean {
    const pc = f.imported;
    if (!pc || !f.contract) return false;
    if (
      pc.originalContractCents !== f.contract.originalContractCents ||
      pc.title !== primeContractTitle(f.contract)
    )
      return true;
    const lines = new Map(pc.lines.map((l) => [l.billingItem, l]));
    if (lines.size !== f.items.length) return true;
    return f.items.some((i) => {
      const l = lines.get(i.billingItem.trim());
      return (
        !l ||
        l.amountCents !== i.originalContractCents ||
        (l.description ?? '') !== i.billingDescription.trim()
      );
    });
  }

  async primeContractChecks(
    link: LinkRow,
    f: PrimeContractFacts,
    targetProjectId: string | null,
  ): Promise<{ importPrimeContract: Check; reimportPrimeContract: Check }> {
    const key = link.spectrumKey as string;
    const gone = checkFrom([goneReason('PC-1', 'Prime contract', key, f.vanished)]);
    const importCheck = allOf(
      checkImportDirection('prime_contract'),
      checkPrimeContractImport(f.staged, targetProjectId ?? f.jobProjectId ?? ''),
      gone,
    );
    const pc = f.imported;
    const reimport = pc
      ? allOf(
          checkPrimeContractReimport({
            approved: f.contract?.approved === true,
            unitPrice: f.unitPrice,
            jobSynced: f.jobProjectId !== null,
            projectCount: f.staged.importedIntoProjectIds.length,
            synced: link.state === 'synced',
            hasNewUnsyncedLineItems: this.hasUnsyncedChanges(f),
            approvedChangeOrderCount: await this.primeContracts.approvedChangeOrderCount(pc.id),
          }),
          gone,
        )
      : checkFrom([
          reason(
            'prime-contract-not-imported',
            'PC-3',
            'The prime contract was never imported; import it into its project first.',
          ),
        ]);
    return { importPrimeContract: importCheck, reimportPrimeContract: reimport };
  }
}
