import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../generated/prisma/client.js';
import { PRISMA } from '../platform/tokens.js';

export interface WaitingExport {
  id: string;
  type: string;
  itemId: string;
  title: string;
  sentById: string;
  sentAt: Date;
}

function titleOf(payload: unknown, fallback: string): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  const number = typeof p.number === 'string' ? p.number : null;
  const name = typeof p.title === 'string' ? p.title : typeof p.name === 'string' ? p.name : null;
  return [number, name].filter(Boolean).join(' ') || fallback;
}

@Injectable()
export class NotificationsRepository {
  constructor(@Inject(PRISMA) private readonly db: PrismaClient) {}

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
