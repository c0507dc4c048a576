import {
  checkCommitmentChangeOrderDelete,
  checkPrimeContractChangeOrderExport,
  type IntegrationFacts,
  type IsoDateTime,
  type PrimeContract,
  type Project,
  type SpectrumPreflightFacts,
  stripPhaseDashes,
  sumCents,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { syncFields } from '../links/item-view.js';
import { linkState } from '../links/link-state.js';
import type { LinkView } from '../links/links.repository.js';
import { type Page, toPage } from '../platform/http/pagination.js';
import { conflict, notFound } from '../platform/http/problem.js';
import { CLOCK, type Clock } from '../platform/tokens.js';
import { sideBySide, TransactionHost, type TxHost } from '../platform/transactions.js';
import { deleteChangeOrder } from '../projects/delete-change-order.js';
import {
  assertCheck,
  changedFields,
  changeOrderEditCheck,
  conflictOnUnique,
  definedOnly,
} from '../projects/pm-edits.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { IntegrationFactsService } from '../settings/integration-facts.service.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import {
  type PccoFields,
  type PccoLineRecord,
  type PccoRecord,
  type PrimeContractRecord,
  pccoToDomain,
  primeContractToDomain,
} from './prime-contract-records.js';
import { PrimeContractsRepository } from './prime-contracts.repository.js';

export interface PccoLineInput {
  billingItemCode: string;
  description?: string | null | undefined;
  amountCents: number;
  costCode?: string | null | undefined;
  costType?: string | null | undefined;
  costAmountCents?: number | null | undefined;
}

export type PccoCreateInput = Pick<PccoFields, 'number' | 'title'> & {
  description?: string | null | undefined;
  status?: PccoFields['status'] | undefined;
  unitPrice?: boolean | undefined;
  approvedDate?: string | null | undefined;
  lines: PccoLineInput[];
};

export type PccoUpdateInput = { [K in keyof PccoFields]?: PccoFields[K] | undefined } & {
  lines?: PccoLineInput[] | undefined;
};

const pccoLines = (lines: readonly PccoLineInput[]): PccoLineRecord[] =>
  lines.map((l) => ({
    billingItemCode: l.billingItemCode,
    description: l.description ?? null,
    amountCents: l.amountCents,
    costCode: l.costCode ? stripPhaseDashes(l.costCode.trim()).toUpperCase() : null,
    costType: l.costType ? l.costType.trim().toUpperCase() : null,
    costAmountCents: l.costAmountCents ?? null,
  }));

/** A synced PCCO keeps its status and lines as Spectrum's change request has them (PCCO-2). */
const pccoSyncedReadOnly = {
  readOnly: ['status', 'lines', 'unitPrice'],
  rule: 'PCCO-2',
  message: (f: string) =>
    `The change order is synced with a Spectrum change request; its ${f} can no longer be changed.`,
};

interface ContractContext {
  contract: PrimeContract;
  project: Pick<Project, 'tools'>;
  facts: { integrationConnected: boolean; spectrumContractChangedAt: IsoDateTime | null };
  /** PRE-1: the contract's billing items and its job's phases as last synced. */
  spectrum: SpectrumPreflightFacts;
}

/**
 * Prime contracts (PC-2: read-only here, they come from the import) and prime contract change orders (PCCO-1,
 * PCCO-2, LIM-7: a unit-price PCCO may be recorded but is refused at send).
 */
@Injectable()
export class PrimeContractsService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(PrimeContractsRepository) private readonly repo: PrimeContractsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SpectrumPreflightFactsService) private readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  private async context(
    r: PrimeContractRecord,
    link: LinkView | null | undefined,
    facts: IntegrationFacts,
  ): Promise<ContractContext> {
    // side by side outside a transaction, one after the other inside one
    const [project, spectrumContractChangedAt, spectrum] = await sideBySide(
      () => this.projects.findById(r.projectId),
      () => this.repo.spectrumChangedAt(r),
      () =>
        this.spectrum.stored({
          jobNumber: r.jobNumber,
          contract: { jobNumber: r.jobNumber, customerCode: r.customerCode },
          customer: { code: r.customerCode },
        }),
    );
    return {
      contract: primeContractToDomain(r, link),
      project: {
        tools: {
          budget: project?.budgetToolEnabled ?? false,
          primeContracts: project?.primeContractsToolEnabled ?? false,
        },
      },
      facts: { integrationConnected: facts.connectedAt !== null, spectrumContractChangedAt },
      spectrum,
    };
  }

  private pccoView(r: PccoRecord, link: LinkView | null | undefined, ctx: ContractContext) {
    const pcco = pccoToDomain(r, link);
    const { createdAt, updatedAt, ...fields } = r;
    return {
      ...fields,
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
      totalCents: sumCents(r.lines.map((l) => l.amountCents)),
      ...syncFields('prime_contract_change_order', link, {
        sendToErp: checkPrimeContractChangeOrderExport(
          pcco,
          ctx.contract,
          ctx.project,
          ctx.facts,
          ctx.spectrum,
        ),
        deletePrimeContractChangeOrder: checkCommitmentChangeOrderDelete(pcco),
      }),
    };
  }

  private async views(records: PrimeContractRecord[], withChangeOrders: boolean, facts: IntegrationFacts) {
    const ids = records.map((r) => r.id);
    const links = await this.repo.linksFor(ids);
    const pccos = await this.repo.changeOrdersOf(ids);
    const pccoLinks = await this.repo.changeOrderLinksFor(pccos.map((p) => p.id));
    const out = [];
    for (const r of records) {
      const link = links.get(r.id);
      const own = pccos.filter((p) => p.primeContractId === r.id);
      const sumOf = (status: string) =>
        sumCents(own.filter((p) => p.status === status).flatMap((p) => p.lines.map((l) => l.amountCents)));
      const approved = sumOf('approved');
      const ctx = withChangeOrders ? await this.context(r, link, facts) : null;
      const { createdAt, updatedAt, lastImportedAt, ...fields } = r;
      out.push({
        ...fields,
        lastImportedAt: lastImportedAt?.toISOString() ?? null,
        createdAt: createdAt.toISOString(),
        updatedAt: updatedAt.toISOString(),
        totals: {
          originalContractCents: r.originalContractCents,
          approvedChangeOrdersCents: approved,
          pendingChangeOrdersCents: sumOf('pending'),
          revisedContractCents: r.originalContractCents + approved,
        },
        changeOrderCount: own.length,
        ...(ctx ? { changeOrders: own.map((p) => this.pccoView(p, pccoLinks.get(p.id), ctx)) } : {}),
        ...syncFields('prime_contract', link),
      });
    }
    return out;
  }

  async list(
    filter: { projectId?: string },
    afterId: string | undefined,
    limit: number,
  ): Promise<Page<unknown>> {
    const rows = await this.repo.list(filter, afterId, limit + 1);
    const page = toPage(rows, limit, (r) => r);
    return {
      items: await this.views(page.items, false, await this.facts.get()),
      nextCursor: page.nextCursor,
    };
  }

  async get(id: string) {
    const [r, facts] = await Promise.all([this.repo.findById(id), this.facts.get()]);
    if (!r) throw notFound('Prime contract', id);
    const [v] = await this.views([r], true, facts);
    return v;
  }

  private async pccoViewOf(r: PccoRecord, facts: IntegrationFacts) {
    const [contract, links, ccoLinks] = await sideBySide(
      () => this.repo.findById(r.primeContractId),
      () => this.repo.linksFor([r.primeContractId]),
      () => this.repo.changeOrderLinksFor([r.id]),
    );
    if (!contract) throw notFound('Prime contract', r.primeContractId);
    const ctx = await this.context(contract, links.get(contract.id), facts);
    return this.pccoView(r, ccoLinks.get(r.id), ctx);
  }

  async getChangeOrder(id: string) {
    const [r, facts] = await Promise.all([this.repo.findChangeOrder(id), this.facts.get()]);
    if (!r) throw notFound('Prime contract change order', id);
    return this.pccoViewOf(r, facts);
  }

  private numberTaken(number: string) {
    return conflict(
      'change-order-number-taken',
      `The prime contract already has a change order numbered ${number}.`,
      'number',
    );
  }

  /** LIM-7: a unit-price PCCO may be recorded; sending it is refused (see blockedBy). */
  async createChangeOrder(actor: AuthUser, primeContractId: string, input: PccoCreateInput) {
    const facts = await this.facts.get();
    return this.txHost
      .withTransaction(async () => {
        if (!(await this.repo.findById(primeContractId))) throw notFound('Prime contract', primeContractId);
        const r = await this.repo.createChangeOrder(
          primeContractId,
          {
            number: input.number,
            title: input.title,
            description: input.description ?? null,
            status: input.status ?? 'draft',
            unitPrice: input.unitPrice ?? false,
            approvedDate: input.approvedDate ?? null,
            createdById: actor.id,
            createdAt: this.clock.now(),
          },
          pccoLines(input.lines),
        );
        await this.audit.record({
          actorId: actor.id,
          action: 'prime_contract_change_order.create',
          itemType: 'prime_contract_change_order',
          itemId: r.id,
          after: input,
        });
        return this.pccoViewOf(r, facts);
      })
      .catch(conflictOnUnique(() => this.numberTaken(input.number)));
  }

  /** APP-1: read-only while in the export queue; PCCO-2: status and lines stay as sent once synced. */
  async updateChangeOrder(actor: AuthUser, id: string, input: PccoUpdateInput) {
    const facts = await this.facts.get();
    const { lines, ...header } = input;
    const patch = definedOnly(header) as Partial<PccoFields>;
    return this.txHost
      .withTransaction(async () => {
        await this.repo.lockChangeOrder(id);
        const before = await this.repo.findChangeOrder(id);
        if (!before) throw notFound('Prime contract change order', id);
        const newLines = lines ? pccoLines(lines) : undefined;
        const changed: string[] = changedFields(before, patch);
        if (newLines && JSON.stringify(newLines) !== JSON.stringify(before.lines)) changed.push('lines');
        const link = (await this.repo.changeOrderLinksFor([id])).get(id);
        assertCheck(
          changeOrderEditCheck(linkState(link), changed, pccoSyncedReadOnly),
          'The change order cannot be changed.',
        );
        const after = await this.repo.updateChangeOrder(id, patch, newLines);
        await this.audit.record({
          actorId: actor.id,
          action: 'prime_contract_change_order.update',
          itemType: 'prime_contract_change_order',
          itemId: id,
          before,
          after,
        });
        return this.pccoViewOf(after, facts);
      })
      .catch(conflictOnUnique(() => this.numberTaken(String(patch.number))));
  }

  /** As for commitment change orders (CCO-3): not when approved, linked or in the export queue. Permanent. */
  async deleteChangeOrder(actor: AuthUser, id: string): Promise<void> {
    await deleteChangeOrder(this.txHost, this.repo, this.audit, {
      actor,
      id,
      label: 'Prime contract change order',
      itemType: 'prime_contract_change_order',
      toDomain: pccoToDomain,
    });
  }
}
