import { Inject, Injectable } from '@nestjs/common';
import { notFound, ProblemError, unprocessable } from '../platform/http/problem.js';
import { CLOCK, type Clock, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import type {
  BridgeSpectrumClient,
  SpectrumClientCreateOptions,
  SpectrumClientFactory,
} from '../spectrum/spectrum-client.factory.js';
import { ConnectionNotConfiguredError, describeError } from '../spectrum/spectrum-errors.js';
import { JobOrderError } from './job-ordered-stream.js';
import {
  type JobReconciliation,
  type LinkedProject,
  type PmSide,
  reconcileJob,
  type SpectrumSide,
} from './job-reconciliation.js';
import { PmSideReader } from './pm-side.reader.js';
import { CompanySpectrumStreams, readSpectrumJob } from './spectrum-side.reader.js';

export type { JobReconciliation, Section } from './job-reconciliation.js';

/** Projects per page of a company-wide reconciliation: the PM side of a page is read with a few statements. */
const PROJECTS_PER_PAGE = 100;
/** Info-Link rows per page of a company-wide read: the largest the reader asks for (fewer calls to admit). */
const COMPANY_WIDE_INFOLINK_PAGE = 5_000;

/** A company-wide reconciliation that stopped on a job: the job and the problem, for the report's last line. */
export class CompanyWideFailure extends Error {
  constructor(
    readonly jobNumber: string,
    readonly projectName: string,
    readonly problem: ProblemError,
  ) {
    super(problem.message);
    this.name = 'CompanyWideFailure';
  }
}

/**
 * Reconciles the PM side with Spectrum (REC-1, REC-2): one job with the job's own Spectrum reads, or the whole
 * company from each Spectrum table read once in job order, merged with the linked projects read in pages in the
 * same order. Reads only: nothing is written on either side.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(PmSideReader) private readonly pm: PmSideReader,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The Spectrum client, or a 422/502 problem in plain words when there is none to be had. */
  async client(options?: SpectrumClientCreateOptions): Promise<BridgeSpectrumClient> {
    try {
      return await this.clients.create(options);
    } catch (e) {
      if (e instanceof ConnectionNotConfiguredError)
        throw new ProblemError(422, 'connection-not-configured', e.message, [
          { rule: 'GEN-2', code: 'connection-not-configured', message: e.message },
        ]);
      throw spectrumUnavailable(e);
    }
  }

  /** The client for `companyWide`: whole tables are read in the largest Info-Link pages. */
  companyWideClient(): Promise<BridgeSpectrumClient> {
    return this.client({ infoLinkPageSize: COMPANY_WIDE_INFOLINK_PAGE });
  }

  /** Linked projects (their job numbers) after `afterId`, in id order: the pages of a company-wide JSON report. */
  async linkedProjects(afterId: string | undefined, take: number) {
    const rows = await this.projects.list({ state: 'synced' }, afterId, take);
    const links = await this.projects.linksFor(rows.map((p) => p.id));
    const out: LinkedProject[] = [];
    for (const p of rows) {
      const key = links.get(p.id)?.spectrumKey;
      if (key) out.push({ id: p.id, name: p.name, jobNumber: key });
    }
    return { rows: out, last: rows.at(-1)?.id ?? null, full: rows.length === take };
  }

  /** The reconciliation of one project; 404 for an unknown project, 422 when it is not linked to a Spectrum job. */
  async forProject(projectId: string, client?: BridgeSpectrumClient): Promise<JobReconciliation> {
    const project = await this.projects.findBasics(projectId);
    if (!project) throw notFound('Project', projectId);
    const link = await this.projects.linkFor(projectId);
    if (!link?.spectrumKey || link.state !== 'synced')
      throw unprocessable(
        'The project is not linked to a Spectrum job, so there is nothing to reconcile it with.',
        [
          {
            code: 'job-not-linked',
            rule: 'REC-1',
            message: 'Export the project to Spectrum or import it from a Spectrum job first.',
          },
        ],
      );
    return this.job(
      { id: projectId, name: project.name, jobNumber: link.spectrumKey },
      client ?? (await this.client()),
    );
  }

  /** One project against its job, read from Spectrum now, narrowed to the job. */
  async job(project: LinkedProject, client: BridgeSpectrumClient): Promise<JobReconciliation> {
    const [pm, spectrum] = await Promise.all([
      this.pm.forProjects([project]),
      readSpectrumJob(project.jobNumber, client).catch((e: unknown) => {
        throw spectrumUnavailable(e);
      }),
    ]);
    return reconcileJob(project, pm.get(project.id) as PmSide, spectrum);
  }

  /**
   * Every linked project, one job at a time in job-number order (code-unit order; projects of one job by id): each
   * Spectrum table is read once from start to end in job order and merged with the PM side read in pages of
   * projects in the same order, so memory holds a page of projects, one job's Spectrum rows and the streams' read
   * ahead, never the company. A Spectrum job no project is linked to is passed over; a project whose job Spectrum
   * does not have is reconciled against nothing (every row only in PM). Stops with a `CompanyWideFailure` naming
   * the job when Spectrum cannot be read.
   */
  async *companyWide(client: BridgeSpectrumClient): AsyncGenerator<JobReconciliation> {
    const streams = new CompanySpectrumStreams(client);
    const page = async (after: LinkedProject | undefined) => {
      const projects = await this.projects.linkedInJobOrder(
        after && { jobNumber: after.jobNumber, id: after.id },
        PROJECTS_PER_PAGE,
      );
      return { projects, sides: await this.pm.forProjects(projects) };
    };
    let current = null as { job: string; side: SpectrumSide } | null;
    try {
      let next = page(undefined);
      for (;;) {
        const { projects, sides } = await next;
        const last = projects.at(-1);
        if (!last) break;
        const full = projects.length === PROJECTS_PER_PAGE;
        // the next page of the PM side is read while this one is reconciled
        if (full) {
          next = page(last);
          next.catch(() => {});
        }
        for (const p of projects) {
          const job = p.jobNumber.trim();
          if (current?.job !== job) {
            try {
              current = { job, side: await streams.take(job) };
            } catch (e) {
              throw new CompanyWideFailure(p.jobNumber, p.name, spectrumUnavailable(e));
            }
          }
          yield reconcileJob(p, sides.get(p.id) as PmSide, current.side);
        }
        if (!full) break;
      }
    } finally {
      await streams.close();
    }
  }
}

function spectrumUnavailable(e: unknown): ProblemError {
  if (e instanceof ProblemError) return e;
  const message =
    e instanceof JobOrderError
      ? `Spectrum could not be read in job order: ${e.message}`
      : `Spectrum could not be read: ${describeError(e)}`;
  return new ProblemError(502, 'spectrum-unavailable', message, [
    { rule: 'REC-1', code: 'spectrum-unavailable', message },
  ]);
}
