import type { ChangeOrderStatus, IsoDateTime, PrimeContract, PrimeContractChangeOrder } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { Prisma } from '../generated/prisma/client.js';
import { LinksRepository, type LinkView } from '../links/links.repository.js';
import { centsFromDb, centsToDb, optionalCentsFromDb } from '../platform/db/money.js';
import { replaceChildRows } from '../platform/db/replace-child-rows.js';
import { type CurrentClient, lockRow, type TxClient } from '../platform/db/transactions.js';
import {
  type PccoFields,
  type PccoLineRecord,
  type PccoRecord,
  type PrimeContractRecord,
  type PrimeContractSpectrumFields,
  pccoToDomain,
  primeContractToDomain,
} from './prime-contract-records.js';

/** Snapshot kinds and key form the job import writes for Spectrum contracts (`job|customer`). */
const CONTRACT_KIND = 'contract';
const CONTRACT_ITEM_KIND = 'contract_item';
const contractKey = (jobNumber: string, customerCode: string) => `${jobNumber.trim()}|${customerCode.trim()}`;

const pccoInclude = { lines: { orderBy: { position: 'asc' as const } } };
const contractInclude = { lines: { orderBy: { billingItem: 'asc' as const } } };

const contractRecord = (
  r: Prisma.PrimeContractGetPayload<{ include: typeof contractInclude }>,
): PrimeContractRecord => ({
  id: r.id,
  projectId: r.projectId,
  jobNumber: r.jobNumber,
  customerCode: r.customerCode,
  title: r.title,
  status: r.status,
  unitPrice: r.unitPrice,
  originalContractCents: centsFromDb(r.originalContractCents),
  lastImportedAt: r.lastImportedAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  lines: r.lines.map((l) => ({
    billingItem: l.billingItem,
    description: l.description,
    amountCents: centsFromDb(l.amountCents),
  })),
});

const pccoRecord = (
  r: Prisma.PrimeContractChangeOrderGetPayload<{ include: typeof pccoInclude }>,
): PccoRecord => ({
  id: r.id,
  primeContractId: r.primeContractId,
  number: r.number,
  title: r.title,
  description: r.description,
  status: r.status as ChangeOrderStatus,
  unitPrice: r.unitPrice,
  approvedDate: r.approvedDate,
  createdById: r.createdById,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  lines: r.lines.map((l) => ({
    billingItemCode: l.billingItemCode,
    description: l.description,
    amountCents: centsFromDb(l.amountCents),
    costCode: l.costCode,
    costType: l.costType,
    costAmountCents: optionalCentsFromDb(l.costAmountCents),
  })),
});

const lineData = (lines: readonly PccoLineRecord[]) =>
  lines.map((l, position) => ({
    position,
    billingItemCode: l.billingItemCode,
    description: l.description,
    amountCents: centsToDb(l.amountCents),
    costCode: l.costCode,
    costType: l.costType,
    costAmountCents: l.costAmountCents === null ? null : centsToDb(l.costAmountCents),
  }));

/** Prime contracts (imported, read-only here) and their change orders (the only code that touches Prisma). */
@Injectable()
export class PrimeContractsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: CurrentClient,
    @Inject(LinksRepository) private readonly links: LinksRepository,
  ) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  /** Locks the row until the transaction ends (see `lockRow`). */
  lockChangeOrder(id: string): Promise<void> {
    return lockRow(this.db, 'PrimeContractChangeOrder', id);
  }

  async findById(id: string): Promise<PrimeContractRecord | null> {
    const r = await this.db.primeContract.findUnique({ where: { id }, include: contractInclude });
    return r ? contractRecord(r) : null;
  }

  async findByKey(jobNumber: string, customerCode: string): Promise<PrimeContractRecord | null> {
    const r = await this.db.primeContract.findUnique({
      where: { jobNumber_customerCode: { jobNumber, customerCode } },
      include: contractInclude,
    });
    return r ? contractRecord(r) : null;
  }

  /** PC-1: a contract and its billing items as Spectrum has them, imported into a project at `at`. */
  async createImported(
    key: { projectId: string; jobNumber: string; customerCode: string },
    data: PrimeContractSpectrumFields,
    at: Date,
  ): Promise<PrimeContractRecord> {
    const r = await this.db.primeContract.create({
      data: {
        ...key,
        title: data.title,
        status: data.status,
        unitPrice: data.unitPrice,
        originalContractCents: centsToDb(data.originalContractCents),
        lastImportedAt: at,
        lines: {
          create: data.lines.map((l) => ({
            billingItem: l.billingItem,
            description: l.description,
            amountCents: centsToDb(l.amountCents),
          })),
        },
      },
      include: contractInclude,
    });
    return contractRecord(r);
  }

  /** PC-2/PC-3: overwrites the contract and its lines with Spectrum's values (lines Spectrum no longer has go). */
  async overwriteImported(
    id: string,
    data: PrimeContractSpectrumFields,
    at: Date,
  ): Promise<PrimeContractRecord> {
    await this.db.primeContract.update({
      where: { id },
      data: {
        title: data.title,
        status: data.status,
        unitPrice: data.unitPrice,
        originalContractCents: centsToDb(data.originalContractCents),
        lastImportedAt: at,
      },
    });
    const keep = data.lines.map((l) => l.billingItem);
    await this.db.primeContractLine.deleteMany({
      where: { primeContractId: id, billingItem: { notIn: keep } },
    });
    for (const l of data.lines) {
      await this.db.primeContractLine.upsert({
        where: { primeContractId_billingItem: { primeContractId: id, billingItem: l.billingItem } },
        create: {
          primeContractId: id,
          billingItem: l.billingItem,
          description: l.description,
          amountCents: centsToDb(l.amountCents),
        },
        update: { description: l.description, amountCents: centsToDb(l.amountCents) },
      });
    }
    return (await this.findById(id)) as PrimeContractRecord;
  }

  async list(
    filter: { projectId?: string },
    afterId: string | undefined,
    take: number,
  ): Promise<PrimeContractRecord[]> {
    const rows = await this.db.primeContract.findMany({
      where: {
        ...(afterId ? { id: { gt: afterId } } : {}),
        ...(filter.projectId ? { projectId: filter.projectId } : {}),
      },
      orderBy: { id: 'asc' },
      take,
      include: contractInclude,
    });
    return rows.map(contractRecord);
  }

  /** The prime contracts of several projects with their lines, in id order (the reconciliation's page of jobs). */
  async ofProjects(projectIds: readonly string[]): Promise<PrimeContractRecord[]> {
    if (projectIds.length === 0) return [];
    const rows = await this.db.primeContract.findMany({
      where: { projectId: { in: [...projectIds] } },
      orderBy: { id: 'asc' },
      include: contractInclude,
    });
    return rows.map(contractRecord);
  }

  linksFor(ids: readonly string[]): Promise<Map<string, LinkView>> {
    return this.links.forItems('prime_contract', ids);
  }

  changeOrderLinksFor(ids: readonly string[]): Promise<Map<string, LinkView>> {
    return this.links.forItems('prime_contract_change_order', ids);
  }

  /**
   * PCCO-1: when Spectrum last changed the contract or one of its billing items, as the import's snapshot saw it
   * (null when the snapshot has no record of it).
   */
  async spectrumChangedAt(
    c: Pick<PrimeContractRecord, 'jobNumber' | 'customerCode'>,
  ): Promise<IsoDateTime | null> {
    const key = contractKey(c.jobNumber, c.customerCode);
    const r = await this.db.spectrumRecord.aggregate({
      where: {
        OR: [
          { kind: CONTRACT_KIND, key },
          { kind: CONTRACT_ITEM_KIND, parentKey: key },
        ],
      },
      _max: { changedAt: true },
    });
    return r._max.changedAt?.toISOString() ?? null;
  }

  /** The `@bridge/rules` `PrimeContract` with its link (for eligibility checks and the export flows). */
  async loadDomain(id: string): Promise<PrimeContract | null> {
    const c = await this.findById(id);
    if (!c) return null;
    return primeContractToDomain(c, (await this.linksFor([id])).get(id));
  }

  /** The `@bridge/rules` `PrimeContractChangeOrder` with its link. */
  async loadChangeOrderDomain(id: string): Promise<PrimeContractChangeOrder | null> {
    const c = await this.findChangeOrder(id);
    if (!c) return null;
    return pccoToDomain(c, (await this.changeOrderLinksFor([id])).get(id));
  }

  async changeOrdersOf(contractIds: readonly string[]): Promise<PccoRecord[]> {
    if (contractIds.length === 0) return [];
    const rows = await this.db.primeContractChangeOrder.findMany({
      where: { primeContractId: { in: [...contractIds] } },
      orderBy: { id: 'asc' },
      include: pccoInclude,
    });
    return rows.map(pccoRecord);
  }

  async approvedChangeOrderCount(primeContractId: string): Promise<number> {
    return this.db.primeContractChangeOrder.count({ where: { primeContractId, status: 'approved' } });
  }

  async findChangeOrder(id: string): Promise<PccoRecord | null> {
    const r = await this.db.primeContractChangeOrder.findUnique({ where: { id }, include: pccoInclude });
    return r ? pccoRecord(r) : null;
  }

  async createChangeOrder(
    primeContractId: string,
    data: PccoFields & { createdById: string; createdAt: Date },
    lines: readonly PccoLineRecord[],
  ): Promise<PccoRecord> {
    const r = await this.db.primeContractChangeOrder.create({
      data: { ...data, primeContractId, lines: { create: lineData(lines) } },
      include: pccoInclude,
    });
    return pccoRecord(r);
  }

  async updateChangeOrder(
    id: string,
    patch: Partial<PccoFields>,
    lines: readonly PccoLineRecord[] | undefined,
  ): Promise<PccoRecord> {
    if (lines) {
      await replaceChildRows(this.db.primeContractChangeOrderLine, { changeOrderId: id }, lineData(lines));
    }
    const r = await this.db.primeContractChangeOrder.update({
      where: { id },
      data: patch,
      include: pccoInclude,
    });
    return pccoRecord(r);
  }

  async deleteChangeOrder(id: string): Promise<void> {
    await this.links.delete('prime_contract_change_order', id);
    await this.db.primeContractChangeOrder.delete({ where: { id } });
  }

  /** The customer of a project's prime contract (the one change requests of its job are written for), if any. */
  async contractCustomer(projectId: string): Promise<string | null> {
    const c = await this.db.primeContract.findFirst({
      where: { projectId },
      orderBy: { id: 'asc' },
      select: { customerCode: true },
    });
    return c?.customerCode ?? null;
  }
}
