import {
  allOf,
  type Check,
  checkBudgetChangeExport,
  checkBudgetExport,
  checkCommitmentChangeOrderExport,
  checkCommitmentExport,
  checkCompanyExport,
  checkForecastExport,
  checkFrom,
  checkPrimeContractChangeOrderExport,
  checkProjectExport,
  type ExportableType,
  type IntegrationFacts,
  type ItemType,
  queueStateReason,
  reason,
  type SpectrumPreflightFacts,
  type SyncState,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { BudgetsRepository } from '../budgets/budgets.repository.js';
import { CommitmentsRepository } from '../commitments/commitments.repository.js';
import { CompaniesRepository } from '../companies/companies.repository.js';
import { CostCodesRepository } from '../cost-codes/cost-codes.repository.js';
import { LinksRepository, type LinkView } from '../links/links.repository.js';
import { PrimeContractsRepository } from '../prime-contracts/prime-contracts.repository.js';
import type { Tx } from '../projects/pm-common.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import type { BridgeSpectrumClient } from '../spectrum/spectrum-client.factory.js';
import { ExportsRepository } from './exports.repository.js';

/**
 * Where the Spectrum side of a check comes from (PRE-1): the last synced Spectrum data (lists, `blockedBy`,
 * `sendToErp`), or Spectrum itself read now for this one item (accept).
 */
export type PreflightSource = { stored: true } | { fresh: BridgeSpectrumClient };
export const STORED: PreflightSource = { stored: true };

type FactsWanted = Parameters<SpectrumPreflightFactsService['stored']>[0];

/** What the send check of an item found: the rules' verdict, the item as sent, and its link. */
export interface ItemCheck {
  check: Check;
  /** The item as the rules saw it (the payload snapshot of the request). */
  snapshot: Record<string, unknown>;
  label: string;
  link: LinkView | null;
  /** The link type the item's sync state lives on (one link per item). */
  linkType: ItemType;
}

const LABEL: Record<ExportableType, string> = {
  project: 'project',
  company: 'company',
  budget: 'budget',
  budget_change: 'budget change',
  commitment: 'commitment',
  commitment_change_order: 'change order',
  prime_contract_change_order: 'change order',
  forecast: 'forecast',
};

/**
 * The PM items that travel through the export queue: where each one's link lives, how its row is locked, and the
 * `@bridge/rules` send check (the same one the item's `blockedBy.sendToErp` shows), loaded with the features'
 * repositories and domain mappers.
 */
@Injectable()
export class ExportItemsService {
  constructor(
    @Inject(ProjectsRepository) readonly projects: ProjectsRepository,
    @Inject(CompaniesRepository) readonly companies: CompaniesRepository,
    @Inject(BudgetsRepository) readonly budgets: BudgetsRepository,
    @Inject(CommitmentsRepository) readonly commitments: CommitmentsRepository,
    @Inject(PrimeContractsRepository) readonly primeContracts: PrimeContractsRepository,
    @Inject(CostCodesRepository) private readonly costCodes: CostCodesRepository,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(ExportsRepository) private readonly repo: ExportsRepository,
    @Inject(SpectrumPreflightFactsService) private readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  private spectrumFacts(
    source: PreflightSource,
    what: FactsWanted,
    tx?: Tx,
  ): Promise<SpectrumPreflightFacts> {
    return 'fresh' in source ? this.spectrum.fresh(source.fresh, what) : this.spectrum.stored(what, tx);
  }

  label(type: ExportableType): string {
    return LABEL[type];
  }

  /** The link type an item's sync state lives on: projects on their `project` or `job` link, companies likewise. */
  async linkTypeOf(type: ExportableType, id: string, tx?: Tx): Promise<ItemType> {
    if (type === 'project') return (await this.links.forItem('project', id, tx)) ? 'project' : 'job';
    if (type === 'company') return (await this.links.forItem('company', id, tx)) ? 'company' : 'vendor';
    return type;
  }

  async linkOf(
    type: ExportableType,
    id: string,
    tx?: Tx,
  ): Promise<{ link: LinkView | null; linkType: ItemType }> {
    const linkType = await this.linkTypeOf(type, id, tx);
    return { link: await this.links.forItem(linkType, id, tx), linkType };
  }

  /** Locks the item's row (the same lock the PM-side writes take) until the transaction ends. */
  async lock(type: ExportableType, id: string, tx: Tx): Promise<void> {
    switch (type) {
      case 'project':
        return this.projects.lock(id, tx);
      case 'company':
        return this.companies.lock(id, tx);
      case 'budget':
      case 'forecast':
        return this.budgets.lock(id, tx);
      case 'budget_change': {
        const change = await this.budgets.findChange(id, tx);
        if (!change) return;
        const budget = await this.budgets.forProject(change.projectId, tx);
        return this.budgets.lock(budget.id, tx);
      }
      case 'commitment':
        return this.commitments.lock(id, tx);
      case 'commitment_change_order':
        return this.commitments.lockChangeOrder(id, tx);
      case 'prime_contract_change_order':
        return this.primeContracts.lockChangeOrder(id, tx);
    }
  }

  /**
   * The send check of an item (null when it does not exist): the one `@bridge/rules` check of its type, with the
   * Spectrum facts from `source` (PRE-1). The same check gives `blockedBy.sendToErp`, refuses `sendToErp`, and runs
   * again at accept on fresh Spectrum data.
   */
  async check(
    type: ExportableType,
    id: string,
    facts: IntegrationFacts,
    tx?: Tx,
    source: PreflightSource = STORED,
  ): Promise<ItemCheck | null> {
    const { link, linkType } = await this.linkOf(type, id, tx);
    const base = { label: LABEL[type], link, linkType };
    switch (type) {
      case 'project': {
        const p = await this.projects.loadDomain(id, tx);
        if (!p) return null;
        // PRE-3: the job takes the template job's customer
        const spectrum = facts.templateJob
          ? await this.spectrumFacts(
              source,
              {
                customer: {
                  templateJobNumber: facts.templateJob.jobNumber,
                  fallback: facts.templateJob.customerCode,
                },
              },
              tx,
            )
          : {};
        return { ...base, check: checkProjectExport(p, facts, spectrum), snapshot: { ...p } };
      }
      case 'company': {
        const c = await this.companies.loadDomain(id, tx);
        return c ? { ...base, check: checkCompanyExport(c), snapshot: { ...c } } : null;
      }
      case 'budget':
      case 'forecast': {
        const projectId = await this.repo.budgetProject(id, tx);
        const project = projectId ? await this.projects.loadDomain(projectId, tx) : null;
        if (!projectId || !project) return null;
        const budget = await this.budgets.loadDomain(projectId, tx);
        if (type === 'budget') {
          const spectrum = await this.spectrumFacts(source, { costTypes: true }, tx);
          return { ...base, check: checkBudgetExport(project, budget, spectrum), snapshot: { ...budget } };
        }
        const forecast = { ...budget, syncState: link?.state ?? null };
        const spectrum = await this.spectrumFacts(source, { jobNumber: project.jobNumber }, tx);
        return {
          ...base,
          check: allOf(checkForecastExport(project, budget, spectrum), queued(link?.state, 'forecast')),
          snapshot: forecast,
        };
      }
      case 'budget_change': {
        const change = await this.budgets.loadChangeDomain(id, tx);
        const project = change ? await this.projects.loadDomain(change.projectId, tx) : null;
        if (!change || !project) return null;
        const budget = await this.budgets.loadDomain(change.projectId, tx);
        const spectrum = await this.spectrumFacts(
          source,
          {
            jobNumber: project.jobNumber,
            changeRequestContract: {
              jobNumber: project.jobNumber,
              customerCode: await this.repo.projectContractCustomer(change.projectId, tx),
            },
          },
          tx,
        );
        return {
          ...base,
          check: checkBudgetChangeExport(project, budget, change, spectrum),
          snapshot: { ...change },
        };
      }
      case 'commitment': {
        const c = await this.commitments.loadDomain(id, tx);
        if (!c) return null;
        const company = (await this.companies.loadDomain(c.companyId, tx)) ?? {
          name: c.companyId,
          vendorCode: null,
        };
        const codes = await this.costCodes.codesOfList(facts.standardCostCodeListId, tx);
        const jobNumber = (await this.projects.loadDomain(c.projectId, tx))?.jobNumber ?? null;
        const spectrum = await this.spectrumFacts(source, { jobNumber, vendorCode: company.vendorCode }, tx);
        return {
          ...base,
          check: checkCommitmentExport(c, company, codes, { ...spectrum, jobNumber }),
          snapshot: { ...c },
        };
      }
      case 'commitment_change_order': {
        const cco = await this.commitments.loadChangeOrderDomain(id, tx);
        const c = cco ? await this.commitments.loadDomain(cco.commitmentId, tx) : null;
        if (!cco || !c) return null;
        const company = (await this.companies.loadDomain(c.companyId, tx)) ?? {
          name: c.companyId,
          vendorCode: null,
        };
        const codes = await this.costCodes.codesOfList(facts.standardCostCodeListId, tx);
        const jobNumber = (await this.projects.loadDomain(c.projectId, tx))?.jobNumber ?? null;
        const spectrum = await this.spectrumFacts(
          source,
          {
            jobNumber,
            changeRequestContract: {
              jobNumber,
              customerCode: await this.repo.projectContractCustomer(c.projectId, tx),
            },
          },
          tx,
        );
        return {
          ...base,
          check: checkCommitmentChangeOrderExport(cco, c, company, codes, { ...spectrum, jobNumber }),
          snapshot: { ...cco },
        };
      }
      case 'prime_contract_change_order': {
        const pcco = await this.primeContracts.loadChangeOrderDomain(id, tx);
        const contractRecord = pcco ? await this.primeContracts.findById(pcco.primeContractId, tx) : null;
        const contract = pcco ? await this.primeContracts.loadDomain(pcco.primeContractId, tx) : null;
        if (!pcco || !contract || !contractRecord) return null;
        const project = await this.projects.findById(contract.projectId, tx);
        const spectrum = await this.spectrumFacts(
          source,
          {
            jobNumber: contract.jobNumber,
            contract: { jobNumber: contract.jobNumber, customerCode: contract.customerCode },
            customer: { code: contract.customerCode },
          },
          tx,
        );
        const check = checkPrimeContractChangeOrderExport(
          pcco,
          contract,
          {
            tools: {
              budget: project?.budgetToolEnabled ?? false,
              primeContracts: project?.primeContractsToolEnabled ?? false,
            },
          },
          {
            integrationConnected: facts.connectedAt !== null,
            spectrumContractChangedAt: await this.primeContracts.spectrumChangedAt(contractRecord, tx),
          },
          spectrum,
        );
        return { ...base, check, snapshot: { ...pcco } };
      }
    }
  }
}

/** APP-1 for items whose own check does not look at the queue (forecasts can be sent again and again). */
function queued(state: SyncState | null | undefined, label: string): Check {
  return checkFrom([queueStateReason(state, label)]);
}

export { reason };
