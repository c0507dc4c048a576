import {
  allOf,
  type Check,
  type Commitment,
  type CommitmentChangeOrder,
  type CommitmentSpectrumFacts,
  checkCommitmentChangeOrderDelete,
  checkCommitmentDelete,
  checkCommitmentEdit,
  checkCommitmentExport,
  sumCents,
  withFieldPrefix,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CompaniesRepository } from '../companies/companies.repository.js';
import { CostCodesRepository } from '../cost-codes/cost-codes.repository.js';
import { syncFields } from '../links/item-view.js';
import { activeSpectrumKey } from '../links/link-state.js';
import { type Page, toPage } from '../platform/http/pagination.js';
import { badRequest, conflict, notFound } from '../platform/http/problem.js';
import { CLOCK, type Clock } from '../platform/tokens.js';
import { TransactionHost, type TxHost } from '../platform/transactions.js';
import { assertCheck, changedFields, conflictOnUnique, definedOnly } from '../projects/pm-edits.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { IntegrationFactsService } from '../settings/integration-facts.service.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import { changeOrderView } from './change-order-view.js';
import {
  type CommitmentCreateInput,
  type CommitmentUpdateInput,
  sameLines,
  sov,
} from './commitment-inputs.js';
import {
  type CommitmentFields,
  type CommitmentListFilter,
  type CommitmentRecord,
  CommitmentsRepository,
  changeOrderToDomain,
  commitmentToDomain,
} from './commitments.repository.js';

/** What deleting a commitment removes for good: the commitment and each of its change orders (COM-5, CCO-3). */
function deleteCheck(c: Commitment, ccos: readonly CommitmentChangeOrder[]): Check {
  return allOf(
    checkCommitmentDelete(c),
    ...ccos.map((cco, i) => withFieldPrefix(checkCommitmentChangeOrderDelete(cco), `changeOrders[${i}]`)),
  );
}

/** Commitments (COM-1, COM-4, COM-5, APP-1, VEN-4); their change orders are `CommitmentChangeOrdersService`'s. */
@Injectable()
export class CommitmentsService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(CommitmentsRepository) private readonly repo: CommitmentsRepository,
    @Inject(CompaniesRepository) private readonly companies: CompaniesRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(CostCodesRepository) private readonly costCodes: CostCodesRepository,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SpectrumPreflightFactsService) private readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  /** The id of the Spectrum Standard Cost Codes list (read before any transaction opens). */
  private async spectrumListId(): Promise<string | null> {
    return (await this.facts.get()).standardCostCodeListId;
  }

  /** The API view of commitments with their API-4 fields, loading what the checks need in a few queries. */
  private async views(records: CommitmentRecord[], withChangeOrders: boolean, listId: string | null) {
    const ids = records.map((r) => r.id);
    // what does not depend on another read is read side by side (outside a transaction, each on its connection)
    const [links, companies, codes, ccos, projectLinks] = await Promise.all([
      this.repo.linksFor(ids),
      this.companies.loadDomains(records.map((r) => r.companyId)),
      this.costCodes.codesOfList(listId),
      this.repo.changeOrdersOf(ids),
      // PRE-1: the projects' Spectrum jobs and what the last sync saw of them and of the vendors
      this.projects.linksFor(records.map((r) => r.projectId)),
    ]);
    const jobOf = (projectId: string) => activeSpectrumKey(projectLinks.get(projectId));
    const [ccoLinks, phases, vendorStatuses] = await Promise.all([
      this.repo.changeOrderLinksFor(ccos.map((c) => c.id)),
      this.spectrum.storedJobPhases(records.map((r) => jobOf(r.projectId))),
      this.spectrum.storedVendorStatuses([...companies.values()].map((x) => x.vendorCode)),
    ]);
    // PRE-4: the contract each shown change order's change request would be written on
    const crContracts = new Map<string, CommitmentSpectrumFacts['changeRequestContract']>();
    if (withChangeOrders)
      for (const r of records.filter((x) => ccos.some((cco) => cco.commitmentId === x.id)))
        crContracts.set(
          r.id,
          await this.spectrum.storedChangeRequestContract({
            jobNumber: jobOf(r.projectId),
            customerCode: await this.projects.primeContractCustomer(r.projectId),
          }),
        );
    return records.map((r) => {
      const link = links.get(r.id);
      const c = commitmentToDomain(r, link);
      const company = companies.get(r.companyId) ?? { name: r.companyId, vendorCode: null };
      const jobNumber = jobOf(r.projectId);
      const spectrum: CommitmentSpectrumFacts = {
        jobNumber,
        jobPhases: jobNumber ? (phases.get(jobNumber) ?? null) : null,
        vendorStatus: company.vendorCode ? (vendorStatuses.get(company.vendorCode) ?? null) : null,
      };
      const own = ccos.filter((x) => x.commitmentId === r.id);
      const { createdAt, updatedAt, ...fields } = r;
      return {
        ...fields,
        companyName: company.name,
        createdAt: createdAt.toISOString(),
        updatedAt: updatedAt.toISOString(),
        totalCents: sumCents(r.lines.map((l) => l.amountCents)),
        changeOrderCount: own.length,
        ...(withChangeOrders
          ? {
              changeOrders: own.map((x) =>
                changeOrderView(x, ccoLinks.get(x.id), c, company, codes, {
                  ...spectrum,
                  changeRequestContract: crContracts.get(r.id) ?? null,
                }),
              ),
            }
          : {}),
        ...syncFields('commitment', link, {
          sendToErp: checkCommitmentExport(c, company, codes, spectrum),
          deleteCommitment: deleteCheck(
            c,
            own.map((x) => changeOrderToDomain(x, ccoLinks.get(x.id))),
          ),
        }),
      };
    });
  }

  private async view(r: CommitmentRecord, listId: string | null) {
    const [v] = await this.views([r], true, listId);
    return v;
  }

  async list(
    filter: CommitmentListFilter,
    afterId: string | undefined,
    limit: number,
  ): Promise<Page<unknown>> {
    const [rows, listId] = await Promise.all([
      this.repo.list(filter, afterId, limit + 1),
      this.spectrumListId(),
    ]);
    const page = toPage(rows, limit, (r) => r);
    const items = await this.views(page.items, false, listId);
    return { items, nextCursor: page.nextCursor };
  }

  async get(id: string) {
    const [r, listId] = await Promise.all([this.repo.findById(id), this.spectrumListId()]);
    if (!r) throw notFound('Commitment', id);
    return this.view(r, listId);
  }

  private async assertCompany(companyId: string): Promise<void> {
    if (!(await this.companies.findById(companyId))) {
      throw badRequest([
        { field: 'companyId', code: 'unknown-company', message: `Company ${companyId} does not exist.` },
      ]);
    }
  }

  private numberTaken(number: string) {
    return conflict(
      'commitment-number-taken',
      `The project already has a commitment numbered ${number}.`,
      'number',
    );
  }

  async create(actor: AuthUser, input: CommitmentCreateInput) {
    const listId = await this.spectrumListId();
    return this.txHost
      .withTransaction(async () => {
        if (!(await this.projects.exists(input.projectId))) {
          throw badRequest([
            {
              field: 'projectId',
              code: 'unknown-project',
              message: `Project ${input.projectId} does not exist.`,
            },
          ]);
        }
        await this.assertCompany(input.companyId);
        const r = await this.repo.create(
          {
            projectId: input.projectId,
            companyId: input.companyId,
            kind: input.kind,
            number: input.number,
            title: input.title,
            description: input.description ?? null,
            status: input.status ?? 'draft',
            contractDate: input.contractDate ?? null,
            createdById: actor.id,
            createdAt: this.clock.now(),
          },
          sov(input.lines, true),
        );
        await this.audit.record({
          actorId: actor.id,
          action: 'commitment.create',
          itemType: 'commitment',
          itemId: r.id,
          after: input,
        });
        return this.view(r, listId);
      })
      .catch(conflictOnUnique(() => this.numberTaken(input.number)));
  }

  /** COM-4: company, status and SOV are read-only once synced; APP-1: all of it while in the export queue. */
  async update(actor: AuthUser, id: string, input: CommitmentUpdateInput) {
    const { lines, ...header } = input;
    const patch = definedOnly(header) as Partial<CommitmentFields>;
    const listId = await this.spectrumListId();
    return this.txHost
      .withTransaction(async () => {
        await this.repo.lock(id);
        const before = await this.repo.findById(id);
        if (!before) throw notFound('Commitment', id);
        const newLines = lines ? sov(lines, true) : undefined;
        const changed: string[] = changedFields(before, patch);
        if (newLines && !sameLines(before.lines, newLines)) changed.push('lines');
        const link = await this.repo.linkFor(id);
        assertCheck(
          checkCommitmentEdit(commitmentToDomain(before, link), changed),
          'The commitment cannot be changed.',
        );
        if (patch.companyId !== undefined && patch.companyId !== before.companyId)
          await this.assertCompany(patch.companyId);
        const after = await this.repo.update(id, patch, newLines);
        await this.audit.record({
          actorId: actor.id,
          action: 'commitment.update',
          itemType: 'commitment',
          itemId: id,
          before: { ...before, lines: before.lines },
          after: { ...after, lines: after.lines },
        });
        return this.view(after, listId);
      })
      .catch(conflictOnUnique(() => this.numberTaken(String(patch.number))));
  }

  /** COM-5: a linked commitment must be unlinked first; CCO-3 for each change order it takes along. Permanent. */
  async delete(actor: AuthUser, id: string): Promise<void> {
    await this.txHost.withTransaction(async () => {
      await this.repo.lock(id);
      const before = await this.repo.findById(id);
      if (!before) throw notFound('Commitment', id);
      const link = await this.repo.linkFor(id);
      const ccos = await this.repo.changeOrdersOf([id]);
      const ccoLinks = await this.repo.changeOrderLinksFor(ccos.map((c) => c.id));
      assertCheck(
        deleteCheck(
          commitmentToDomain(before, link),
          ccos.map((c) => changeOrderToDomain(c, ccoLinks.get(c.id))),
        ),
        'The commitment cannot be deleted.',
      );
      await this.repo.delete(id);
      await this.audit.record({
        actorId: actor.id,
        action: 'commitment.delete',
        itemType: 'commitment',
        itemId: id,
        before: { ...before, changeOrders: ccos },
      });
    });
  }
}
