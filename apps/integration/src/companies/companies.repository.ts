import type { Company, SyncState } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma } from '../generated/prisma/client.js';
import { activeSpectrumKey } from '../links/link-state.js';
import { LinksRepository, type LinkView } from '../links/links.repository.js';
import { escapeLike, likePattern, pageIdsInLinkState } from '../platform/db/sql-search.js';
import { type CurrentClient, loadWithLink, lockRow, type TxClient } from '../platform/db/transactions.js';
import { sideBySideIf } from '../platform/transactions.js';

export interface CompanyFields {
  name: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  contactName: string | null;
  vendorType: string | null;
  isCustomer: boolean;
}

export interface CompanyRecord extends CompanyFields {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A directory company without its timestamps: what the imports answer and audit. */
export type CompanyView = Pick<CompanyRecord, 'id'> & CompanyFields;

export function companyView(c: CompanyRecord): CompanyView {
  return {
    id: c.id,
    name: c.name,
    address1: c.address1,
    address2: c.address2,
    city: c.city,
    state: c.state,
    zip: c.zip,
    phone: c.phone,
    fax: c.fax,
    email: c.email,
    contactName: c.contactName,
    vendorType: c.vendorType,
    isCustomer: c.isCustomer,
  };
}

export interface CompanyListFilter {
  q?: string;
  state?: SyncState;
}

/** Storage → the `@bridge/rules` `Company`; `vendorCode` is the Spectrum key of its link (VEN-4). */
export function companyToDomain(c: CompanyRecord, link: LinkView | null | undefined): Company {
  return {
    id: c.id,
    name: c.name,
    address1: c.address1,
    address2: c.address2,
    city: c.city,
    state: c.state,
    zip: c.zip,
    phone: c.phone,
    fax: c.fax,
    email: c.email,
    contactName: c.contactName,
    vendorType: c.vendorType,
    vendorCode: activeSpectrumKey(link),
    isCustomer: c.isCustomer,
    syncState: link?.state ?? null,
  };
}

/** The company directory (the only code of the feature that touches Prisma). */
@Injectable()
export class CompaniesRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: CurrentClient,
    @Inject(LinksRepository) private readonly links: LinksRepository,
  ) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  /** Locks the row until the transaction ends (see `lockRow`). */
  lock(id: string): Promise<void> {
    return lockRow(this.db, 'Company', id);
  }

  async findById(id: string): Promise<CompanyRecord | null> {
    return this.db.company.findUnique({ where: { id } });
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, CompanyRecord>> {
    const out = new Map<string, CompanyRecord>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 5000) {
      const rows = await this.db.company.findMany({ where: { id: { in: unique.slice(i, i + 5000) } } });
      for (const r of rows) out.set(r.id, r);
    }
    return out;
  }

  /** Directory companies with no vendor/company link: the candidates of "link to existing" (VEN-1, VEN-6). */
  async unlinked(limit: number): Promise<CompanyRecord[]> {
    return this.db.$queryRawUnsafe<CompanyRecord[]>(
      `SELECT c."id", c."name", c."address1", c."address2", c."city", c."state", c."zip", c."phone", c."fax",
              c."email", c."contactName", c."vendorType", c."isCustomer", c."createdAt", c."updatedAt"
         FROM "Company" c
        WHERE NOT EXISTS (SELECT 1 FROM "SyncLink" l
                           WHERE l."type" IN ('vendor', 'company') AND l."pmId" = c."id"
                             AND l."state" <> 'unlinked' AND l."spectrumKey" IS NOT NULL)
        ORDER BY c."id"
        LIMIT $1`,
      limit,
    );
  }

  async list(filter: CompanyListFilter, afterId: string | undefined, take: number): Promise<CompanyRecord[]> {
    if (filter.state) {
      const ids = await pageIdsInLinkState(this.db, {
        table: 'Company',
        linkTypes: ['company', 'vendor'],
        state: filter.state,
        afterId,
        take,
        where: filter.q ? [Prisma.sql`t.name ILIKE ${likePattern(filter.q)}`] : [],
      });
      return this.db.company.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
    }
    const where: Prisma.CompanyWhereInput = {
      ...(afterId ? { id: { gt: afterId } } : {}),
      ...(filter.q ? { name: { contains: escapeLike(filter.q), mode: 'insensitive' as const } } : {}),
    };
    return this.db.company.findMany({ where, orderBy: { id: 'asc' }, take });
  }

  /**
   * The link of each company: its `company` link, or the `vendor` link an import or "link to existing" wrote with
   * the company as PM item (both name the Spectrum vendor code).
   */
  linksFor(ids: readonly string[]): Promise<Map<string, LinkView>> {
    return this.links.forItemsOrAlias('company', 'vendor', ids);
  }

  async linkFor(id: string): Promise<LinkView | null> {
    return (await this.linksFor([id])).get(id) ?? null;
  }

  /** The `@bridge/rules` Company with its link (read once per unit of work within `withReadMemo`). */
  loadDomain(id: string): Promise<Company | null> {
    return loadWithLink(
      this.txHost,
      `company:${id}`,
      () => this.findById(id),
      () => this.linkFor(id),
      companyToDomain,
    );
  }

  /** Domain companies by id, for the checks of many commitments at once. */
  async loadDomains(ids: readonly string[]): Promise<Map<string, Company>> {
    const [rows, links] = await sideBySideIf(
      this.txHost.isTransactionActive(),
      () => this.findByIds(ids),
      () => this.linksFor(ids),
    );
    return new Map([...rows].map(([id, c]) => [id, companyToDomain(c, links.get(id))]));
  }

  /** `createdAt` defaults to now (the imports pass their clock's time). */
  create(data: CompanyFields, createdAt?: Date): Promise<CompanyRecord> {
    return this.db.company.create({ data: createdAt ? { ...data, createdAt } : data });
  }

  update(id: string, patch: Partial<CompanyFields>): Promise<CompanyRecord> {
    return this.db.company.update({ where: { id }, data: patch });
  }
}
