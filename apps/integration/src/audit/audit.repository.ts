import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { Prisma } from '../generated/prisma/client.js';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  itemType?: string | null;
  itemId?: string | null;
  before?: unknown;
  after?: unknown;
  note?: string | null;
  /** OPS-4: the request (or export run) it belongs to. */
  correlationId?: string | null;
}

export interface AuditFilter {
  correlationId?: string;
  actorId?: string;
  action?: string;
  itemType?: string;
  itemId?: string;
  from?: Date;
  to?: Date;
}

const json = (v: unknown) =>
  v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

@Injectable()
export class AuditRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  async insert(entry: AuditEntry, at: Date): Promise<void> {
    await this.db.auditEvent.create({
      data: {
        at,
        actorId: entry.actorId,
        action: entry.action,
        itemType: entry.itemType ?? null,
        itemId: entry.itemId ?? null,
        before: json(entry.before),
        after: json(entry.after),
        note: entry.note ?? null,
        correlationId: entry.correlationId ?? null,
      },
    });
  }

  async list(filter: AuditFilter, afterId: string | undefined, take: number) {
    return this.db.auditEvent.findMany({
      where: {
        ...(filter.actorId ? { actorId: filter.actorId } : {}),
        ...(filter.correlationId ? { correlationId: filter.correlationId } : {}),
        ...(filter.action ? { action: { startsWith: filter.action } } : {}),
        ...(filter.itemType ? { itemType: filter.itemType } : {}),
        ...(filter.itemId ? { itemId: filter.itemId } : {}),
        ...(filter.from || filter.to
          ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
          : {}),
        ...(afterId ? { id: { lt: afterId } } : {}),
      },
      orderBy: { id: 'desc' },
      take,
    });
  }
}
