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
import { LinksRepository } from '../links/links.repository.js';
import { notFound, ProblemError, unprocessable } from '../platform/http/problem.js';
import { CLOCK, type Clock, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { PrimeContractsRepository } from '../prime-contracts/prime-contracts.repository.js';
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
  /** Per prime contract (customer) and billing item (customer/item): the PM contract against Spectrum's contract. */
  primeContracts: Section;
  /**
   * Per change request (customer/number): the PM change orders and budget changes exported to it against Spectrum's
   * change request, cost and revenue.
   */
  changeRequests: Section;
}

const PAGE_OF_COMMITMENTS = 200;
/** Commitments in these states are not (or no longer) expected in Spectrum. */
const NOT_IN_SPECTRUM = new Set(['draft', 'void']);
/** Change orders in these states are not sent to Spectrum. */
const NOT_SENT = new Set(['draft', 'rejected', 'void']);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

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
    @Inject(PrimeContractsRepository) private readonly primeContracts: PrimeContractsRepository,
    @Inject(LinksRepository) private readonly links: LinksRepository,
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
      this.pmSide(project.id, project.jobNumber),
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
    const primeContracts = section(
      reconcileRows(pm.primeContracts, spectrum.contracts, ['originalContractCents']),
      'originalContractCents',
    );
    const changeRequests = section(
      reconcileRows(pm.changeRequests, spectrum.changeRequests, ['costCents', 'revenueCents']),
      'costCents',
    );
    const all = [budget, commitments, commitmentLines, primeContracts, changeRequests].flatMap((s) => s.rows);
    return {
      projectId: project.id,
      projectName: project.name,
      jobNumber: project.jobNumber,
      status: all.every((r) => r.status === 'matched') ? 'matched' : 'different',
      budget,
      commitments,
      commitmentLines,
      primeContracts,
      changeRequests,
    };
  }

  private async pmSide(projectId: string, jobNumber: string) {
    const budget = new Map<string, number>();
    const record = await this.budgets.findOfProject(projectId);
    for (const l of record?.lines ?? []) addTo(budget, lineKey(l.costCode, l.costType), l.amountCents);

    const commitments = new Map<string, Fields>();
    const commitmentLines = new Map<string, Fields>();
    const committedByLine = new Map<string, number>();
    const commitmentIds: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.commitments.list({ projectId }, after, PAGE_OF_COMMITMENTS);
      commitmentIds.push(...page.map((c) => c.id));
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
    // a contract row per customer, and one per billing item under it
    const primeContracts = new Map<string, Fields>();
    const contracts = await this.primeContracts.list({ projectId }, undefined, 50);
    for (const c of contracts) {
      primeContracts.set(c.customerCode, { originalContractCents: c.originalContractCents, title: c.title });
      for (const l of c.lines)
        primeContracts.set(`${c.customerCode}/${l.billingItem}`, { originalContractCents: l.amountCents });
    }
    const changeRequests = await this.pmChangeRequests(
      projectId,
      jobNumber,
      commitmentIds,
      contracts.map((c) => c.id),
    );
    return { budget, commitments, commitmentLines, committedByLine, primeContracts, changeRequests };
  }

  /**
   * The PM side of the job's change requests: commitment change orders (cost), prime contract change orders (revenue,
   * and cost where a line has one) and budget changes (cost), keyed by the change request their export wrote
   * (`customer/number`); one not exported yet is `(not exported) <what> <number>`.
   */
  private async pmChangeRequests(
    projectId: string,
    jobNumber: string,
    commitmentIds: readonly string[],
    contractIds: readonly string[],
  ): Promise<Map<string, Fields>> {
    const out = new Map<string, Fields>();
    const prefix = `${jobNumber}/`;
    const put = (
      link: { spectrumKey: string | null } | undefined,
      what: string,
      number: string,
      costCents: number,
      revenueCents: number,
    ) => {
      const exported = link?.spectrumKey?.startsWith(prefix) ? link.spectrumKey.slice(prefix.length) : null;
      const key = exported ?? `(not exported) ${what} ${number}`;
      const prev = out.get(key);
      out.set(key, {
        costCents: ((prev?.costCents as number | undefined) ?? 0) + costCents,
        revenueCents: ((prev?.revenueCents as number | undefined) ?? 0) + revenueCents,
        from: prev ? `${prev.from}, ${what} ${number}` : `${what} ${number}`,
      });
    };
    const ccos = (await this.commitments.changeOrdersOf(commitmentIds)).filter(
      (c) => !NOT_SENT.has(c.status),
    );
    const ccoLinks = await this.links.forItems(
      'commitment_change_order',
      ccos.map((c) => c.id),
    );
    for (const c of ccos)
      put(ccoLinks.get(c.id), 'commitment change order', c.number, sum(c.lines.map((l) => l.amountCents)), 0);
    const pccos = (await this.primeContracts.changeOrdersOf(contractIds)).filter(
      (c) => !NOT_SENT.has(c.status),
    );
    const pccoLinks = await this.links.forItems(
      'prime_contract_change_order',
      pccos.map((c) => c.id),
    );
    for (const c of pccos)
      put(
        pccoLinks.get(c.id),
        'prime contract change order',
        c.number,
        sum(c.lines.map((l) => l.costAmountCents ?? 0)),
        sum(c.lines.map((l) => l.amountCents)),
      );
    let after: string | undefined;
    for (;;) {
      const page = await this.budgets.listChanges(projectId, after, PAGE_OF_COMMITMENTS);
      const links = await this.budgets.changeLinksFor(page.map((c) => c.id));
      for (const c of page)
        put(links.get(c.id), 'budget change', c.number, sum(c.lines.map((l) => l.amountCents)), 0);
      if (page.length < PAGE_OF_COMMITMENTS) break;
      after = page.at(-1)?.id;
    }
    return out;
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
      const contracts = new Map<string, Fields>();
      for await (const c of client.infoLink.listContracts({ jobNumber }))
        contracts.set(c.customerCode, {
          originalContractCents: c.originalContractCents,
          title: c.contractDescription,
        });
      for await (const i of client.infoLink.listContractItems({ jobNumber }))
        contracts.set(`${i.customerCode}/${i.billingItem}`, {
          originalContractCents: i.originalContractCents,
        });
      const requests = new Map<string, { costCents: number; revenueCents: number; status: string }>();
      for await (const r of client.infoLink.listChangeRequests({ jobNumber }))
        requests.set(`${r.customerCode}/${r.changeRequestNumber}`, {
          costCents: 0,
          revenueCents: 0,
          status: r.status,
        });
      for await (const l of client.infoLink.listChangeRequestLines({ jobNumber })) {
        const r = requests.get(`${l.customerCode}/${l.changeRequestNumber}`);
        if (r) r.costCents += l.amountCents;
      }
      for await (const l of client.infoLink.listChangeRequestRevenueLines({ jobNumber })) {
        const r = requests.get(`${l.customerCode}/${l.changeRequestNumber}`);
        if (r) r.revenueCents += l.revenueCents;
      }
      const changeRequests = new Map<string, Fields>(requests);
      return { phases, subcontracts, subcontractLines, contracts, changeRequests };
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
