import {
  checkProjectExport,
  explainJobNumber,
  keepTail,
  mapProjectCostCodesToAddPhases,
  mapProjectToAddJob,
  normalizeKeyText,
  type Reason,
  reason,
  type TemplateJob,
  validateJobNumber,
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
import { companyWideKey, freeKeyCheck, stepsOf } from '../exports/planning/key-plans.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import type { BridgeSpectrumClient } from '../spectrum/spectrum-client.factory.js';
import { ProjectsRepository } from './projects.repository.js';

/** JOB-1…JOB-4, WBS-3: a project becomes a Spectrum job with its cost codes as phases. */
@Injectable()
export class ProjectExporter implements Exporter {
  readonly type = 'project' as const;
  readonly label = 'project';
  readonly keyKind = 'job' as const;
  readonly linkTypes = ['project', 'job'] as const;
  /** JOB-3: the job and its phases take the template job's values and price method. */
  readonly settingsFedSteps: ReadonlySet<string> = new Set(['AddJob', 'AddPhase']);

  constructor(
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(SpectrumPreflightFactsService) private readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  lock(id: string): Promise<void> {
    return this.projects.lock(id);
  }

  async check(id: string, { facts, source }: CheckContext): Promise<ExportCheck | null> {
    const p = await this.projects.loadDomain(id);
    if (!p) return null;
    // PRE-3: the job takes the template job's customer
    const spectrum = facts.templateJob
      ? await spectrumFacts(this.spectrum, source, {
          customer: {
            templateJobNumber: facts.templateJob.jobNumber,
            fallback: facts.templateJob.customerCode,
          },
        })
      : {};
    return { check: checkProjectExport(p, facts, spectrum), snapshot: { ...p } };
  }

  async prepare(id: string, ctx: PlanContext): Promise<Prepared | null> {
    const p = await this.projects.loadDomain(id);
    if (!p) return null;
    const blockers: Reason[] = [];
    const template = (await templateJob(ctx.facts.templateJob, ctx.client, blockers)) ?? fallbackTemplate;
    const base = keepTail(normalizeKeyText(p.number ?? ''), 10);
    const keys = await companyWideKey(
      base,
      10,
      async (jobNumber) => (await ctx.client.listJobs({ jobNumber }).toArray()).length > 0,
      ctx.typed,
    );
    return {
      kind: 'job',
      scope: {},
      ...keys,
      blockers,
      explain: (value) => explainJobNumber(p.number ?? '', value),
      validate: (value, taken) =>
        freeKeyCheck(
          validateJobNumber(value, { field: 'spectrumId', rule: 'JOB-2' }),
          value,
          taken,
          'JOB-4',
          'Job',
        ),
      build: (jobNumber) => {
        const { companyCode } = ctx;
        const payload = mapProjectToAddJob(p, template, { companyCode, jobNumber });
        // WBS-3: the job takes the project's cost codes along as its phases (in the same export)
        const phases = mapProjectCostCodesToAddPhases(p, {
          companyCode,
          jobNumber,
          priceMethodCode: template.priceMethodCode,
        });
        return {
          spectrumKey: jobNumber,
          keyFields: { jobNumber },
          steps: [
            {
              name: `job ${jobNumber}`,
              service: 'AddJob',
              input: payload as unknown as Record<string, string>,
            },
            ...stepsOf(
              'AddPhase',
              phases,
              (ph, i) => `phase ${i + 1} of ${phases.length} (${ph.Phase_Code} ${ph.Cost_Type})`,
            ),
          ],
        };
      },
    };
  }
}

/**
 * JOB-3: the template job's values as Spectrum has them (division, cost center, customer, taxable flag, price
 * method), read for this accept; the settings only name the job (and a GL account). A template job Spectrum does
 * not have refuses the accept with that reason, before anything is written.
 */
async function templateJob(
  configured: TemplateJob | null,
  client: BridgeSpectrumClient,
  blockers: Reason[],
): Promise<TemplateJob | null> {
  if (!configured) {
    blockers.push(reason('template-job-missing', 'JOB-3', 'No template job is configured.'));
    return null;
  }
  const [job] = await client.listJobs({ jobNumber: configured.jobNumber }).toArray();
  if (!job) {
    blockers.push(
      reason(
        'template-job-invalid',
        'JOB-3',
        `The template job ${configured.jobNumber} does not exist in Spectrum; name an existing job in the general settings.`,
      ),
    );
    return null;
  }
  const price = job.priceMethodCode.trim().toUpperCase();
  return {
    ...configured,
    division: job.division.trim(),
    costCenter: job.costCenter.trim(),
    customerCode: job.customerCode.trim(),
    taxable: job.taxableFlag.trim().toUpperCase() === 'Y',
    priceMethodCode: (['F', 'T', 'C', 'U'].includes(price)
      ? price
      : configured.priceMethodCode) as TemplateJob['priceMethodCode'],
  };
}

/** Only used when the template job is missing, which the blockers already refuse (JOB-3). */
const fallbackTemplate: TemplateJob = {
  jobNumber: '',
  division: '',
  costCenter: '',
  customerCode: '',
  taxable: false,
  priceMethodCode: 'F',
};
