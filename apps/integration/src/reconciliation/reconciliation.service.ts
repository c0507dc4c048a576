import {
  addTo,
  type Fields,
  type ReconciledRow,
  reconcileRows,
  type SectionTotals,
  sectionTotals,
  stripPhaseDashes,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { BudgetsRepository } from '../budgets/budgets.repository.js';
import { CommitmentsRepository } from '../commitments/commitments.repository.js';
import { notFound, ProblemError, unprocessable } from '../platform/http/problem.js';
import { CLOCK, type Clock, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import type { BridgeSpectrumClient, SpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { ConnectionNotConfiguredError, describeError } from '../spectrum/spectrum-errors.js';

export interface Section {
  rows: ReconciledRow[];
  totals: SectionTotals;
}

/** One job: the PM project and the Spectrum job side by side, section by section (REC-1, REC-2). */
export interface JobReconciliation {
  projectId: string;
  projectName: string;
  jobNumber: string;
  /** matched when every row of every section matched. */
  status: 'matched' | 'different';
  /** Per cost code and cost type: the PM budget against Spectrum's current estimate, with committed and job-to-date cost. */
  budget: Section;
  /** Per subcontract (vendor/number): the PM commitment's total against the subcontract's amount. */
  commitments: Section;
  /** Per subcontract line (vendor/number/phase/cost type). */
  commitmentLines: Section;
}

const PAGE_OF_COMMITMENTS = 200;
/** Commitments in these states are not (or no longer) expected in Spectrum. */
const NOT_IN_SPECTRUM = new Set(['draft', 'void']);

const code = (phase: string) => stripPhaseDashes(phase.trim()).toUpperCase();
const lineKey = (phase: string, costType: string) => `${code(phase)}/${costType.trim().toUpperCase()}`;

/**
 * Reads one job's PM records and, from Spectrum, the job's phases (GetPhase: current estimate and job-to-date cost)
 * and its subcontracts with their lines (Info-Link), and reconciles them with `@bridge/rules`. Reads only: nothing is
 * written on either side.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(BudgetsRepository) private readonly budgets: BudgetsRepository,
    @Inject(CommitmentsRepository) private readonly commitments: CommitmentsRepository,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The Spectrum client, or a 422/502 problem in plain words when there is none to be had. */
  async client(): Promise<BridgeSpectrumClient> {
    try {
      return await this.clients.create();
    } catch (e) {
      if (e instanceof ConnectionNotConfiguredError)
        throw new ProblemError(422, 'connection-not-configured', e.message, [
          { rule: 'GEN-2', code: 'connection-not-configured', message: e.message },
        ]);
      throw spectrumUnavailable(e);
    }
  }

  /** Linked projects (their job numbers) after `afterId`, in id order: the pages of a company-wide report. */
  async linkedProjects(afterId: string | undefined, take: number) {
    const rows = await this.projects.list({ state: 'synced' }, afterId, take);
    const links = await this.projects.linksFor(rows.map((p) => p.id));
    const out: { id: string; name: string; jobNumber: string }[] = [];
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

  async job(
    project: { id: string; name: string; jobNumber: string },
    client: BridgeSpectrumClient,
  ): Promise<JobReconciliation> {
    const [pm, spectrum] = await Promise.all([
      this.pmSide(project.id),
      this.spectrumSide(project.jobNumber, client),
    ]);

    // budget: the PM budget against the current estimate; committed (PM) and job-to-date cost (Spectrum) shown beside
    const budgetPm = new Map<string, Fields>();
    for (const [key, cents] of pm.budget)
      budgetPm.set(key, { estimateCents: cents, committedCents: pm.committedByLine.get(key) ?? 0 });
    const budgetSpectrum = new Map<string, Fields>();
    for (const [key, phase] of spectrum.phases) {
      // a phase with no estimate and no cost is the job's structure, not a budget line (unless the PM budget has it)
      if (!budgetPm.has(key) && phase.estimateCents === 0 && phase.jobToDateCostCents === 0) continue;
      budgetSpectrum.set(key, phase);
    }
    const budget = section(reconcileRows(budgetPm, budgetSpectrum, ['estimateCents']), 'estimateCents');

    const commitments = section(
      reconcileRows(pm.commitments, spectrum.subcontracts, ['amountCents']),
      'amountCents',
    );
    const commitmentLines = section(
      reconcileRows(pm.commitmentLines, spectrum.subcontractLines, ['amountCents']),
      'amountCents',
    );
    const all = [budget, commitments, commitmentLines].flatMap((s) => s.rows);
    return {
      projectId: project.id,
      projectName: project.name,
      jobNumber: project.jobNumber,
      status: all.every((r) => r.status === 'matched') ? 'matched' : 'different',
      budget,
      commitments,
      commitmentLines,
    };
  }

  private async pmSide(projectId: string) {
    const budget = new Map<string, number>();
    const record = await this.budgets.findOfProject(projectId);
    for (const l of record?.lines ?? []) addTo(budget, lineKey(l.costCode, l.costType), l.amountCents);

    const commitments = new Map<string, Fields>();
    const commitmentLines = new Map<string, Fields>();
    const committedByLine = new Map<string, number>();
    let after: string | undefined;
    for (;;) {
      const page = await this.commitments.list({ projectId }, after, PAGE_OF_COMMITMENTS);
      const links = await this.commitments.linksFor(page.map((c) => c.id));
      for (const c of page) {
        if (NOT_IN_SPECTRUM.has(c.status)) continue;
        for (const l of c.lines) addTo(committedByLine, lineKey(l.costCode, l.costType), l.amountCents);
        const link = links.get(c.id);
        // a commitment never exported is keyed by its PM number: it can only be "only in PM"
        const key = link?.spectrumKey ?? `(not exported) ${c.number}`;
        const total = c.lines.reduce((s, l) => s + l.amountCents, 0);
        commitments.set(key, { amountCents: total, number: c.number, title: c.title });
        const sums = new Map<string, number>();
        for (const l of c.lines) addTo(sums, `${key}/${lineKey(l.costCode, l.costType)}`, l.amountCents);
        for (const [k, cents] of sums) commitmentLines.set(k, { amountCents: cents });
      }
      if (page.length < PAGE_OF_COMMITMENTS) break;
      after = page.at(-1)?.id;
    }
    return { budget, commitments, commitmentLines, committedByLine };
  }

  private async spectrumSide(jobNumber: string, client: BridgeSpectrumClient) {
    try {
      const phases = new Map<string, { estimateCents: number; jobToDateCostCents: number }>();
      for await (const p of client.getPhases({ jobNumber })) {
        const key = lineKey(p.phaseCode, p.costType);
        const prev = phases.get(key);
        phases.set(key, {
          estimateCents: (prev?.estimateCents ?? 0) + p.currentEstimateCents,
          jobToDateCostCents: (prev?.jobToDateCostCents ?? 0) + p.jtdActualCents,
        });
      }
      const subcontracts = new Map<string, Fields>();
      for await (const s of client.infoLink.listSubcontracts({ jobNumber })) {
        subcontracts.set(`${s.vendorCode}/${s.subcontractNumber}`, {
          amountCents: s.originalAmountCents,
          status: s.statusCode,
        });
      }
      const lineSums = new Map<string, number>();
      for await (const l of client.infoLink.listSubcontractLines({ jobNumber })) {
        addTo(
          lineSums,
          `${l.vendorCode}/${l.subcontractNumber}/${lineKey(l.phaseCode, l.costType)}`,
          l.originalContractCents,
        );
      }
      const subcontractLines = new Map<string, Fields>();
      for (const [k, cents] of lineSums) subcontractLines.set(k, { amountCents: cents });
      return { phases, subcontracts, subcontractLines };
    } catch (e) {
      throw spectrumUnavailable(e);
    }
  }
}

function section(rows: ReconciledRow[], amountField: string): Section {
  return { rows, totals: sectionTotals(rows, amountField) };
}

function spectrumUnavailable(e: unknown): ProblemError {
  const message = `Spectrum could not be read: ${describeError(e)}`;
  return new ProblemError(502, 'spectrum-unavailable', message, [
    { rule: 'REC-1', code: 'spectrum-unavailable', message },
  ]);
}
