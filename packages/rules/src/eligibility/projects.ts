import { type Check, checkFrom, type Reason, reason } from '../core/result.js';
import type { IntegrationFacts, Project } from '../domain/types.js';
import { SPECTRUM_LIMITS } from '../formats/limits.js';
import { queueStateReason } from './common.js';
import type { SpectrumPreflightFacts } from './spectrum-preflight.js';
import { customerExistsReason } from './template-job.js';

/**
 * JOB-2, JOB-3, JOB-4, LIM-3, PRE-3: may this PM project be sent to Spectrum to create a new job? `spectrum.customer`
 * is the template job's customer (the job takes it) and whether Spectrum has it.
 */
export function checkProjectExport(
  project: Project,
  integration: IntegrationFacts,
  spectrum: SpectrumPreflightFacts = {},
): Check {
  const reasons: (Reason | null | false)[] = [];
  if (integration.connectedAt === null) {
    reasons.push(
      reason(
        'integration-not-connected',
        'JOB-2',
        'The integration is not connected to a Spectrum company yet.',
      ),
    );
  } else if (Date.parse(project.createdAt) < Date.parse(integration.connectedAt)) {
    reasons.push(
      reason(
        'project-created-before-integration',
        'JOB-2',
        'The project was created before the integration was connected; such projects cannot be synced.',
        'createdAt',
      ),
    );
  }
  if (
    integration.standardCostCodeListId === null ||
    project.costCodeListId !== integration.standardCostCodeListId
  ) {
    reasons.push(
      reason(
        'project-not-using-spectrum-cost-codes',
        'JOB-2',
        'The project must use the "Spectrum Standard Cost Codes" list.',
        'costCodeListId',
      ),
    );
  }
  project.costCodes.forEach((cc, i) => {
    if (cc.costTypes.length === 0) {
      reasons.push(
        reason(
          'cost-code-without-cost-type',
          'JOB-2',
          `Cost code ${cc.code} has no cost type; every cost code needs at least one.`,
          `costCodes[${i}].costTypes`,
        ),
      );
    }
  });
  const name = project.name.trim();
  if (name === '') {
    reasons.push(reason('project-name-required', 'JOB-2', 'The project needs a name.', 'name'));
  } else if (name.length > SPECTRUM_LIMITS.jobDescription) {
    reasons.push(
      reason(
        'project-name-too-long',
        'JOB-2',
        `The project name has ${name.length} characters; Spectrum job descriptions allow at most ${SPECTRUM_LIMITS.jobDescription}.`,
        'name',
      ),
    );
  }
  if (integration.templateJob === null) {
    reasons.push(
      reason(
        'template-job-missing',
        'JOB-3',
        'No template job is configured; it supplies the division, cost center, customer, taxable flag and price method.',
      ),
    );
  }
  if (integration.templateJob !== null) {
    reasons.push(customerExistsReason(spectrum.customer, `the template job's customer`));
  }
  if (project.jobNumber !== null) {
    reasons.push(
      reason(
        'project-already-linked',
        'JOB-4',
        `The project is already linked to Spectrum job ${project.jobNumber}.`,
      ),
    );
  }
  if (project.isSubJob) {
    reasons.push(
      reason('sub-job-not-supported', 'LIM-3', 'Sub jobs are not supported on integrated projects.'),
    );
  }
  reasons.push(queueStateReason(project.syncState, 'project'));
  return checkFrom(reasons);
}

export interface SpectrumJobFacts {
  jobNumber: string;
  /** Set when the job is a sub job of a master job. */
  masterJob?: string | null;
  /** Id of the PM project already linked to this job, if any. */
  linkedProjectId: string | null;
  /** The job number of the template job in the general settings (JOB-3), if one is set. */
  templateJobNumber?: string | null;
  /** Spectrum's status code of the job (`A`, `I`, `C`), when known. */
  statusCode?: string | null;
}

/** JOB-1, JOB-4, LIM-3: may this staged Spectrum job be imported as a new PM project? */
export function checkJobImport(job: SpectrumJobFacts): Check {
  return checkFrom([
    Boolean(job.masterJob?.trim()) &&
      reason(
        'sub-job-not-supported',
        'LIM-3',
        `Job ${job.jobNumber} is a sub job of ${job.masterJob?.trim()}; sub jobs are not supported (import jobs and master jobs).`,
      ),
    job.linkedProjectId !== null &&
      reason('job-already-linked', 'JOB-4', `Job ${job.jobNumber} is already linked to a project.`),
    Boolean(job.templateJobNumber) &&
      job.templateJobNumber?.trim() === job.jobNumber.trim() &&
      reason(
        'template-job',
        'JOB-3',
        `Job ${job.jobNumber} is the template job that new Spectrum jobs are copied from, not a project to import.`,
      ),
    job.statusCode?.trim().toUpperCase() === 'C' &&
      reason(
        'job-complete',
        'JOB-5',
        `Job ${job.jobNumber} is Complete in Spectrum: finished work is not imported as a project (Spectrum takes no new commitments, change orders or budget changes on it). To import it, set it back to Active or Inactive in Spectrum; the next jobs sync offers it again.`,
      ),
  ]);
}

/** JOB-4: one Spectrum job links to at most one PM project and vice versa. */
export function checkJobLink(job: SpectrumJobFacts, project: Pick<Project, 'id' | 'jobNumber'>): Check {
  return checkFrom([
    job.linkedProjectId !== null &&
      job.linkedProjectId !== project.id &&
      reason('job-already-linked', 'JOB-4', `Job ${job.jobNumber} is already linked to another project.`),
    project.jobNumber !== null &&
      project.jobNumber !== job.jobNumber &&
      reason('project-already-linked', 'JOB-4', `The project is already linked to job ${project.jobNumber}.`),
  ]);
}
