import {
  allOf,
  checkBudgetChangeExport,
  checkBudgetExport,
  checkForecastExport,
  checkFrom,
  mapBudgetChangeToChangeRequest,
  mapBudgetToAddPhases,
  mapForecastToProjections,
  queueStateReason,
  type Reason,
  reason,
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
import {
  CHANGE_REQUEST_STATUS,
  changeRequestBlockers,
  changeRequestPlan,
  jobCustomer,
  stepsOf,
} from '../exports/planning/key-plans.js';
import { PrimeContractsRepository } from '../prime-contracts/prime-contracts.repository.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import { BudgetsRepository } from './budgets.repository.js';

const today = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The budget's estimates and its forecast both write to the project's existing job (no key to choose), addressed by
 * the budget's id; what they share is here.
 */
abstract class JobBudgetExporter {
  readonly keyKind = 'none' as const;

  constructor(
    @Inject(BudgetsRepository) protected readonly budgets: BudgetsRepository,
    @Inject(ProjectsRepository) protected readonly projects: ProjectsRepository,
    @Inject(SpectrumPreflightFactsService) protected readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  lock(id: string): Promise<void> {
    return this.budgets.lock(id);
  }

  protected async load(budgetId: string) {
    const projectId = await this.budgets.projectOf(budgetId);
    const project = projectId ? await this.projects.loadDomain(projectId) : null;
    if (!projectId || !project) return null;
    return { project, budget: await this.budgets.loadDomain(projectId) };
  }

  /** The job the export writes to, or the reason there is none (BUD-5, FC-1). */
  protected async planOnJob(
    budgetId: string,
    rule: string,
    build: (
      loaded: NonNullable<Awaited<ReturnType<JobBudgetExporter['load']>>>,
      jobNumber: string,
    ) => Prepared['build'],
  ): Promise<Prepared | null> {
    const loaded = await this.load(budgetId);
    if (!loaded) return null;
    const jobNumber = loaded.project.jobNumber ?? '';
    const blockers: Reason[] = jobNumber
      ? []
      : [reason('job-not-linked', rule, 'The project is not linked to a Spectrum job.')];
    return {
      kind: 'none',
      scope: { jobNumber },
      spectrumTaken: [],
      blockers,
      derive: () => jobNumber,
      validate: () => checkFrom([]),
      build: build(loaded, jobNumber),
    };
  }
}

/** BUD-1…BUD-6: the budget's estimates become the job's phases (original estimates). */
@Injectable()
export class BudgetExporter extends JobBudgetExporter implements Exporter {
  readonly type = 'budget' as const;
  readonly label = 'budget';
  readonly linkTypes = ['budget'] as const;

  async check(id: string, { source }: CheckContext): Promise<ExportCheck | null> {
    const loaded = await this.load(id);
    if (!loaded) return null;
    const spectrum = await spectrumFacts(this.spectrum, source, { costTypes: true });
    return {
      check: checkBudgetExport(loaded.project, loaded.budget, spectrum),
      snapshot: { ...loaded.budget },
    };
  }

  prepare(id: string, ctx: PlanContext): Promise<Prepared | null> {
    return this.planOnJob(id, 'BUD-5', ({ budget }, jobNumber) => () => {
      const payloads = mapBudgetToAddPhases(budget, { companyCode: ctx.companyCode, jobNumber });
      return {
        spectrumKey: jobNumber,
        keyFields: { jobNumber },
        steps: stepsOf(
          'AddPhase',
          payloads,
          (p, i) => `estimate ${i + 1} of ${payloads.length} (${p.Phase_Code} ${p.Cost_Type})`,
        ),
      };
    });
  }

  /** BUD-6: the budget is read-only while its export is in the queue, and known as exported once synced. */
  queued(id: string): Promise<void> {
    return this.budgets.setExportFlags(id, { exportInFlight: true });
  }

  released(id: string): Promise<void> {
    return this.budgets.setExportFlags(id, { exportInFlight: false });
  }

  synced(id: string): Promise<void> {
    return this.budgets.setExportFlags(id, { exportInFlight: false, everExported: true });
  }
}

/** FC-1…FC-3: the budget's forecast becomes job cost projections (sent again and again). */
@Injectable()
export class ForecastExporter extends JobBudgetExporter implements Exporter {
  readonly type = 'forecast' as const;
  readonly label = 'forecast';
  readonly linkTypes = ['forecast'] as const;

  async check(id: string, { source, link }: CheckContext): Promise<ExportCheck | null> {
    const loaded = await this.load(id);
    if (!loaded) return null;
    const { project, budget } = loaded;
    const spectrum = await spectrumFacts(this.spectrum, source, { jobNumber: project.jobNumber });
    return {
      // APP-1: the forecast's own check does not look at the queue (it can be sent again and again)
      check: allOf(
        checkForecastExport(project, budget, spectrum),
        checkFrom([queueStateReason(link?.state, 'forecast')]),
      ),
      snapshot: { ...budget, syncState: link?.state ?? null },
    };
  }

  prepare(id: string, ctx: PlanContext): Promise<Prepared | null> {
    return this.planOnJob(id, 'FC-1', ({ budget }, jobNumber) => () => {
      const payloads = mapForecastToProjections(budget, {
        companyCode: ctx.companyCode,
        jobNumber,
        transactionDate: today(ctx.now),
      });
      return {
        spectrumKey: jobNumber,
        keyFields: { jobNumber },
        steps: stepsOf(
          'JobCostProjections',
          payloads,
          (p, i) => `projection ${i + 1} of ${payloads.length} (${p.Phase_Code} ${p.Cost_Type})`,
        ),
      };
    });
  }
}

/** BCH-1: an approved budget change becomes an approved Spectrum change request on the job. */
@Injectable()
export class BudgetChangeExporter implements Exporter {
  readonly type = 'budget_change' as const;
  readonly label = 'budget change';
  readonly keyKind = 'change_request' as const;
  readonly linkTypes = ['budget_change'] as const;

  constructor(
    @Inject(BudgetsRepository) private readonly budgets: BudgetsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(PrimeContractsRepository) private readonly primeContracts: PrimeContractsRepository,
    @Inject(SpectrumPreflightFactsService) private readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  /** A budget change is locked through its budget (the budget's editors take the same lock). */
  async lock(id: string): Promise<void> {
    const change = await this.budgets.findChange(id);
    if (!change) return;
    const budget = await this.budgets.forProject(change.projectId);
    return this.budgets.lock(budget.id);
  }

  async check(id: string, { source }: CheckContext): Promise<ExportCheck | null> {
    const change = await this.budgets.loadChangeDomain(id);
    const project = change ? await this.projects.loadDomain(change.projectId) : null;
    if (!change || !project) return null;
    const budget = await this.budgets.loadDomain(change.projectId);
    const spectrum = await spectrumFacts(this.spectrum, source, {
      jobNumber: project.jobNumber,
      changeRequestContract: {
        jobNumber: project.jobNumber,
        customerCode: await this.primeContracts.contractCustomer(change.projectId),
      },
    });
    return { check: checkBudgetChangeExport(project, budget, change, spectrum), snapshot: { ...change } };
  }

  async prepare(id: string, ctx: PlanContext): Promise<Prepared | null> {
    const change = await this.budgets.loadChangeDomain(id);
    const project = change ? await this.projects.loadDomain(change.projectId) : null;
    if (!change || !project) return null;
    const jobNumber = project.jobNumber ?? '';
    const customerCode = await jobCustomer(
      await this.primeContracts.contractCustomer(change.projectId),
      jobNumber,
      ctx.client,
    );
    return changeRequestPlan(
      {
        jobNumber,
        customerCode,
        pmNumber: change.number,
        parentNumber: null,
        blockers: changeRequestBlockers(jobNumber, customerCode, 'BCH-1'),
        rule: 'BCH-1',
        source: 'budget_change',
        map: (companyCode, changeRequestNumber) =>
          mapBudgetChangeToChangeRequest(change, {
            companyCode,
            jobNumber,
            customerCode,
            changeRequestNumber,
            status: CHANGE_REQUEST_STATUS.approved,
            approved: true,
          }),
      },
      ctx,
    );
  }
}
