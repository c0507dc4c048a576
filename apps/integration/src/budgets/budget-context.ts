import {
  type Budget,
  type Check,
  checkFrom,
  type Project,
  type Reason,
  reason,
  stripPhaseDashes,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../platform/http/problem.js';
import { sideBySide, TransactionHost, type TxHost } from '../platform/transactions.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import { type BudgetRecord, BudgetsRepository, budgetToDomain } from './budgets.repository.js';

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
    if (this.txHost.isTransactionActive()) {
      // a write: hold the budget row while checking and changing it, then read it again under the lock
      const project = await this.projects.loadDomain(projectId);
      if (!project) throw notFound('Project', projectId);
      const { id } = await this.repo.forProject(projectId);
      await this.repo.lock(id);
      const record = await this.repo.forProject(projectId);
      return this.withFacts(project, record, await this.projects.primeContractCustomer(projectId));
    }
    // a read: what does not depend on another read side by side; the budget is created only when it is missing
    const [project, found, customerCode] = await sideBySide(
      () => this.projects.loadDomain(projectId),
      () => this.repo.findForProject(projectId),
      () => this.projects.primeContractCustomer(projectId),
    );
    if (!project) throw notFound('Project', projectId);
    return this.withFacts(project, found ?? (await this.repo.forProject(projectId)), customerCode);
  }

  /** The budget's link and what the last sync saw in Spectrum, beside the project and the budget. */
  private async withFacts(project: Project, record: BudgetRecord, customerCode: string | null) {
    const [link, spectrum] = await sideBySide(
      () => this.repo.linkFor(record.id),
      // PRE-1: what the last sync saw of the job's phases and the company's cost types
      () =>
        this.spectrum.stored({
          jobNumber: project.jobNumber,
          costTypes: true,
          // PRE-4: the contract the budget changes' change requests are written on
          changeRequestContract: { jobNumber: project.jobNumber, customerCode },
        }),
    );
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
