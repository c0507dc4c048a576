import {
  checkPrimeContractChangeOrderExport,
  mapPrimeContractChangeOrderToChangeRequest,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import {
  type CheckContext,
  type ExportCheck,
  type Exporter,
  type PlanContext,
  type Prepared,
  spectrumFacts,
} from '../exports/exporter.js';
import { CHANGE_REQUEST_STATUS, changeRequestPlan } from '../exports/planning/key-plans.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import { PrimeContractsRepository } from './prime-contracts.repository.js';

/** PCCO-1…PCCO-3: a prime contract change order becomes a Spectrum change request on the contract's job. */
@Injectable()
export class PrimeContractChangeOrderExporter implements Exporter {
  readonly type = 'prime_contract_change_order' as const;
  readonly label = 'change order';
  readonly keyKind = 'change_request' as const;
  readonly linkTypes = ['prime_contract_change_order'] as const;

  constructor(
    @Inject(PrimeContractsRepository) private readonly primeContracts: PrimeContractsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(SpectrumPreflightFactsService) private readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  lock(id: string): Promise<void> {
    return this.primeContracts.lockChangeOrder(id);
  }

  async check(id: string, { facts, source }: CheckContext): Promise<ExportCheck | null> {
    const pcco = await this.primeContracts.loadChangeOrderDomain(id);
    const contractRecord = pcco ? await this.primeContracts.findById(pcco.primeContractId) : null;
    const contract = pcco ? await this.primeContracts.loadDomain(pcco.primeContractId) : null;
    if (!pcco || !contract || !contractRecord) return null;
    const project = await this.projects.findById(contract.projectId);
    const spectrum = await spectrumFacts(this.spectrum, source, {
      jobNumber: contract.jobNumber,
      contract: { jobNumber: contract.jobNumber, customerCode: contract.customerCode },
      customer: { code: contract.customerCode },
    });
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
        spectrumContractChangedAt: await this.primeContracts.spectrumChangedAt(contractRecord),
      },
      spectrum,
    );
    return { check, snapshot: { ...pcco } };
  }

  async prepare(id: string, ctx: PlanContext): Promise<Prepared | null> {
    const pcco = await this.primeContracts.loadChangeOrderDomain(id);
    const contract = pcco ? await this.primeContracts.loadDomain(pcco.primeContractId) : null;
    if (!pcco || !contract) return null;
    return changeRequestPlan(
      {
        jobNumber: contract.jobNumber,
        customerCode: contract.customerCode,
        pmNumber: pcco.number,
        parentNumber: null,
        blockers: [],
        rule: 'PCCO-2',
        source: 'prime_contract_change_order',
        map: (companyCode, changeRequestNumber) =>
          mapPrimeContractChangeOrderToChangeRequest(pcco, contract, {
            companyCode,
            changeRequestNumber,
            status: pcco.status === 'approved' ? CHANGE_REQUEST_STATUS.approved : CHANGE_REQUEST_STATUS.open,
          }),
      },
      ctx,
    );
  }
}
