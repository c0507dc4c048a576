import { checkStandardCostCodeListCreate } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user.js';
import { LinksRepository } from '../../links/links.repository.js';
import { CLOCK, type Clock } from '../../platform/tokens.js';
import { IMPORT_TX, TransactionHost, type TxHost } from '../../platform/transactions.js';
import { ProjectsRepository } from '../../projects/projects.repository.js';
import { IntegrationFactsService } from '../../settings/integration-facts.service.js';
import { ProjectCostCodesSync } from '../cost-codes/project-cost-codes.sync.js';
import {
  type ActionResult,
  actionResult,
  assertOk,
  ImportActionLinks,
  linkChange,
} from '../import-actions.js';
import { KIND } from '../import-context.js';
import { ImportableChecks } from '../importable-checks.js';
import { ImportsRepository } from '../imports.repository.js';
import { type PhaseRow, projectFieldsOf } from '../spectrum-rows.js';

/** The Ready to Import action of a staged Spectrum job (API-1). */
@Injectable()
export class JobImportActionsService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(ImportActionLinks) private readonly actions: ImportActionLinks,
    @Inject(ImportsRepository) private readonly repo: ImportsRepository,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(ImportableChecks) private readonly checks: ImportableChecks,
    @Inject(ProjectCostCodesSync) private readonly projectSync: ProjectCostCodesSync,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** JOB-1, JOB-4, LIM-3, WBS-2, WBS-3: a project on the Spectrum list, linked to the job, with its cost codes. */
  async importJob(id: string, actor: AuthUser): Promise<ActionResult> {
    const facts = await this.facts.get();
    const settings = facts.settings;
    return this.txHost.withTransaction(IMPORT_TX, async () => {
      const link = await this.actions.locked(id, 'job');
      if (link.state === 'synced' && link.pmId) return actionResult(link, false, { projectId: link.pmId });
      const f = await this.checks.jobFacts(link, facts.templateJob?.jobNumber ?? null);
      assertOk(this.checks.jobChecks(link, f).importJob, `Job ${link.spectrumKey} cannot be imported.`);
      const job = f.job as NonNullable<typeof f.job>;
      const now = this.clock.now();
      const list = await this.repo.ensureStandardList((ids) => checkStandardCostCodeListCreate(ids).ok);
      const created = await this.projects.create({
        ...projectFieldsOf(job),
        costCodeListId: list.id,
        createdAt: now,
      });
      const project = { id: created.id, name: created.name, number: created.number };
      const jobNumber = link.spectrumKey as string;
      const phases = (await this.repo.snapshotChildren<PhaseRow>(KIND.phase, jobNumber)).map((r) => r.data);
      await this.projectSync.apply({ id: project.id, budgetToolEnabled: true, jobNumber }, phases, {
        settings,
        autoAddNewCombos: false,
      });
      const done = await this.actions.markSynced(
        actor,
        link,
        { pmId: project.id, hash: f.hash, at: now },
        (done) => ({
          action: 'import.job',
          itemType: 'project',
          itemId: project.id,
          ...linkChange(link, done, { jobNumber, project }),
        }),
      );
      // BUD-1: a job with an estimate stages its budget for import
      if (phases.some((p) => p.currentEstimateCents > 0)) await this.links.stage('budget', [jobNumber]);
      return actionResult(done, true, { projectId: project.id, project });
    });
  }
}
