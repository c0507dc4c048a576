import { type Budget, type Check, checkFrom, type Reason, reason, stripPhaseDashes } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../platform/http/problem.js';
import { TransactionHost, type TxHost } from '../platform/transactions.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import { BudgetsRepository, budgetToDomain } from './budgets.repository.js';

export const normCode = (code: string) => stripPhaseDashes(code.trim()).toUpperCase();

export /** A locked budget is the approved original budget: its lines change only after unlocking. */
const lockedCheck = (b: Budget): Check =>
  checkFrom([
    b.locked && reason('budget-locked', 'BUD-5', 'The budget is locked; unlock it to change its lines.'),
  ]);

export /** BCH-1: budget changes are made against a locked budget. */
const notLockedCheck = (b: Budget): Check =>
  checkFrom([!b.locked && reason('budget-not-locked', 'BCH-1', 'Budget changes need a locked budget.')]);

/**
 * What the budget and budget change services check against: the project, its budget (held under a lock in a write)
 * with its link, what the last sync saw in Spectrum (PRE-1, PRE-4), and whether a line's cost code is the project's.
 */
@Injectable()
export class BudgetContext {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(BudgetsRepository) private readonly repo: BudgetsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(SpectrumPreflightFactsService) private readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  async load(projectId: string) {
    const project = await this.projects.loadDomain(projectId);
    if (!project) throw notFound('Project', projectId);
    let record = await this.repo.forProject(projectId);
    if (this.txHost.isTransactionActive()) {
      // a write: hold the budget row while checking and changing it, then read it again under the lock
      await this.repo.lock(record.id);
      record = await this.repo.forProject(projectId);
    }
    const link = await this.repo.linkFor(record.id);
    // PRE-1: what the last sync saw of the job's phases and the company's cost types
    const spectrum = await this.spectrum.stored({
      jobNumber: project.jobNumber,
      costTypes: true,
      // PRE-4: the contract the budget changes' change requests are written on
      changeRequestContract: {
        jobNumber: project.jobNumber,
        customerCode: await this.projects.primeContractCustomer(projectId),
      },
    });
    return { project, record, link, budget: budgetToDomain(record, link), spectrum };
  }

  async costTypeReason(
    projectId: string,
    costCode: string,
    costType: string,
    field: string,
  ): Promise<Reason | null> {
    return (await this.repo.projectHasCostType(projectId, costCode, costType))
      ? null
      : reason(
          'cost-code-not-on-project',
          'WBS-3',
          `Cost code ${costCode} with cost type ${costType} is not one of the project's cost codes.`,
          field,
        );
  }
}
