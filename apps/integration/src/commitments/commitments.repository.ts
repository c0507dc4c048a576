import type {
  ChangeOrderStatus,
  Commitment,
  CommitmentChangeOrder,
  CommitmentStatus,
  SovLine,
  SyncState,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma } from '../generated/prisma/client.js';
import { activeSpectrumKey } from '../links/link-state.js';
import { LinksRepository, type LinkView } from '../links/links.repository.js';
import { centsFromDb, centsToDb } from '../platform/db/money.js';
import { replaceChildRows } from '../platform/db/replace-child-rows.js';
import { pageIdsInLinkState } from '../platform/db/sql-search.js';
import { type CurrentClient, loadWithLink, lockRow, type TxClient } from '../platform/db/transactions.js';

export interface SovLineRecord {
  costCode: string;
  costType: string;
  description: string | null;
  amountCents: number;
  taxCode?: string | null;
}

export interface CommitmentFields {
  projectId: string;
  companyId: string;
  kind: Commitment['kind'];
  number: string;
  title: string;
  description: string | null;
  status: CommitmentStatus;
  contractDate: string | null;
}

export interface CommitmentRecord extends CommitmentFields {
  id: string;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  lines: SovLineRecord[];
}

export interface ChangeOrderFields {
  number: string;
  title: string;
  description: string | null;
  status: ChangeOrderStatus;
  date: string | null;
}

export interface ChangeOrderRecord extends ChangeOrderFields {
  id: string;
  commitmentId: string;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  lines: SovLineRecord[];
}

export interface CommitmentListFilter {
  projectId?: string;
  state?: SyncState;
  kind?: Commitment['kind'];
}

type LineRow = {
  costCode: string;
  costType: string;
  description: string | null;
  amountCents: bigint;
  taxCode?: string | null;
};

const lineRecord = (l: LineRow): SovLineRecord => ({
  costCode: l.costCode,
  costType: l.costType,
  description: l.description,
  amountCents: centsFromDb(l.amountCents),
  ...(l.taxCode !== undefined ? { taxCode: l.taxCode } : {}),
});

const lines = { lines: { orderBy: { position: 'asc' as const } } };

const commitmentRecord = (r: Prisma.CommitmentGetPayload<{ include: typeof lines }>): CommitmentRecord => ({
  id: r.id,
  projectId: r.projectId,
  companyId: r.companyId,
  kind: r.kind as Commitment['kind'],
  number: r.number,
  title: r.title,
  description: r.description,
  status: r.status as CommitmentStatus,
  contractDate: r.contractDate,
  createdById: r.createdById,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  lines: r.lines.map(lineRecord),
});

const changeOrderRecord = (
  r: Prisma.CommitmentChangeOrderGetPayload<{ include: typeof lines }>,
): ChangeOrderRecord => ({
  id: r.id,
  commitmentId: r.commitmentId,
  number: r.number,
  title: r.title,
  description: r.description,
  status: r.status as ChangeOrderStatus,
  date: r.date,
  createdById: r.createdById,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  lines: r.lines.map(lineRecord),
});

const domainLine = (l: SovLineRecord): SovLine => ({
  costCode: l.costCode,
  costType: l.costType,
  description: l.description,
  amount: l.amountCents,
  taxCode: l.taxCode ?? null,
});

/** Storage → the `@bridge/rules` `Commitment` (the same mapping the export flows use). */
export function commitmentToDomain(c: CommitmentRecord, link: LinkView | null | undefined): Commitment {
  return {
    id: c.id,
    kind: c.kind,
    number: c.number,
    title: c.title,
    description: c.description,
    status: c.status,
    companyId: c.companyId,
    projectId: c.projectId,
    lines: c.lines.map(domainLine),
    contractDate: c.contractDate,
    syncState: link?.state ?? null,
    spectrumKey: activeSpectrumKey(link),
    createdBy: c.createdById,
  };
}

/** Storage → the `@bridge/rules` `CommitmentChangeOrder`. */
export function changeOrderToDomain(
  c: ChangeOrderRecord,
  link: LinkView | null | undefined,
): CommitmentChangeOrder {
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    description: c.description,
    status: c.status,
    commitmentId: c.commitmentId,
    lines: c.lines.map(domainLine),
    date: c.date,
    syncState: link?.state ?? null,
    spectrumKey: activeSpectrumKey(link),
  };
}

const lineData = (ls: readonly SovLineRecord[], withTax: boolean) =>
  ls.map((l, position) => ({
    position,
    costCode: l.costCode,
    costType: l.costType,
    description: l.description,
    amountCents: centsToDb(l.amountCents),
    ...(withTax ? { taxCode: l.taxCode ?? null } : {}),
  }));

/** Commitments, their schedules of values and change orders (the only code of the feature that touches Prisma). */
@Injectable()
export class CommitmentsRepository {
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
    return lockRow(this.db, 'Commitment', id);
  }

  /** Locks the row until the transaction ends (see `lockRow`). */
  lockChangeOrder(id: string): Promise<void> {
    return lockRow(this.db, 'CommitmentChangeOrder', id);
  }

  async findById(id: string): Promise<CommitmentRecord | null> {
    const r = await this.db.commitment.findUnique({ where: { id }, include: lines });
    return r ? commitmentRecord(r) : null;
  }

  async list(
    filter: CommitmentListFilter,
    afterId: string | undefined,
    take: number,
  ): Promise<CommitmentRecord[]> {
    let where: Prisma.CommitmentWhereInput;
    if (filter.state) {
      const ids = await pageIdsInLinkState(this.db, {
        table: 'Commitment',
        linkTypes: ['commitment'],
        state: filter.state,
        afterId,
        take,
        where: [
          ...(filter.projectId ? [Prisma.sql`t."projectId" = ${filter.projectId}`] : []),
          ...(filter.kind ? [Prisma.sql`t.kind = ${filter.kind}`] : []),
        ],
      });
      where = { id: { in: ids } };
    } else {
      where = {
        ...(afterId ? { id: { gt: afterId } } : {}),
        ...(filter.projectId ? { projectId: filter.projectId } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
      };
    }
    const rows = await this.db.commitment.findMany({
      where,
      orderBy: { id: 'asc' },
      take,
      include: lines,
    });
    return rows.map(commitmentRecord);
  }

  /** The commitments of several projects with their lines, in id order (the reconciliation's page of jobs). */
  async ofProjects(projectIds: readonly string[]): Promise<CommitmentRecord[]> {
    if (projectIds.length === 0) return [];
    const rows = await this.db.commitment.findMany({
      where: { projectId: { in: [...projectIds] } },
      orderBy: { id: 'asc' },
      include: lines,
    });
    return rows.map(commitmentRecord);
  }

  linksFor(ids: readonly string[]): Promise<Map<string, LinkView>> {
    return this.links.forItems('commitment', ids);
  }

  async linkFor(id: string): Promise<LinkView | null> {
    return this.links.forItem('commitment', id);
  }

  changeOrderLinksFor(ids: readonly string[]): Promise<Map<string, LinkView>> {
    return this.links.forItems('commitment_change_order', ids);
  }

  /** The `@bridge/rules` Commitment with its link (read once per unit of work within `withReadMemo`). */
  loadDomain(id: string): Promise<Commitment | null> {
    return loadWithLink(
      this.txHost,
      `commitment:${id}`,
      () => this.findById(id),
      () => this.linkFor(id),
      commitmentToDomain,
    );
  }

  /** The `@bridge/rules` `CommitmentChangeOrder` with its link. */
  async loadChangeOrderDomain(id: string): Promise<CommitmentChangeOrder | null> {
    const c = await this.findChangeOrder(id);
    if (!c) return null;
    return changeOrderToDomain(c, (await this.changeOrderLinksFor([id])).get(id));
  }

  async create(
    data: CommitmentFields & { createdById: string; createdAt: Date },
    sov: readonly SovLineRecord[],
  ): Promise<CommitmentRecord> {
    const r = await this.db.commitment.create({
      data: { ...data, lines: { create: lineData(sov, true) } },
      include: lines,
    });
    return commitmentRecord(r);
  }

  /** Updates the header fields and, when given, replaces the schedule of values. */
  async update(
    id: string,
    patch: Partial<CommitmentFields>,
    sov: readonly SovLineRecord[] | undefined,
  ): Promise<CommitmentRecord> {
    if (sov) {
      await replaceChildRows(this.db.commitmentLine, { commitmentId: id }, lineData(sov, true));
    }
    const r = await this.db.commitment.update({ where: { id }, data: patch, include: lines });
    return commitmentRecord(r);
  }

  /** Deletes the commitment, its lines, its change orders and their links, for good (COM-5). */
  async delete(id: string): Promise<void> {
    const ccos = await this.db.commitmentChangeOrder.findMany({
      where: { commitmentId: id },
      select: { id: true },
    });
    for (const c of ccos) await this.links.delete('commitment_change_order', c.id);
    await this.links.delete('commitment', id);
    await this.db.commitment.delete({ where: { id } });
  }

  async changeOrdersOf(commitmentIds: readonly string[]): Promise<ChangeOrderRecord[]> {
    if (commitmentIds.length === 0) return [];
    const rows = await this.db.commitmentChangeOrder.findMany({
      where: { commitmentId: { in: [...commitmentIds] } },
      orderBy: { id: 'asc' },
      include: lines,
    });
    return rows.map(changeOrderRecord);
  }

  async findChangeOrder(id: string): Promise<ChangeOrderRecord | null> {
    const r = await this.db.commitmentChangeOrder.findUnique({ where: { id }, include: lines });
    return r ? changeOrderRecord(r) : null;
  }

  async createChangeOrder(
    commitmentId: string,
    data: ChangeOrderFields & { createdById: string; createdAt: Date },
    sov: readonly SovLineRecord[],
  ): Promise<ChangeOrderRecord> {
    const r = await this.db.commitmentChangeOrder.create({
      data: { ...data, commitmentId, lines: { create: lineData(sov, false) } },
      include: lines,
    });
    return changeOrderRecord(r);
  }

  async updateChangeOrder(
    id: string,
    patch: Partial<ChangeOrderFields>,
    sov: readonly SovLineRecord[] | undefined,
  ): Promise<ChangeOrderRecord> {
    if (sov) {
      await replaceChildRows(this.db.commitmentChangeOrderLine, { changeOrderId: id }, lineData(sov, false));
    }
    const r = await this.db.commitmentChangeOrder.update({ where: { id }, data: patch, include: lines });
    return changeOrderRecord(r);
  }

  async deleteChangeOrder(id: string): Promise<void> {
    await this.links.delete('commitment_change_order', id);
    await this.db.commitmentChangeOrder.delete({ where: { id } });
  }
}
