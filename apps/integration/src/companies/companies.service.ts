import { checkCompanyExport } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { syncFields } from '../links/item-view.js';
import type { LinkView } from '../links/links.repository.js';
import { type Page, toPage } from '../platform/http/pagination.js';
import { notFound } from '../platform/http/problem.js';
import { TransactionHost, type TxHost } from '../platform/transactions.js';
import { addressStateAsState, assertNotQueued, definedOnly, valuesBefore } from '../projects/pm-edits.js';
import {
  CompaniesRepository,
  type CompanyFields,
  type CompanyListFilter,
  type CompanyRecord,
  companyToDomain,
} from './companies.repository.js';

/**
 * API field names: the address's state is `addressState`, because `state` is the item's sync state (API-4).
 */
export type CompanyUpdateInput = Partial<Omit<CompanyFields, 'state'>> & {
  addressState?: string | null | undefined;
};
export type CompanyCreateInput = CompanyUpdateInput & { name: string };

const toFields = (input: CompanyUpdateInput): Partial<CompanyFields> => addressStateAsState(input);

/** The company directory (VEN-2 export eligibility; VEN-3: PM edits never update the Spectrum vendor). */
@Injectable()
export class CompaniesService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(CompaniesRepository) private readonly repo: CompaniesRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  private view(c: CompanyRecord, link: LinkView | null | undefined) {
    const { createdAt, updatedAt, state, ...fields } = c;
    return {
      ...fields,
      addressState: state,
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
      ...syncFields('company', link, { sendToErp: checkCompanyExport(companyToDomain(c, link)) }),
    };
  }

  async list(filter: CompanyListFilter, afterId: string | undefined, limit: number): Promise<Page<unknown>> {
    const rows = await this.repo.list(filter, afterId, limit + 1);
    const links = await this.repo.linksFor(rows.map((r) => r.id));
    return toPage(rows, limit, (r) => this.view(r, links.get(r.id)));
  }

  async get(id: string) {
    const c = await this.repo.findById(id);
    if (!c) throw notFound('Company', id);
    return this.view(c, await this.repo.linkFor(id));
  }

  async create(actor: AuthUser, input: CompanyCreateInput) {
    const c = await this.txHost.withTransaction(async () => {
      const created = await this.repo.create({
        name: input.name,
        address1: input.address1 ?? null,
        address2: input.address2 ?? null,
        city: input.city ?? null,
        state: input.addressState ?? null,
        zip: input.zip ?? null,
        phone: input.phone ?? null,
        fax: input.fax ?? null,
        email: input.email ?? null,
        contactName: input.contactName ?? null,
        vendorType: input.vendorType ?? null,
        isCustomer: input.isCustomer ?? false,
      });
      await this.audit.record({
        actorId: actor.id,
        action: 'company.create',
        itemType: 'company',
        itemId: created.id,
        after: input,
      });
      return created;
    });
    return this.view(c, null);
  }

  /** APP-1: a company waiting in (or moving through) the export queue is read-only. */
  async update(actor: AuthUser, id: string, input: CompanyUpdateInput) {
    const patch = definedOnly(toFields(input));
    const { c, link } = await this.txHost.withTransaction(async () => {
      await this.repo.lock(id);
      const before = await this.repo.findById(id);
      if (!before) throw notFound('Company', id);
      const link = await this.repo.linkFor(id);
      assertNotQueued(link, 'company', 'The company cannot be edited now.');
      const c = await this.repo.update(id, patch);
      await this.audit.record({
        actorId: actor.id,
        action: 'company.update',
        itemType: 'company',
        itemId: id,
        before: valuesBefore(before, patch),
        after: patch,
      });
      return { c, link };
    });
    return this.view(c, link);
  }
}
