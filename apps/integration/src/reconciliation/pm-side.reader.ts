import { addTo, type Fields } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { BudgetsRepository } from '../budgets/budgets.repository.js';
import { CommitmentsRepository } from '../commitments/commitments.repository.js';
import { LinksRepository } from '../links/links.repository.js';
import { PrimeContractsRepository } from '../prime-contracts/prime-contracts.repository.js';
import { type LinkedProject, lineKey, type PmSide } from './job-reconciliation.js';

/** Commitments in these states are not (or no longer) expected in Spectrum. */
const NOT_IN_SPECTRUM = new Set(['draft', 'void']);
/** Change orders in these states are not sent to Spectrum. */
const NOT_SENT = new Set(['draft', 'rejected', 'void']);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

type ProjectRef = Pick<LinkedProject, 'id' | 'jobNumber'>;

/**
 * The PM side of a reconciliation for a page of projects at once: a fixed number of statements per page (budget
 * lines, commitments, their change orders, prime contracts, their change orders, budget changes, and the links of
 * each), whatever the number of projects. One project is a page of one.
 */
@Injectable()
export class PmSideReader {
  constructor(
    @Inject(BudgetsRepository) private readonly budgets: BudgetsRepository,
    @Inject(CommitmentsRepository) private readonly commitments: CommitmentsRepository,
    @Inject(PrimeContractsRepository) private readonly primeContracts: PrimeContractsRepository,
    @Inject(LinksRepository) private readonly links: LinksRepository,
  ) {}

  async forProjects(projects: readonly ProjectRef[]): Promise<Map<string, PmSide>> {
    const sides = new Map<string, PmSide>();
    const jobOf = new Map<string, string>();
    for (const p of projects) {
      jobOf.set(p.id, p.jobNumber);
      sides.set(p.id, {
        budget: new Map(),
        committedByLine: new Map(),
        commitments: new Map(),
        commitmentLines: new Map(),
        primeContracts: new Map(),
        changeRequests: new Map(),
      });
    }
    const ids = [...sides.keys()];
    const side = (projectId: string) => sides.get(projectId) as PmSide;

    for (const l of await this.budgets.lineAmountsOfProjects(ids))
      addTo(side(l.projectId).budget, lineKey(l.costCode, l.costType), l.amountCents);

    const commitments = await this.commitments.ofProjects(ids);
    const commitmentLinks = await this.commitments.linksFor(commitments.map((c) => c.id));
    const projectOfCommitment = new Map<string, string>();
    for (const c of commitments) {
      projectOfCommitment.set(c.id, c.projectId);
      if (NOT_IN_SPECTRUM.has(c.status)) continue;
      const s = side(c.projectId);
      for (const l of c.lines) addTo(s.committedByLine, lineKey(l.costCode, l.costType), l.amountCents);
      // a commitment never exported is keyed by its PM number: it can only be "only in PM"
      const key = commitmentLinks.get(c.id)?.spectrumKey ?? `(not exported) ${c.number}`;
      const total = c.lines.reduce((t, l) => t + l.amountCents, 0);
      s.commitments.set(key, { amountCents: total, number: c.number, title: c.title });
      const sums = new Map<string, number>();
      for (const l of c.lines) addTo(sums, `${key}/${lineKey(l.costCode, l.costType)}`, l.amountCents);
      for (const [k, cents] of sums) s.commitmentLines.set(k, { amountCents: cents });
    }

    // a contract row per customer, and one per billing item under it
    const contracts = await this.primeContracts.ofProjects(ids);
    const projectOfContract = new Map<string, string>();
    for (const c of contracts) {
      projectOfContract.set(c.id, c.projectId);
      const s = side(c.projectId);
      s.primeContracts.set(c.customerCode, {
        originalContractCents: c.originalContractCents,
        title: c.title,
      });
      for (const l of c.lines)
        s.primeContracts.set(`${c.customerCode}/${l.billingItem}`, { originalContractCents: l.amountCents });
    }

    // change requests: commitment change orders (cost), prime contract change orders (revenue, and cost where a
    // line has one) and budget changes (cost), keyed by the change request their export wrote (`customer/number`);
    // one not exported yet is `(not exported) <what> <number>`
    const put = (
      projectId: string,
      link: { spectrumKey: string | null } | undefined,
      what: string,
      number: string,
      costCents: number,
      revenueCents: number,
    ) => {
      const out = side(projectId).changeRequests;
      const prefix = `${jobOf.get(projectId)}/`;
      const exported = link?.spectrumKey?.startsWith(prefix) ? link.spectrumKey.slice(prefix.length) : null;
      const key = exported ?? `(not exported) ${what} ${number}`;
      const prev = out.get(key) as Fields | undefined;
      out.set(key, {
        costCents: ((prev?.costCents as number | undefined) ?? 0) + costCents,
        revenueCents: ((prev?.revenueCents as number | undefined) ?? 0) + revenueCents,
        from: prev ? `${prev.from}, ${what} ${number}` : `${what} ${number}`,
      });
    };
    const ccos = (await this.commitments.changeOrdersOf(commitments.map((c) => c.id))).filter(
      (c) => !NOT_SENT.has(c.status),
    );
    const ccoLinks = await this.links.forItems(
      'commitment_change_order',
      ccos.map((c) => c.id),
    );
    for (const c of ccos)
      put(
        projectOfCommitment.get(c.commitmentId) as string,
        ccoLinks.get(c.id),
        'commitment change order',
        c.number,
        sum(c.lines.map((l) => l.amountCents)),
        0,
      );
    const pccos = (await this.primeContracts.changeOrdersOf(contracts.map((c) => c.id))).filter(
      (c) => !NOT_SENT.has(c.status),
    );
    const pccoLinks = await this.links.forItems(
      'prime_contract_change_order',
      pccos.map((c) => c.id),
    );
    for (const c of pccos)
      put(
        projectOfContract.get(c.primeContractId) as string,
        pccoLinks.get(c.id),
        'prime contract change order',
        c.number,
        sum(c.lines.map((l) => l.costAmountCents ?? 0)),
        sum(c.lines.map((l) => l.amountCents)),
      );
    const changes = await this.budgets.changesOfProjects(ids);
    const changeLinks = await this.budgets.changeLinksFor(changes.map((c) => c.id));
    for (const c of changes)
      put(
        c.projectId,
        changeLinks.get(c.id),
        'budget change',
        c.number,
        sum(c.lines.map((l) => l.amountCents)),
        0,
      );
    return sides;
  }
}
