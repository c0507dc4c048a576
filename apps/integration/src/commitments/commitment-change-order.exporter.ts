import { checkCommitmentChangeOrderExport, mapCommitmentChangeOrderToChangeRequest } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { CompaniesRepository } from '../companies/companies.repository.js';
import {
  type CheckContext,
  type ExportCheck,
  type Exporter,
  type PlanContext,
  type Prepared,
  spectrumFacts,
} from '../exports/exporter.js';
import {
  CHANGE_REQUEST_STATUS,
  changeRequestBlockers,
  changeRequestPlan,
  jobCustomer,
} from '../exports/planning/key-plans.js';
import { PrimeContractsRepository } from '../prime-contracts/prime-contracts.repository.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import { CommitmentExporter } from './commitment.exporter.js';
import { CommitmentsRepository } from './commitments.repository.js';

/** CCO-1…CCO-3: a commitment change order becomes a Spectrum change request on the commitment's job. */
@Injectable()
export class CommitmentChangeOrderExporter implements Exporter {
  readonly type = 'commitment_change_order' as const;
  readonly label = 'change order';
  readonly keyKind = 'change_request' as const;
  readonly linkTypes = ['commitment_change_order'] as const;
  readonly unlinkRule = 'CCO-3';

  constructor(
    @Inject(CommitmentsRepository) private readonly commitments: CommitmentsRepository,
    @Inject(CompaniesRepository) private readonly companies: CompaniesRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(CommitmentExporter) private readonly commitment: CommitmentExporter,
    @Inject(PrimeContractsRepository) private readonly primeContracts: PrimeContractsRepository,
    @Inject(SpectrumPreflightFactsService) private readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  lock(id: string): Promise<void> {
    return this.commitments.lockChangeOrder(id);
  }

  async check(id: string, { facts, source }: CheckContext): Promise<ExportCheck | null> {
    const cco = await this.commitments.loadChangeOrderDomain(id);
    const c = cco ? await this.commitments.loadDomain(cco.commitmentId) : null;
    if (!cco || !c) return null;
    const { company, codes, jobNumber } = await this.commitment.parties(c, facts);
    const spectrum = await spectrumFacts(this.spectrum, source, {
      jobNumber,
      changeRequestContract: {
        jobNumber,
        customerCode: await this.primeContracts.contractCustomer(c.projectId),
      },
    });
    return {
      check: checkCommitmentChangeOrderExport(cco, c, company, codes, { ...spectrum, jobNumber }),
      snapshot: { ...cco },
    };
  }

  async prepare(id: string, ctx: PlanContext): Promise<Prepared | null> {
    const cco = await this.commitments.loadChangeOrderDomain(id);
    const c = cco ? await this.commitments.loadDomain(cco.commitmentId) : null;
    if (!cco || !c) return null;
    const company = (await this.companies.loadDomain(c.companyId)) ?? {
      id: c.companyId,
      name: '',
      vendorCode: null,
    };
    const project = await this.projects.loadDomain(c.projectId);
    const jobNumber = project?.jobNumber ?? '';
    const customerCode = await jobCustomer(
      await this.primeContracts.contractCustomer(c.projectId),
      jobNumber,
      ctx.client,
    );
    return changeRequestPlan(
      {
        jobNumber,
        customerCode,
        pmNumber: cco.number,
        parentNumber: c.number,
        blockers: changeRequestBlockers(jobNumber, customerCode, 'CCO-2'),
        rule: 'CCO-2',
        source: 'commitment_change_order',
        map: (companyCode, changeRequestNumber) =>
          mapCommitmentChangeOrderToChangeRequest(cco, c, company, {
            companyCode,
            jobNumber,
            customerCode,
            changeRequestNumber,
            status: cco.status === 'approved' ? CHANGE_REQUEST_STATUS.approved : CHANGE_REQUEST_STATUS.open,
          }),
      },
      ctx,
    );
  }
}
