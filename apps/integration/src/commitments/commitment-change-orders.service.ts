import { type CommitmentSpectrumFacts } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CompaniesRepository } from '../companies/companies.repository.js';
import { CostCodesRepository } from '../cost-codes/cost-codes.repository.js';
import { activeSpectrumKey, linkState } from '../links/link-state.js';
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
import { changeOrderView } from './change-order-view.js';
import {
  type ChangeOrderCreateInput,
  type ChangeOrderUpdateInput,
  sameLines,
  sov,
} from './commitment-inputs.js';
import {
  type ChangeOrderFields,
  CommitmentsRepository,
  changeOrderToDomain,
  commitmentToDomain,
} from './commitments.repository.js';

/** A synced change order keeps its status and schedule of values, as its commitment does (COM-4). */
const ccoSyncedReadOnly = {
  readOnly: ['status', 'lines'],
  rule: 'COM-4',
  message: (f: string) =>
    `The change order is synced with Spectrum; its ${f === 'lines' ? 'schedule of values' : f} can no longer be changed.`,
};

/** Commitment change orders (CCO-1, CCO-3; COM-4 once synced; APP-1 while queued). */
@Injectable()
export class CommitmentChangeOrdersService {
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

  /**
   * What a change order's checks need: its commitment with its link, the company, the project's job and its phases,
   * the contract its change request is written on (PRE-4) and the standard cost codes. Read in three rounds side by
   * side outside a transaction, one after the other inside one.
   */
  private async changeOrderContext(commitmentId: string, listId: string | null) {
    const [commitment, commitmentLink, codes] = await sideBySide(
      () => this.repo.findById(commitmentId),
      () => this.repo.linkFor(commitmentId),
      () => this.costCodes.codesOfList(listId),
    );
    if (!commitment) throw notFound('Commitment', commitmentId);
    const c = commitmentToDomain(commitment, commitmentLink);
    const [company, projectLink, customerCode] = await sideBySide(
      () => this.companies.loadDomain(commitment.companyId),
      () => this.projects.linkFor(commitment.projectId),
      () => this.projects.primeContractCustomer(commitment.projectId),
    );
    const jobNumber = activeSpectrumKey(projectLink);
    const [phases, changeRequestContract] = await sideBySide(
      () => this.spectrum.storedJobPhases([jobNumber]),
      // PRE-4: the contract the change request is written on
      () => this.spectrum.storedChangeRequestContract({ jobNumber, customerCode }),
    );
    const spectrum: CommitmentSpectrumFacts = {
      jobNumber,
      jobPhases: jobNumber ? (phases.get(jobNumber) ?? null) : null,
      changeRequestContract,
    };
    return { c, company: company ?? { name: commitment.companyId, vendorCode: null }, codes, spectrum };
  }

  async getChangeOrder(id: string) {
    const [r, listId] = await Promise.all([this.repo.findChangeOrder(id), this.spectrumListId()]);
    if (!r) throw notFound('Commitment change order', id);
    const [ctx, links] = await Promise.all([
      this.changeOrderContext(r.commitmentId, listId),
      this.repo.changeOrderLinksFor([r.id]),
    ]);
    return changeOrderView(r, links.get(r.id), ctx.c, ctx.company, ctx.codes, ctx.spectrum);
  }

  private ccoNumberTaken(number: string) {
    return conflict(
      'change-order-number-taken',
      `The commitment already has a change order numbered ${number}.`,
      'number',
    );
  }

  async createChangeOrder(actor: AuthUser, commitmentId: string, input: ChangeOrderCreateInput) {
    const listId = await this.spectrumListId();
    return this.txHost
      .withTransaction(async () => {
        const ctx = await this.changeOrderContext(commitmentId, listId);
        const r = await this.repo.createChangeOrder(
          commitmentId,
          {
            number: input.number,
            title: input.title,
            description: input.description ?? null,
            status: input.status ?? 'draft',
            date: input.date ?? null,
            createdById: actor.id,
            createdAt: this.clock.now(),
          },
          sov(input.lines, false),
        );
        await this.audit.record({
          actorId: actor.id,
          action: 'commitment_change_order.create',
          itemType: 'commitment_change_order',
          itemId: r.id,
          after: input,
        });
        return changeOrderView(r, null, ctx.c, ctx.company, ctx.codes, ctx.spectrum);
      })
      .catch(conflictOnUnique(() => this.ccoNumberTaken(input.number)));
  }

  /** APP-1: read-only while in the export queue; once synced its status and SOV stay as sent. */
  async updateChangeOrder(actor: AuthUser, id: string, input: ChangeOrderUpdateInput) {
    const { lines, ...header } = input;
    const patch = definedOnly(header) as Partial<ChangeOrderFields>;
    const listId = await this.spectrumListId();
    return this.txHost
      .withTransaction(async () => {
        await this.repo.lockChangeOrder(id);
        const before = await this.repo.findChangeOrder(id);
        if (!before) throw notFound('Commitment change order', id);
        const newLines = lines ? sov(lines, false) : undefined;
        const changed: string[] = changedFields(before, patch);
        if (newLines && !sameLines(before.lines, newLines)) changed.push('lines');
        const link = (await this.repo.changeOrderLinksFor([id])).get(id);
        assertCheck(
          changeOrderEditCheck(linkState(link), changed, ccoSyncedReadOnly),
          'The change order cannot be changed.',
        );
        const after = await this.repo.updateChangeOrder(id, patch, newLines);
        await this.audit.record({
          actorId: actor.id,
          action: 'commitment_change_order.update',
          itemType: 'commitment_change_order',
          itemId: id,
          before,
          after,
        });
        const ctx = await this.changeOrderContext(after.commitmentId, listId);
        return changeOrderView(after, link, ctx.c, ctx.company, ctx.codes, ctx.spectrum);
      })
      .catch(conflictOnUnique(() => this.ccoNumberTaken(String(patch.number))));
  }

  /** CCO-3: approved ones cannot be deleted; synced ones must be unlinked first. Permanent. */
  async deleteChangeOrder(actor: AuthUser, id: string): Promise<void> {
    await deleteChangeOrder(this.txHost, this.repo, this.audit, {
      actor,
      id,
      label: 'Commitment change order',
      itemType: 'commitment_change_order',
      toDomain: changeOrderToDomain,
    });
  }
}
