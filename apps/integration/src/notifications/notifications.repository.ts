import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';

export interface WaitingExport {
  id: string;
  type: string;
  itemId: string;
  title: string;
  sentById: string;
  sentAt: Date;
}

/** A synced export whose read-back found that Spectrum holds other values (VER-5). */
export interface DriftedExport {
  id: string;
  type: string;
  itemId: string;
  title: string;
  spectrumKey: string | null;
  checkedAt: Date;
}

/** The item's number and title from a request's payload snapshot (`{ item: {...} }`). */
function titleOf(payload: unknown, fallback: string): string {
  const outer = (payload ?? {}) as Record<string, unknown>;
  const p = (typeof outer.item === 'object' && outer.item !== null ? outer.item : outer) as Record<
    string,
    unknown
  >;
  const number = typeof p.number === 'string' ? p.number : null;
  const name = typeof p.title === 'string' ? p.title : typeof p.name === 'string' ? p.name : null;
  return [number, name].filter(Boolean).join(' ') || fallback;
}

@Injectable()
export class NotificationsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  async waitingExports(): Promise<WaitingExport[]> {
    const rows = await this.db.exportRequest.findMany({
      where: { state: 'ready_to_export' },
      orderBy: { sentAt: 'asc' },
    });
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      itemId: r.itemId,
      title: titleOf(r.payload, r.itemId),
      sentById: r.sentById,
      sentAt: r.sentAt,
    }));
  }

  /**
   * VER-5: synced exports Spectrum no longer holds as written (their last read-back found drift), oldest check
   * first, at most `take`.
   */
  async driftedExports(take = 200): Promise<DriftedExport[]> {
    const rows = await this.db.exportRequest.findMany({
      where: { state: 'synced', verificationState: 'drift' },
      orderBy: { verifiedAt: 'asc' },
      take,
    });
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      itemId: r.itemId,
      title: titleOf(r.payload, r.itemId),
      spectrumKey: r.spectrumKey,
      checkedAt: r.verifiedAt ?? r.updatedAt,
    }));
  }

  /** The title an item had when it was sent (from the request's payload snapshot). */
  async requestTitle(requestId: string): Promise<string | null> {
    const r = await this.db.exportRequest.findUnique({ where: { id: requestId } });
    return r ? titleOf(r.payload, r.itemId) : null;
  }

  /** Who created the item (COM-3 notifies the creator), where the item records it. */
  async creatorOf(type: string, itemId: string): Promise<string | null> {
    switch (type) {
      case 'commitment':
        return (await this.db.commitment.findUnique({ where: { id: itemId } }))?.createdById ?? null;
      case 'commitment_change_order':
        return (
          (await this.db.commitmentChangeOrder.findUnique({ where: { id: itemId } }))?.createdById ?? null
        );
      case 'prime_contract_change_order':
        return (
          (await this.db.primeContractChangeOrder.findUnique({ where: { id: itemId } }))?.createdById ?? null
        );
      default:
        return null;
    }
  }

  /** Claims the day's summary: true for exactly one caller per day, whatever the number of instances (APP-5). */
  async claimDay(day: string, count: number, at: Date): Promise<boolean> {
    const r = await this.db.dailySummary.createMany({
      data: [{ day, count, sentAt: at }],
      skipDuplicates: true,
    });
    return r.count === 1;
  }

  /** Gives the day back when no mail could be sent, so a later tick tries again. */
  async releaseDay(day: string): Promise<void> {
    await this.db.dailySummary.deleteMany({ where: { day } });
  }
}
